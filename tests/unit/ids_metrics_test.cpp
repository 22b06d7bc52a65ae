#include <catch2/catch.hpp>
#include <set>

#include "core/ids.hpp"
#include "infra/log.hpp"
#include "infra/metrics.hpp"

TEST_CASE("new UUIDs are version 4, canonical and distinct") {
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i) {
        auto id = rt::new_uuid();
        REQUIRE(id.size() == 36);
        REQUIRE(id[14] == '4');
        REQUIRE(rt::parse_uuid(id) == id);
        seen.insert(id);
    }
    REQUIRE(seen.size() == 1000);
}

TEST_CASE("parse_uuid accepts canonical UUIDs in any case and refuses others") {
    REQUIRE(rt::parse_uuid("6F1C3A52-9B7E-4C2D-8E1F-0A1B2C3D4E5F") == "6f1c3a52-9b7e-4c2d-8e1f-0a1b2c3d4e5f");
    REQUIRE_FALSE(rt::parse_uuid("6f1c3a52-9b7e-4c2d-8e1f-0a1b2c3d4e5").has_value());
    REQUIRE_FALSE(rt::parse_uuid("6f1c3a52x9b7e-4c2d-8e1f-0a1b2c3d4e5f").has_value());
    REQUIRE_FALSE(rt::parse_uuid("' OR 1=1 --").has_value());
}

TEST_CASE("metrics render counters, histograms and callback gauges in Prometheus text format") {
    rt::Metrics m;
    m.describe("http_requests_total", "HTTP requests");
    m.add("http_requests_total", {{"route", "/isalive"}, {"status", "200"}});
    m.add("http_requests_total", {{"route", "/isalive"}, {"status", "200"}});
    m.observe("http_request_duration_seconds", {{"route", "/isalive"}}, 0.003);
    int reads = 0;
    m.gauge_callback("outbox_backlog", [&] {
        ++reads;
        return rt::Metrics::Samples{{{{"outbox", "kort"}}, 7}};
    });
    REQUIRE(m.render().find("outbox_backlog{") == std::string::npos);  // not read yet
    m.refresh_gauges();
    auto text = m.render();
    REQUIRE(reads == 1);  // a scrape never calls the callbacks (they may query the database)
    REQUIRE(text.find("# HELP http_requests_total HTTP requests\n") != std::string::npos);
    REQUIRE(text.find("# TYPE http_requests_total counter\n") != std::string::npos);
    REQUIRE(text.find("http_requests_total{route=\"/isalive\",status=\"200\"} 2\n") != std::string::npos);
    REQUIRE(text.find("http_request_duration_seconds_bucket{route=\"/isalive\",le=\"0.0025\"} 0\n") != std::string::npos);
    REQUIRE(text.find("http_request_duration_seconds_bucket{route=\"/isalive\",le=\"0.005\"} 1\n") != std::string::npos);
    REQUIRE(text.find("http_request_duration_seconds_count{route=\"/isalive\"} 1\n") != std::string::npos);
    REQUIRE(text.find("outbox_backlog{outbox=\"kort\"} 7\n") != std::string::npos);
    REQUIRE(m.counter_value("http_requests_total", {{"route", "/isalive"}, {"status", "200"}}) == 2);
}

TEST_CASE("readiness names every failing condition") {
    rt::Readiness r;
    r.set("migrations", false);
    r.add_check("database", [] { return true; });
    bool kafka_up = false;
    r.add_check("kafka", [&] { return kafka_up; });
    // Until the background refresh has run, no check counts as passed.
    REQUIRE(r.failing() == std::vector<std::string>{"migrations", "database", "kafka"});
    r.refresh();
    REQUIRE(r.failing() == std::vector<std::string>{"migrations", "kafka"});
    r.set("migrations", true);
    kafka_up = true;
    REQUIRE(r.failing() == std::vector<std::string>{"kafka"});  // what the last refresh found
    r.refresh();
    REQUIRE(r.failing().empty());
}

TEST_CASE("metrics: a recent rendering is reused until it is older than asked, then rendered anew") {
    rt::Metrics m;
    m.add("scrapes_total");
    auto first = m.render_recent(std::chrono::hours(1));
    m.add("scrapes_total");
    REQUIRE(m.render_recent(std::chrono::hours(1)) == first);
    REQUIRE(first.find("scrapes_total 1") != std::string::npos);
    auto fresh = m.render_recent(std::chrono::milliseconds(0));
    REQUIRE(fresh.find("scrapes_total 2") != std::string::npos);
}

TEST_CASE("log throttle: the first line passes, the rest of the interval is held back and counted") {
    rt::log::Throttle t(std::chrono::hours(1));
    long long held = -1;
    REQUIRE(t.pass(held));
    REQUIRE(held == 0);
    REQUIRE_FALSE(t.pass(held));
    REQUIRE_FALSE(t.pass(held));
    rt::log::Throttle often(std::chrono::nanoseconds(0));
    REQUIRE(often.pass(held));
    REQUIRE(often.pass(held));
    REQUIRE(held == 0);
}
