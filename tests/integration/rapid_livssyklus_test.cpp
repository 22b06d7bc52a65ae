// The service's life-cycle events on the rapid, with the names the platform injects.
#include <catch2/catch.hpp>

#include "core/ids.hpp"
#include "support/component.hpp"
#include "support/eventually.hpp"
#include "support/kafka_test_support.hpp"

using namespace rt;
using rt::test::eventually;

TEST_CASE("service on Kafka: up, ready, then on stop application_stop before application_down, with the NAIS names") {
    auto topic = test::fresh_topic("rapid_tjeneste");
    test::ComponentOptions o;
    o.kafka = true;
    o.rapid_topic = topic;
    o.configure = [](Config& c) {
        c.nais_app_name = "rekrutteringstreff-api";
        c.nais_cluster_name = "prod-gcp";
        c.nais_namespace = "toi";
        c.nais_app_image = "europe-north1-docker.pkg.dev/nais-management/toi/rekrutteringstreff-api:2025.10.01-abc";
    };
    test::Component c(o);
    REQUIRE(eventually([&] { return c.service->topics().assigned_partitions() > 0; }, std::chrono::seconds(30)));
    c.service->stop();

    std::vector<std::string> hendelser;
    for (const auto& r : test::read_to_end(topic)) {
        auto m = boost::json::parse(r.value).as_object();
        std::string navn(m.at("@event_name").as_string());
        if (!navn.starts_with("application_")) continue;
        hendelser.push_back(navn);
        INFO(r.value);
        REQUIRE_FALSE(r.key.has_value());
        REQUIRE(m.at("app_name").as_string() == "rekrutteringstreff-api-prod-gcp-toi");
        REQUIRE(m.at("instance_id").as_string() == "test-instans");
        const auto& entry = m.at("system_participating_services").at(0).as_object();
        REQUIRE(entry.at("service").as_string() == "rekrutteringstreff-api");
        REQUIRE(entry.at("instance").as_string() == "test-instans");
        REQUIRE(entry.at("image").as_string() == "europe-north1-docker.pkg.dev/nais-management/toi/rekrutteringstreff-api:2025.10.01-abc");
        REQUIRE(parse_uuid(m.at("@id").as_string()));
    }
    REQUIRE(hendelser == std::vector<std::string>{"application_up", "application_ready", "application_stop", "application_down",
                                                  "application_not_ready"});
}
