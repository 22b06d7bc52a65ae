// The rapid on the real broker (scripts/dev-kafka), a fresh topic per test.
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <mutex>
#include <set>

#include "core/errors.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "infra/kafka/topics.hpp"
#include "infra/metrics.hpp"
#include "infra/pg/pool.hpp"
#include "infra/log.hpp"
#include "infra/rapid/kafka_rapid.hpp"
#include "infra/rapid/tidspunkt.hpp"
#include "support/eventually.hpp"
#include "support/kafka_test_support.hpp"
#include "support/test_db.hpp"
#include "support/test_env.hpp"

using namespace rt;
using rt::test::eventually;

namespace {

// One participant: its own pool, Kafka edge and rapid, in the given group.
struct Node {
    Metrics metrics;
    SystemClock clock;
    pg::Pool pool;
    kafka::Topics topics;
    rapid::KafkaRapid rapid;
    Node(const std::string& db_url, const std::string& topic, const std::string& group, std::size_t max_batch = 500,
         std::optional<rapid::Deltaker> deltaker = std::nullopt)
        : pool(db_url, 4),
          topics(test::kafka_settings(), pool, metrics),
          rapid(topics, {topic, group, "earliest", max_batch}, deltaker.value_or(rapid::Deltaker{"node-" + group}), clock,
                metrics) {}
    ~Node() { topics.stop(); }
};

// Messages a river saw, in order.
struct Seen {
    std::mutex mutex;
    std::vector<rapid::Message> messages;
    void add(const rapid::Message& m) {
        std::lock_guard lock(mutex);
        messages.push_back(m);
    }
    std::size_t size() {
        std::lock_guard lock(mutex);
        return messages.size();
    }
    std::vector<std::string> values(const char* key) {
        std::lock_guard lock(mutex);
        std::vector<std::string> out;
        for (const auto& m : messages) out.emplace_back(m.string(key));
        return out;
    }
};

rapid::River capture(std::string name, std::string event, Seen& seen) {
    rapid::River r;
    r.name = std::move(name);
    r.precondition(rapid::require_value("@event_name", std::move(event)));
    r.on_message = [&seen](const rapid::Message& m, rapid::Context&) { seen.add(m); };
    return r;
}

std::string msg(const std::string& event, const std::string& extra = "") {
    return R"({"@event_name":")" + event + "\"" + (extra.empty() ? "" : "," + extra) + "}";
}

// `2025-10-01T08:00:00.123456`: the library's LocalDateTime, as we write it.
bool lokal_tid_med_mikrosekunder(std::string_view s) {
    return s.size() == 26 && s[10] == 'T' && s[19] == '.' && rapid::les_lokal_tid(s).has_value();
}

boost::json::object som_objekt(const std::string& value) { return boost::json::parse(value).as_object(); }

// Log lines containing `needle`, from any thread, while it lives.
struct LoggLinjer {
    std::mutex mutex;
    std::vector<std::string> lines;
    explicit LoggLinjer(std::string needle) {
        log::set_sink([this, needle](std::string_view line) {
            if (line.find(needle) == std::string_view::npos) return;
            std::lock_guard lock(mutex);
            lines.emplace_back(line);
        });
    }
    ~LoggLinjer() { log::set_sink({}); }
    std::size_t size() {
        std::lock_guard lock(mutex);
        return lines.size();
    }
};

}  // namespace

TEST_CASE("rapid on Kafka: a round trip carries the envelope, and a response names its cause") {
    test::TestDatabase db;
    auto topic = test::fresh_topic("rapid_roundtrip");
    Node node(db.url(), topic, test::unique_name("g"));
    Seen first, responses;
    auto responder = capture("svarer", "testhendelse", first);
    responder.on_message = [&](const rapid::Message& m, rapid::Context& ctx) {
        first.add(m);
        ctx.publish("nøkkel", rapid::Message(boost::json::object{{"@event_name", "testsvar"}}));
    };
    node.rapid.add_river(std::move(responder));
    node.rapid.add_river(capture("svar", "testsvar", responses));
    node.topics.start();

    node.rapid.publish("01010012345", rapid::Message(boost::json::object{{"@event_name", "testhendelse"}, {"fnr", "x"}}));
    REQUIRE(eventually([&] { return responses.size() == 1; }));

    const auto& m = first.messages.at(0);
    REQUIRE(parse_uuid(m.id()).has_value());
    REQUIRE(tid::parse_iso(m.string("@opprettet")).has_value());
    REQUIRE(m.json().at("system_read_count").as_int64() == 1);
    // One entry from publishing, one from reading it (in memory).
    const auto& services = m.json().at("system_participating_services").as_array();
    REQUIRE(services.size() == 2);
    for (const auto& s : services) {
        REQUIRE(s.at("service").as_string() == "rekrutteringstreff");
        REQUIRE(s.at("instance").as_string() == node.rapid.instance_id());
        REQUIRE(s.at("id").as_string() == m.id());
        REQUIRE_FALSE(s.as_object().contains("image"));
    }

    const auto& svar = responses.messages.at(0);
    REQUIRE(svar.string("@forårsaket_av.id") == m.id());
    REQUIRE(svar.string("@forårsaket_av.event_name") == "testhendelse");
    REQUIRE(svar.string("@forårsaket_av.opprettet") == m.string("@opprettet"));
    REQUIRE(svar.id() != m.id());
}

TEST_CASE("rapid on Kafka: the library's envelope when we publish, when we read, and on a response") {
    test::TestDatabase db;
    auto topic = test::fresh_topic("rapid_envelope");
    rapid::Deltaker oss{"vert-1", "rekrutteringstreff", "ghcr.io/navikt/rekrutteringstreff:abc123",
                        "rekrutteringstreff-prod-gcp-toi"};
    Node node(db.url(), topic, test::unique_name("g"), 500, oss);
    Seen spurt, svar;
    rapid::River svarer = capture("svarer", "spørsmål", spurt);
    svarer.on_message = [&](const rapid::Message& m, rapid::Context& ctx) {
        spurt.add(m);
        ctx.publish(rapid::Message(boost::json::object{{"@event_name", "svar"}, {"på", m.string("nr")}}));
        if (m.string("nr") == "2")  // a handler's own @id and key are kept
            ctx.publish("egen-nøkkel", rapid::Message(boost::json::object{{"@event_name", "svar"}, {"på", "2b"},
                                                                          {"@id", "11111111-2222-4333-8444-555555555555"}}));
    };
    node.rapid.add_river(std::move(svarer));
    node.rapid.add_river(capture("svar", "svar", svar));
    LoggLinjer tombstones("tombstone");
    node.topics.start();

    node.rapid.publish("k1", rapid::Message(boost::json::object{{"@event_name", "spørsmål"}, {"nr", "1"},
                                                                {"@behov", boost::json::array{"a", "b"}}}));
    test::produce_tombstone(topic, "k3");
    // Another participant's message without @id and @opprettet, read 4 times before.
    test::produce_raw(topic, {{"k2", msg("spørsmål", R"("nr":"2","system_read_count":4)")}});
    REQUIRE(eventually([&] { return svar.size() == 3; }));
    REQUIRE(eventually([&] { return tombstones.size() == 1; }));
    node.topics.stop();

    // As published by us: a new message.
    auto records = test::read_to_end(topic);
    std::optional<boost::json::object> vaar;
    std::map<std::string, kafka::Record> svar_paa;
    for (const auto& r : records) {
        if (r.null_value) continue;
        auto o = som_objekt(r.value);
        if (o.at("@event_name") == "spørsmål" && o.contains("@id")) vaar = o;
        if (o.at("@event_name") == "svar") svar_paa[std::string(o.at("på").as_string())] = r;
    }
    REQUIRE(vaar);
    REQUIRE(parse_uuid(vaar->at("@id").as_string()));
    REQUIRE(lokal_tid_med_mikrosekunder(vaar->at("@opprettet").as_string()));
    REQUIRE(vaar->at("system_read_count").as_int64() == 0);
    REQUIRE(vaar->at("system_participating_services").as_array().size() == 1);
    const auto& entry = vaar->at("system_participating_services").at(0).as_object();
    REQUIRE(entry.at("id") == vaar->at("@id"));
    REQUIRE(lokal_tid_med_mikrosekunder(entry.at("time").as_string()));
    REQUIRE(entry.at("service").as_string() == "rekrutteringstreff");
    REQUIRE(entry.at("instance").as_string() == "vert-1");
    REQUIRE(entry.at("image").as_string() == "ghcr.io/navikt/rekrutteringstreff:abc123");
    REQUIRE(entry.size() == 5);

    // As read: our own one counted once more, with a second entry; theirs completed in memory.
    const auto& lest = spurt.messages.at(0);
    REQUIRE(lest.json().at("system_read_count").as_int64() == 1);
    REQUIRE(lest.json().at("system_participating_services").as_array().size() == 2);
    const auto& deres = spurt.messages.at(1);
    REQUIRE(parse_uuid(deres.id()));
    REQUIRE(lokal_tid_med_mikrosekunder(deres.string("@opprettet")));
    REQUIRE(deres.json().at("system_read_count").as_int64() == 5);
    REQUIRE(deres.json().at("system_participating_services").as_array().size() == 1);
    REQUIRE(deres.json().at("system_participating_services").at(0).at("id").as_string() == deres.id());
    REQUIRE(db.count("SELECT count(*) FROM dead_letter") == 0);  // a missing @id or @opprettet is no fault, nor a tombstone

    // Responses: @forårsaket_av from the cause, keyed like the cause's record.
    const auto& svar1 = svar_paa.at("1");
    auto s1 = som_objekt(svar1.value);
    REQUIRE(svar1.key == std::optional<std::string>("k1"));
    REQUIRE(s1.at("@forårsaket_av") == boost::json::object{{"id", lest.id()},
                                                           {"opprettet", lest.string("@opprettet")},
                                                           {"event_name", "spørsmål"},
                                                           {"behov", boost::json::array{"a", "b"}}});
    REQUIRE(parse_uuid(s1.at("@id").as_string()));
    REQUIRE(s1.at("@id").as_string() != lest.id());
    REQUIRE(lokal_tid_med_mikrosekunder(s1.at("@opprettet").as_string()));
    REQUIRE(s1.at("system_participating_services").as_array().size() == 1);
    REQUIRE(s1.at("system_participating_services").at(0).at("id") == s1.at("@id"));
    auto s2 = som_objekt(svar_paa.at("2").value);
    REQUIRE(svar_paa.at("2").key == std::optional<std::string>("k2"));
    REQUIRE(s2.at("@forårsaket_av").as_object().size() == 3);  // no @behov on the cause: no behov
    REQUIRE(s2.at("@forårsaket_av").at("id").as_string() == deres.id());
    const auto& egen = svar_paa.at("2b");
    REQUIRE(egen.key == std::optional<std::string>("egen-nøkkel"));
    auto s2b = som_objekt(egen.value);
    REQUIRE(s2b.at("@id").as_string() == "11111111-2222-4333-8444-555555555555");
    REQUIRE_FALSE(s2b.contains("system_participating_services"));
    REQUIRE(s2b.at("@forårsaket_av").at("id").as_string() == deres.id());
}

TEST_CASE("rapid on Kafka: a tombstone is skipped silently and its offset committed") {
    test::TestDatabase db;
    auto topic = test::fresh_topic("rapid_tombstone");
    auto group = test::unique_name("g");
    Seen seen;
    LoggLinjer tombstones("tombstone");
    {
        Node node(db.url(), topic, group);
        node.rapid.add_river(capture("alt", "x", seen));
        node.topics.start();
        test::produce_tombstone(topic, "k");
        test::produce_raw(topic, {{"k", msg("x", R"("nr":"1")")}});
        REQUIRE(eventually([&] { return seen.size() == 1; }));
    }
    REQUIRE(tombstones.size() == 1);
    REQUIRE(tombstones.lines[0].find(R"("level":"INFO")") != std::string::npos);
    REQUIRE(db.count("SELECT count(*) FROM dead_letter") == 0);
    long long tombstone = -1;
    for (const auto& r : test::read_to_end(topic))
        if (r.null_value) tombstone = r.offset;
    REQUIRE(tombstone >= 0);
    REQUIRE(test::committed_offset(group, topic, 0) > tombstone);
}

TEST_CASE("rapid on Kafka: the life-cycle events, keyless, from start, assignment and stop") {
    test::TestDatabase db;
    auto topic = test::fresh_topic("rapid_livssyklus");
    {
        Node node(db.url(), topic, test::unique_name("g"), 500,
                  rapid::Deltaker{"vert-2", "rekrutteringstreff", std::nullopt, "rekrutteringstreff-dev-gcp-toi"});
        node.topics.start();
        REQUIRE(eventually([&] { return node.topics.assigned_partitions() == 1; }));
        node.rapid.varsle_stopp();
    }  // stop: the consumer loop ends, then it gives its partitions back
    std::vector<std::string> hendelser;
    for (const auto& r : test::read_to_end(topic)) {
        auto o = som_objekt(r.value);
        hendelser.emplace_back(o.at("@event_name").as_string());
        INFO(r.value);
        REQUIRE_FALSE(r.key.has_value());
        REQUIRE(o.at("app_name").as_string() == "rekrutteringstreff-dev-gcp-toi");
        REQUIRE(o.at("instance_id").as_string() == "vert-2");
        REQUIRE(parse_uuid(o.at("@id").as_string()));
        REQUIRE(lokal_tid_med_mikrosekunder(o.at("@opprettet").as_string()));
        REQUIRE(o.at("system_read_count").as_int64() == 0);
        REQUIRE(o.at("system_participating_services").as_array().size() == 1);
        REQUIRE(o.size() == 7);
    }
    REQUIRE(hendelser == std::vector<std::string>{"application_up", "application_ready", "application_stop", "application_down",
                                                  "application_not_ready"});
}

TEST_CASE("rapid on Kafka: each river rule passes and fails as declared") {
    test::TestDatabase db;
    auto topic = test::fresh_topic("rapid_rules");
    Node node(db.url(), topic, test::unique_name("g"));
    Seen seen;
    rapid::River river = capture("regler", "regel", seen);
    river.precondition(rapid::require_any("type", {"a", "b"}))
        .precondition(rapid::forbid_key("blokkert"))
        .precondition(rapid::interested_in("valgfri"))
        .validate(rapid::require_key("fnr"))
        .validate(rapid::require_value("aktiv", true))
        .validate(rapid::require_key("synlighet.erSynlig"));
    node.rapid.add_river(std::move(river));
    node.topics.start();

    const std::string good = R"("fnr":"f","aktiv":true,"synlighet":{"erSynlig":true})";
    test::produce_raw(topic, {
        {"k", msg("regel", R"("nr":"1","type":"a",)" + good)},                       // handled
        {"k", msg("annet", R"("nr":"2","type":"a",)" + good)},                       // not ours: other event
        {"k", msg("regel", R"("nr":"3","type":"c",)" + good)},                       // not ours: type
        {"k", msg("regel", R"("nr":"4","type":"a","blokkert":"ja",)" + good)},       // not ours: forbidden key
        {"k", msg("regel", R"("nr":"5","type":"a","aktørId":"123",)" + good)},      // handled: no river-wide aktørId filter
        {"k", msg("regel", R"("nr":"6","type":"b","aktiv":true,"synlighet":{"erSynlig":true})")},  // invalid: fnr
        {"k", msg("regel", R"("nr":"7","type":"b","fnr":"f","aktiv":false,"synlighet":{"erSynlig":true})")},  // invalid
        {"k", msg("regel", R"("nr":"8","type":"b","fnr":"f","aktiv":true,"synlighet":{})")},  // invalid: nested
        {"k", msg("regel", R"("nr":"9","type":"b","blokkert":null,"aktørId":null,"valgfri":1,)" + good)},  // handled
    });
    REQUIRE(eventually([&] { return seen.size() == 3 && db.count("SELECT count(*) FROM dead_letter") == 3; }));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // nothing more arrives
    REQUIRE(seen.values("nr") == std::vector<std::string>{"1", "5", "9"});
    REQUIRE(db.scalar("SELECT string_agg(reason, '|' ORDER BY kafka_offset) FROM dead_letter WHERE handler = 'regler'") ==
            "mangler fnr|aktiv har ikke forventet verdi|mangler synlighet.erSynlig");
}

TEST_CASE("rapid on Kafka: a poison message between two good ones is set aside and the offset moves past it") {
    test::TestDatabase db;
    auto topic = test::fresh_topic("rapid_poison");
    auto group = test::unique_name("g");
    Seen seen;
    {
        Node node(db.url(), topic, group);
        node.rapid.add_river(capture("god", "god", seen));
        node.topics.start();
        test::produce_raw(topic, {{"k", msg("god", R"("nr":"1")")}, {"k", "not json{"}, {"k", msg("god", R"("nr":"2")")}});
        REQUIRE(eventually([&] { return seen.size() == 2; }));
        REQUIRE(node.metrics.counter_value("dead_letters_total", {{"topic", topic}, {"handler", "rapid"}}) == 1);
    }  // clean stop commits
    REQUIRE(seen.values("nr") == std::vector<std::string>{"1", "2"});
    REQUIRE(db.scalar("SELECT encode(raw, 'escape') FROM dead_letter") == "not json{");
    REQUIRE(db.scalar("SELECT reason FROM dead_letter") == "ikke gyldig JSON");
    // Our own life-cycle events share the topic, so the offsets are looked up.
    long long poison = -1, last_good = -1;
    for (const auto& r : test::read_to_end(topic)) {
        if (r.value == "not json{") poison = r.offset;
        if (r.value.find(R"("nr":"2")") != std::string::npos) last_good = r.offset;
    }
    REQUIRE(db.scalar("SELECT kafka_offset FROM dead_letter") == std::to_string(poison));
    REQUIRE(test::committed_offset(group, topic, 0) > last_good);
}

TEST_CASE("rapid on Kafka: a handler's permanent error is a dead letter, the consumer goes on") {
    test::TestDatabase db;
    auto topic = test::fresh_topic("rapid_permanent");
    Node node(db.url(), topic, test::unique_name("g"));
    Seen seen;
    auto river = capture("kresjer", "k", seen);
    river.on_message = [&](const rapid::Message& m, rapid::Context&) {
        if (m.string("nr") == "2") throw PermanentError("ugyldig innhold i nr");
        seen.add(m);
    };
    node.rapid.add_river(std::move(river));
    node.topics.start();
    test::produce_raw(topic, {{"k", msg("k", R"("nr":"1")")}, {"k", msg("k", R"("nr":"2")")}, {"k", msg("k", R"("nr":"3")")}});
    REQUIRE(eventually([&] { return seen.size() == 2; }));
    REQUIRE(seen.values("nr") == std::vector<std::string>{"1", "3"});
    REQUIRE(db.scalar("SELECT handler || ':' || reason FROM dead_letter") == "kresjer:ugyldig innhold i nr");
}

TEST_CASE("rapid on Kafka: a transient error three times, then success: handled once, nothing skipped") {
    test::TestDatabase db;
    auto topic = test::fresh_topic("rapid_transient");
    Node node(db.url(), topic, test::unique_name("g"));
    Seen seen;
    std::atomic<int> failures{0};
    std::atomic<bool> unhealthy_seen{false};
    auto river = capture("ustabil", "u", seen);
    river.on_message = [&](const rapid::Message& m, rapid::Context&) {
        if (m.string("nr") == "2" && failures < 3) {
            if (failures > 0 && !node.topics.healthy()) unhealthy_seen = true;
            ++failures;
            throw TransientError("databasen er nede");
        }
        seen.add(m);
    };
    node.rapid.add_river(std::move(river));
    node.topics.start();
    test::produce_raw(topic, {{"k", msg("u", R"("nr":"1")")}, {"k", msg("u", R"("nr":"2")")}, {"k", msg("u", R"("nr":"3")")}});
    REQUIRE(eventually([&] { return seen.size() == 3; }));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    REQUIRE(seen.values("nr") == std::vector<std::string>{"1", "2", "3"});
    REQUIRE(failures == 3);
    REQUIRE(unhealthy_seen);
    REQUIRE(eventually([&] { return node.topics.healthy(); }));
    REQUIRE(db.count("SELECT count(*) FROM dead_letter") == 0);
}

TEST_CASE("rapid on Kafka: killed after about half of 1,000 messages, a restart handles all of them at least once") {
    test::TestDatabase db;
    db.connect().exec("CREATE TABLE handled (id text NOT NULL)");
    auto topic = test::fresh_topic("rapid_crash", 2);
    auto group = test::unique_name("g");
    std::vector<std::pair<std::string, std::string>> records;
    for (int i = 0; i < 1000; ++i) records.emplace_back(std::to_string(i), msg("telling", "\"nr\":\"" + std::to_string(i) + "\""));
    test::produce_raw(topic, records);

    std::string brokers = test::kafka_brokers(), url = db.url();
    const char* argv[] = {RT_CRASH_CONSUMER, brokers.c_str(), topic.c_str(), group.c_str(), url.c_str(), nullptr};
    pid_t child = 0;
    REQUIRE(posix_spawn(&child, RT_CRASH_CONSUMER, nullptr, nullptr, const_cast<char* const*>(argv), environ) == 0);
    bool half = eventually([&] { return db.count("SELECT count(DISTINCT id) FROM handled") >= 500; }, std::chrono::seconds(60));
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    REQUIRE(half);
    auto before_restart = db.count("SELECT count(DISTINCT id) FROM handled");
    REQUIRE(before_restart < 1000);  // it really was cut off half-way

    Node node(url, topic, group);
    rapid::River river;
    river.name = "teller";
    river.precondition(rapid::require_value("@event_name", std::string("telling")));
    river.on_message = [&](const rapid::Message& m, rapid::Context&) {
        node.pool.with([&](pg::Connection& c) { c.query("INSERT INTO handled (id) VALUES ($1)", std::string(m.string("nr"))); });
    };
    node.rapid.add_river(std::move(river));
    node.topics.start();
    REQUIRE(eventually([&] { return db.count("SELECT count(DISTINCT id) FROM handled") == 1000; }, std::chrono::seconds(60)));
    REQUIRE(db.count("SELECT count(*) FROM handled") >= 1000);
}

TEST_CASE("rapid on Kafka: two instances in one group share the partitions, each message is handled once") {
    test::TestDatabase db;
    auto topic = test::fresh_topic("rapid_group", 4);
    auto group = test::unique_name("g");
    Node a(db.url(), topic, group), b(db.url(), topic, group);
    Seen seen_a, seen_b;
    a.rapid.add_river(capture("del", "del", seen_a));
    b.rapid.add_river(capture("del", "del", seen_b));
    a.topics.start();
    b.topics.start();
    REQUIRE(eventually([&] {
        int pa = a.topics.assigned_partitions(), pb = b.topics.assigned_partitions();
        return pa > 0 && pb > 0 && pa + pb == 4;
    }, std::chrono::seconds(60)));
    std::vector<std::pair<std::string, std::string>> records;
    for (int i = 0; i < 400; ++i) records.emplace_back("key-" + std::to_string(i), msg("del", "\"nr\":\"" + std::to_string(i) + "\""));
    test::produce_raw(topic, records);
    REQUIRE(eventually([&] { return seen_a.size() + seen_b.size() >= 400; }, std::chrono::seconds(60)));
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    auto va = seen_a.values("nr"), vb = seen_b.values("nr");
    std::set<std::string> sa(va.begin(), va.end()), sb(vb.begin(), vb.end());
    REQUIRE(va.size() == sa.size());
    REQUIRE(vb.size() == sb.size());
    REQUIRE(va.size() + vb.size() == 400);
    REQUIRE_FALSE(va.empty());
    REQUIRE_FALSE(vb.empty());
    for (const auto& x : sa) REQUIRE_FALSE(sb.contains(x));
}

TEST_CASE("other topics: records one by one, poison set aside, TLS-free plaintext by default") {
    test::TestDatabase db;
    auto topic = test::fresh_topic("plain_topic");
    Metrics metrics;
    pg::Pool pool(db.url(), 2);
    kafka::Topics topics(test::kafka_settings(), pool, metrics);
    std::mutex m;
    std::vector<std::string> got;
    topics.consume({topic, test::unique_name("g"), "earliest"}, "plain", [&](const kafka::Record& r) {
        if (r.value == "bad") throw PermanentError("kan ikke leses");
        std::lock_guard lock(m);
        got.push_back(*r.key + "=" + r.value);
    });
    topics.start();
    topics.producer().send({kafka::OutRecord{topic, "a", "1", {{"Nav-Call-Id", "x"}}}, kafka::OutRecord{topic, "b", "bad", {}},
                            kafka::OutRecord{topic, "c", "3", {}}});
    REQUIRE(eventually([&] {
        std::lock_guard lock(m);
        return got.size() == 2;
    }));
    topics.stop();
    REQUIRE(got == std::vector<std::string>{"a=1", "c=3"});
    REQUIRE(db.scalar("SELECT handler || ':' || reason || ':' || kafka_offset FROM dead_letter") == "plain:kan ikke leses:1");
}
