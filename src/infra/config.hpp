#pragma once
#include <chrono>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace rt {

// A configuration value that cannot be used; the message names the variable.
struct ConfigError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct TokenIssuer {
    std::string client_id;  // the expected audience
    std::string issuer;
    std::string jwks_uri;   // http(s):// or file://
};

struct KafkaTls {
    std::string certificate_path;
    std::string private_key_path;
    std::string ca_path;
};

// Everything the service reads from its environment (../shared/spec/README.md, "Running it").
struct Config {
    int http_port = 8080;
    // I/O threads: they never wait on the database or the network, so a few are enough.
    int http_threads = 2;
    // 10,000 job seekers with every field fit (about 1.1 MB); 2 MB does not.
    std::size_t http_body_limit = 1536 * 1024;
    std::chrono::seconds http_request_timeout{30};  // reading a body; writing a response
    std::size_t http_max_connections = 1024;
    std::chrono::milliseconds http_header_timeout{10000};
    std::size_t http_body_budget = 64u << 20;      // request bodies being read at once
    std::size_t http_response_budget = 64u << 20;  // large responses being written at once

    std::string database_url;  // empty: libpq's PG* variables apply
    int db_pool_size = 16;     // also the number of HTTP worker threads
    std::chrono::milliseconds db_statement_timeout{5000};
    std::chrono::milliseconds db_lock_timeout{2000};
    std::chrono::milliseconds db_acquire_timeout{250};

    std::optional<std::string> kafka_brokers;  // unset: standalone on the embedded rapid
    std::string kafka_rapid_topic = "toi.rapid-1";
    std::string kafka_consumer_group_id = "rekrutteringstreff-v1";
    std::string kafka_reset_policy = "latest";
    // A crashed instance's partitions wait this long before the group moves them (docs/scaling.md).
    std::chrono::milliseconds kafka_session_timeout{6000};
    std::chrono::milliseconds kafka_heartbeat_interval{1000};
    std::optional<KafkaTls> kafka_tls;
    std::string aktivitetskort_topic = "dab.aktivitetskort-v1.1";
    std::string aktivitetskort_feil_topic = "dab.aktivitetskort-feil-v1";

    std::optional<TokenIssuer> azure;
    std::optional<TokenIssuer> tokenx;
    std::string group_arbeidsgiverrettet;
    std::string group_jobbsokerrettet;
    std::string group_utvikler;

    std::string min_side_url = "https://www.nav.no/rekrutteringstreff";
    std::chrono::seconds synlighet_behov_intervall{60};
    std::chrono::seconds hendelse_relay_intervall{10};
    std::chrono::seconds aktivitetskort_relay_intervall{10};
    std::chrono::seconds auto_fullfor_intervall{900};
    // How far ahead of now a rapid message's times may lie before they are refused (issue 14).
    std::chrono::seconds rapid_max_fremtid{3600};

    // Our name on the rapid, as the platform injects it (../shared/spec/messages.md, "The rapid").
    std::string nais_app_name = "rekrutteringstreff";
    std::optional<std::string> nais_cluster_name;
    std::optional<std::string> nais_namespace;
    std::optional<std::string> nais_app_image;

    std::string log_level = "info";
    std::string secure_log_path;  // empty: secure lines are dropped
    std::string audit_log_path;   // empty: audit lines go to stderr
    std::string instance_id;      // defaults to the host name
};

using EnvLookup = std::function<std::optional<std::string>(const char* name)>;

// Reads the configuration; throws ConfigError naming the first invalid variable.
Config parse_config(const EnvLookup& env);
Config config_from_environment();

// A variable parse_config reads, for the check that the platform manifest sets what production
// needs (nais/README.md). A unit test keeps this list equal to what parse_config looks up.
struct ConfigVariable {
    const char* name;
    // What applies when it is unset; nullptr when production must set it.
    const char* default_value;
};
const std::vector<ConfigVariable>& config_variables();

}  // namespace rt
