#include <catch2/catch.hpp>

#include "core/errors.hpp"
#include "infra/rapid/river.hpp"

using namespace rt::rapid;

namespace {
Message msg(const char* text) { return Message::parse(text); }
}  // namespace

TEST_CASE("message: nested keys, presence and strings") {
    auto m = msg(R"({"@event_name":"x","synlighet":{"erSynlig":false,"ferdigBeregnet":true},"tom":null})");
    REQUIRE(m.event_name() == "x");
    REQUIRE(m.has("synlighet.erSynlig"));
    REQUIRE(m.find("synlighet.erSynlig")->as_bool() == false);
    REQUIRE_FALSE(m.has("synlighet.sperret"));
    REQUIRE_FALSE(m.has("tom"));
    REQUIRE(m.find("tom") != nullptr);
    REQUIRE_FALSE(m.has("@event_name.deeper"));
    REQUIRE(m.string("synlighet") == "");
}

TEST_CASE("message: text that is not a JSON object is a permanent error") {
    REQUIRE_THROWS_AS(Message::parse("not json"), rt::PermanentError);
    REQUIRE_THROWS_AS(Message::parse("[1,2]"), rt::PermanentError);
    REQUIRE_THROWS_AS(Message::parse(""), rt::PermanentError);
    REQUIRE_THROWS_AS(Message::parse("{\"a\":"), rt::PermanentError);
}

TEST_CASE("message: a number beyond a double's range is a permanent error, so no copy writes Infinity") {
    REQUIRE_THROWS_AS(Message::parse(R"({"a":1e400})"), rt::PermanentError);
    REQUIRE_THROWS_AS(Message::parse(R"({"a":{"b":[1,-1e400]}})"), rt::PermanentError);
    REQUIRE_THROWS_AS(Message::parse(R"({"fodselmer":0e505})"), rt::PermanentError);
    auto m = Message::parse(R"({"a":1.7e308,"b":[0e-505,215059012378025802476]})");
    auto again = Message::parse(m.serialize());
    REQUIRE(again.json().at("a").as_double() == Approx(1.7e308));
    REQUIRE(again.json().at("b").as_array().size() == 2);
}

TEST_CASE("message: a copy counts the read even at the end of system_read_count's type, without overflow") {
    Deltaker d{"host-1"};
    Lesning lesning{"2025-06-01T14:00:00.000000", &d};
    auto count_after_read = [&](const std::string& count) {
        auto m = Message::parse(R"({"system_read_count":)" + count + "}");
        m.merk_lest(lesning);
        Message copy = m;
        return copy.json().at("system_read_count");
    };
    REQUIRE(count_after_read("2").as_int64() == 3);
    REQUIRE(count_after_read("2.9").as_int64() == 3);
    REQUIRE(count_after_read("9223372036854775807").as_int64() == INT64_MAX);
    REQUIRE(count_after_read("18446744073709551615").as_uint64() == UINT64_MAX);
    REQUIRE(count_after_read("4.4e101").as_double() == Approx(4.4e101));
    REQUIRE(count_after_read("\"tre\"").as_int64() == 0);
}

TEST_CASE("require_key: present and not null") {
    auto rule = require_key("fodselsnummer");
    REQUIRE_FALSE(rule.check(msg(R"({"fodselsnummer":"01010012345"})")));
    REQUIRE(rule.check(msg(R"({"fodselsnummer":null})")));
    REQUIRE(rule.check(msg(R"({})")));
}

TEST_CASE("require_value: string and bool equality") {
    auto name = require_value("@event_name", std::string("ping"));
    REQUIRE_FALSE(name.check(msg(R"({"@event_name":"ping"})")));
    REQUIRE(name.check(msg(R"({"@event_name":"pong"})")));
    REQUIRE(name.check(msg(R"({})")));
    auto flag = require_value("synlighet.ferdigBeregnet", true);
    REQUIRE_FALSE(flag.check(msg(R"({"synlighet":{"ferdigBeregnet":true}})")));
    REQUIRE(flag.check(msg(R"({"synlighet":{"ferdigBeregnet":false}})")));
    REQUIRE(flag.check(msg(R"({"synlighet":{"ferdigBeregnet":"true"}})")));
}

TEST_CASE("require_any: one of several values") {
    auto rule = require_any("@event_name", {"a", "b"});
    REQUIRE_FALSE(rule.check(msg(R"({"@event_name":"a"})")));
    REQUIRE_FALSE(rule.check(msg(R"({"@event_name":"b"})")));
    REQUIRE(rule.check(msg(R"({"@event_name":"c"})")));
}

TEST_CASE("forbid_key: present and not null fails") {
    auto rule = forbid_key("aktørId");
    REQUIRE_FALSE(rule.check(msg(R"({})")));
    REQUIRE_FALSE(rule.check(msg(R"({"aktørId":null})")));
    REQUIRE(rule.check(msg(R"({"aktørId":"123"})")));
}

TEST_CASE("interested_in never fails, a rule's reason never quotes the value") {
    REQUIRE_FALSE(interested_in("x").check(msg(R"({})")));
    auto why = require_value("fodselsnummer", std::string("01010012345")).check(msg(R"({"fodselsnummer":"31129912345"})"));
    REQUIRE(why);
    REQUIRE(why->find("31129912345") == std::string::npos);
}
