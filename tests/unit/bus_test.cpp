#include <catch2/catch.hpp>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "core/bus.hpp"

namespace {
struct Invitert {
    std::string hendelse_id;
};
struct Avlyst {
    int antall;
};
}  // namespace

TEST_CASE("bus delivers a published struct to every subscriber of its type, in order") {
    rt::Bus bus;
    std::vector<std::string> seen;
    bus.subscribe<Invitert>([&](const Invitert& e) { seen.push_back("a:" + e.hendelse_id); });
    bus.subscribe<Invitert>([&](const Invitert& e) { seen.push_back("b:" + e.hendelse_id); });
    bus.subscribe<Avlyst>([&](const Avlyst& e) { seen.push_back("avlyst:" + std::to_string(e.antall)); });

    bus.publish(Invitert{"h1"});
    REQUIRE(seen == std::vector<std::string>{"a:h1", "b:h1"});
    bus.publish(Avlyst{3});
    REQUIRE(seen.back() == "avlyst:3");
    REQUIRE(bus.subscriber_count<Invitert>() == 2);
}

TEST_CASE("bus publishes with no subscribers without effect") {
    rt::Bus bus;
    REQUIRE_NOTHROW(bus.publish(Avlyst{1}));
    REQUIRE(bus.subscriber_count<Avlyst>() == 0);
}

TEST_CASE("bus dispatches synchronously in the publisher's thread") {
    rt::Bus bus;
    std::thread::id handler_thread;
    bus.subscribe<Avlyst>([&](const Avlyst&) { handler_thread = std::this_thread::get_id(); });
    bus.publish(Avlyst{1});
    REQUIRE(handler_thread == std::this_thread::get_id());
}

TEST_CASE("an error in a subscriber reaches the publisher and stops later subscribers") {
    rt::Bus bus;
    int later = 0;
    bus.subscribe<Invitert>([](const Invitert&) { throw std::runtime_error("kortet kunne ikke lagres"); });
    bus.subscribe<Invitert>([&](const Invitert&) { ++later; });
    REQUIRE_THROWS_WITH(bus.publish(Invitert{"h"}), "kortet kunne ikke lagres");
    REQUIRE(later == 0);
}
