#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "infra/config.hpp"

namespace {
rt::Config parse(std::map<std::string, std::string> vars) {
    return rt::parse_config([vars](const char* name) -> std::optional<std::string> {
        auto it = vars.find(name);
        if (it == vars.end()) return std::nullopt;
        return it->second;
    });
}
}  // namespace

TEST_CASE("config defaults follow the spec's table") {
    auto c = parse({});
    REQUIRE(c.http_port == 8080);
    REQUIRE_FALSE(c.kafka_brokers.has_value());
    REQUIRE(c.kafka_rapid_topic == "toi.rapid-1");
    REQUIRE(c.kafka_consumer_group_id == "rekrutteringstreff-v1");
    REQUIRE(c.kafka_reset_policy == "latest");
    REQUIRE_FALSE(c.kafka_tls.has_value());
    REQUIRE(c.aktivitetskort_topic == "dab.aktivitetskort-v1.1");
    REQUIRE(c.aktivitetskort_feil_topic == "dab.aktivitetskort-feil-v1");
    REQUIRE(c.min_side_url == "https://www.nav.no/rekrutteringstreff");
    REQUIRE(c.synlighet_behov_intervall == std::chrono::seconds(60));
    REQUIRE(c.hendelse_relay_intervall == std::chrono::seconds(10));
    REQUIRE(c.aktivitetskort_relay_intervall == std::chrono::seconds(10));
    REQUIRE(c.auto_fullfor_intervall == std::chrono::seconds(900));
    REQUIRE_FALSE(c.azure.has_value());
    REQUIRE(c.rapid_max_fremtid == std::chrono::seconds(3600));
    REQUIRE(c.nais_app_name == "rekrutteringstreff");
    REQUIRE_FALSE(c.nais_cluster_name.has_value());
    REQUIRE_FALSE(c.nais_namespace.has_value());
    REQUIRE_FALSE(c.nais_app_image.has_value());
}

TEST_CASE("config: the platform's NAIS_* names and the rapid's future bound") {
    auto c = parse({{"NAIS_APP_NAME", "rekrutteringstreff-api"},
                    {"NAIS_CLUSTER_NAME", "prod-gcp"},
                    {"NAIS_NAMESPACE", "toi"},
                    {"NAIS_APP_IMAGE", "europe-north1-docker.pkg.dev/nais/toi/rekrutteringstreff-api:2025.10.01"},
                    {"RAPID_MAX_FREMTID_SEKUNDER", "60"}});
    REQUIRE(c.nais_app_name == "rekrutteringstreff-api");
    REQUIRE(c.nais_cluster_name == "prod-gcp");
    REQUIRE(c.nais_namespace == "toi");
    REQUIRE(c.nais_app_image == "europe-north1-docker.pkg.dev/nais/toi/rekrutteringstreff-api:2025.10.01");
    REQUIRE(c.rapid_max_fremtid == std::chrono::seconds(60));
    REQUIRE(parse({{"NAIS_APP_NAME", ""}}).nais_app_name == "rekrutteringstreff");  // empty = unset
    REQUIRE(parse({{"RAPID_MAX_FREMTID_SEKUNDER", "0"}}).rapid_max_fremtid == std::chrono::seconds(0));
    REQUIRE_THROWS_WITH(parse({{"RAPID_MAX_FREMTID_SEKUNDER", "-1"}}), Catch::Contains("RAPID_MAX_FREMTID_SEKUNDER"));
    REQUIRE_THROWS_WITH(parse({{"RAPID_MAX_FREMTID_SEKUNDER", "en time"}}), Catch::Contains("RAPID_MAX_FREMTID_SEKUNDER"));
}

TEST_CASE("config reads every variable it is given") {
    auto c = parse({{"HTTP_PORT", "9090"},
                    {"DATABASE_URL", "postgresql://x@y/z"},
                    {"KAFKA_BROKERS", "k1:9092,k2:9092"},
                    {"KAFKA_RAPID_TOPIC", "rapid"},
                    {"KAFKA_RESET_POLICY", "earliest"},
                    {"KAFKA_CERTIFICATE_PATH", "/c"},
                    {"KAFKA_PRIVATE_KEY_PATH", "/k"},
                    {"KAFKA_CA_PATH", "/ca"},
                    {"AZURE_APP_CLIENT_ID", "aud"},
                    {"AZURE_OPENID_CONFIG_ISSUER", "https://issuer"},
                    {"AZURE_OPENID_CONFIG_JWKS_URI", "file:///tmp/jwks.json"},
                    {"REKRUTTERINGSBISTAND_UTVIKLER", "g-utv"},
                    {"MIN_SIDE_URL", "https://min.side/treff/"},
                    {"SYNLIGHET_BEHOV_INTERVALL_SEKUNDER", "5"},
                    {"AUTO_FULLFOR_INTERVALL_SEKUNDER", "60"}});
    REQUIRE(c.http_port == 9090);
    REQUIRE(c.database_url == "postgresql://x@y/z");
    REQUIRE(*c.kafka_brokers == "k1:9092,k2:9092");
    REQUIRE(c.kafka_rapid_topic == "rapid");
    REQUIRE(c.kafka_reset_policy == "earliest");
    REQUIRE(c.kafka_tls->ca_path == "/ca");
    REQUIRE(c.azure->client_id == "aud");
    REQUIRE(c.azure->jwks_uri == "file:///tmp/jwks.json");
    REQUIRE(c.group_utvikler == "g-utv");
    REQUIRE(c.min_side_url == "https://min.side/treff");
    REQUIRE(c.synlighet_behov_intervall == std::chrono::seconds(5));
    REQUIRE(c.auto_fullfor_intervall == std::chrono::seconds(60));
}

TEST_CASE("an invalid variable is refused with its name in the message") {
    REQUIRE_THROWS_WITH(parse({{"HTTP_PORT", "80a"}}), Catch::Contains("HTTP_PORT"));
    REQUIRE_THROWS_WITH(parse({{"HTTP_PORT", "70000"}}), Catch::Contains("HTTP_PORT"));
    REQUIRE_THROWS_WITH(parse({{"KAFKA_RESET_POLICY", "newest"}}), Catch::Contains("KAFKA_RESET_POLICY"));
    REQUIRE_THROWS_WITH(parse({{"SYNLIGHET_BEHOV_INTERVALL_SEKUNDER", "0"}}),
                        Catch::Contains("SYNLIGHET_BEHOV_INTERVALL_SEKUNDER"));
    REQUIRE_THROWS_WITH(parse({{"KAFKA_CERTIFICATE_PATH", "/c"}}), Catch::Contains("KAFKA_PRIVATE_KEY_PATH"));
    REQUIRE_THROWS_WITH(parse({{"TOKEN_X_CLIENT_ID", "a"}, {"TOKEN_X_ISSUER", "b"}}), Catch::Contains("TOKEN_X_JWKS_URI"));
    REQUIRE_THROWS_WITH(parse({{"TOKEN_X_CLIENT_ID", "a"}, {"TOKEN_X_ISSUER", "b"}, {"TOKEN_X_JWKS_URI", "ftp://x"}}),
                        Catch::Contains("TOKEN_X_JWKS_URI"));
    REQUIRE_THROWS_WITH(parse({{"MIN_SIDE_URL", "nav.no"}}), Catch::Contains("MIN_SIDE_URL"));
    REQUIRE_THROWS_AS(parse({{"LOG_LEVEL", "loud"}}), rt::ConfigError);
    REQUIRE_THROWS_WITH(parse({{"AUTO_FULLFOR_INTERVALL_SEKUNDER", "0"}}), Catch::Contains("AUTO_FULLFOR_INTERVALL_SEKUNDER"));
    REQUIRE_THROWS_WITH(parse({{"AUTO_FULLFOR_INTERVALL_SEKUNDER", "15m"}}), Catch::Contains("AUTO_FULLFOR_INTERVALL_SEKUNDER"));
}

TEST_CASE("config_variables() lists exactly the variables parse_config reads") {
    std::set<std::string> read;
    rt::parse_config([&read](const char* name) -> std::optional<std::string> {
        read.insert(name);
        return std::nullopt;
    });
    std::set<std::string> listed;
    for (const auto& v : rt::config_variables()) {
        INFO(v.name);
        REQUIRE(listed.insert(v.name).second);  // no name twice
    }
    std::string only_read, only_listed;
    for (const auto& n : read)
        if (!listed.contains(n)) only_read += " " + n;
    for (const auto& n : listed)
        if (!read.contains(n)) only_listed += " " + n;
    INFO("read but not in config_variables():" << only_read);
    INFO("in config_variables() but not read:" << only_listed);
    REQUIRE(read == listed);
}

TEST_CASE("config: the HTTP and database limits have safe defaults and can be set") {
    auto d = parse({});
    REQUIRE(d.http_threads == 2);
    REQUIRE(d.http_max_connections == 1024);
    REQUIRE(d.http_header_timeout == std::chrono::milliseconds(10000));
    REQUIRE(d.http_body_budget == 64u << 20);
    REQUIRE(d.http_response_budget == 64u << 20);
    REQUIRE(d.db_statement_timeout == std::chrono::milliseconds(5000));
    REQUIRE(d.db_lock_timeout == std::chrono::milliseconds(2000));
    REQUIRE(d.db_acquire_timeout == std::chrono::milliseconds(250));
    auto c = parse({{"HTTP_MAX_CONNECTIONS", "50"},
                    {"HTTP_HEADER_TIMEOUT_MS", "1500"},
                    {"HTTP_BODY_BUDGET_BYTES", "16777216"},
                    {"HTTP_RESPONSE_BUDGET_BYTES", "8388608"},
                    {"DB_STATEMENT_TIMEOUT_MS", "750"},
                    {"DB_LOCK_TIMEOUT_MS", "0"},
                    {"DB_ACQUIRE_TIMEOUT_MS", "100"}});
    REQUIRE(c.http_max_connections == 50);
    REQUIRE(c.http_header_timeout == std::chrono::milliseconds(1500));
    REQUIRE(c.http_body_budget == 16u << 20);
    REQUIRE(c.http_response_budget == 8u << 20);
    REQUIRE(c.db_statement_timeout == std::chrono::milliseconds(750));
    REQUIRE(c.db_lock_timeout == std::chrono::milliseconds(0));
    REQUIRE(c.db_acquire_timeout == std::chrono::milliseconds(100));
    REQUIRE_THROWS_AS(parse({{"HTTP_MAX_CONNECTIONS", "0"}}), rt::ConfigError);
    REQUIRE_THROWS_AS(parse({{"DB_STATEMENT_TIMEOUT_MS", "fem"}}), rt::ConfigError);
    // A budget smaller than one body could never admit a body at the limit.
    REQUIRE_THROWS_AS(parse({{"HTTP_BODY_BUDGET_BYTES", "1048576"}}), rt::ConfigError);
}

TEST_CASE("config: the consumer group's session timeout and heartbeat, with the heartbeat within half the session") {
    auto d = parse({});
    REQUIRE(d.kafka_session_timeout == std::chrono::milliseconds(6000));
    REQUIRE(d.kafka_heartbeat_interval == std::chrono::milliseconds(1000));
    auto c = parse({{"KAFKA_SESSION_TIMEOUT_MS", "10000"}, {"KAFKA_HEARTBEAT_INTERVAL_MS", "3000"}});
    REQUIRE(c.kafka_session_timeout == std::chrono::milliseconds(10000));
    REQUIRE(c.kafka_heartbeat_interval == std::chrono::milliseconds(3000));
    REQUIRE_THROWS_WITH(parse({{"KAFKA_SESSION_TIMEOUT_MS", "500"}}), Catch::Contains("KAFKA_SESSION_TIMEOUT_MS"));
    REQUIRE_THROWS_WITH(parse({{"KAFKA_HEARTBEAT_INTERVAL_MS", "4000"}}), Catch::Contains("KAFKA_HEARTBEAT_INTERVAL_MS"));
}
