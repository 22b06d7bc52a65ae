#include "infra/config.hpp"

#include <unistd.h>

#include <charconv>
#include <cstdlib>
#include <fmt/format.h>

namespace rt {
namespace {

std::optional<std::string> non_empty(const EnvLookup& env, const char* name) {
    auto v = env(name);
    if (!v || v->empty()) return std::nullopt;
    return v;
}

long long integer(const EnvLookup& env, const char* name, long long fallback, long long min, long long max) {
    auto v = non_empty(env, name);
    if (!v) return fallback;
    long long out = 0;
    auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
    if (ec != std::errc() || end != v->data() + v->size())
        throw ConfigError(fmt::format("{} must be a whole number, got '{}'", name, *v));
    if (out < min || out > max)
        throw ConfigError(fmt::format("{} must be between {} and {}, got {}", name, min, max, out));
    return out;
}

std::string text(const EnvLookup& env, const char* name, std::string fallback) {
    auto v = non_empty(env, name);
    return v ? *v : std::move(fallback);
}

// All three variables of an issuer, or none of them.
std::optional<TokenIssuer> issuer(const EnvLookup& env, const char* client, const char* iss, const char* jwks) {
    auto c = non_empty(env, client), i = non_empty(env, iss), j = non_empty(env, jwks);
    if (!c && !i && !j) return std::nullopt;
    for (auto [name, value] : {std::pair{client, c}, std::pair{iss, i}, std::pair{jwks, j}})
        if (!value) throw ConfigError(fmt::format("{} must be set together with the other token variables", name));
    if (!(j->starts_with("http://") || j->starts_with("https://") || j->starts_with("file://")))
        throw ConfigError(fmt::format("{} must be an http://, https:// or file:// URI", jwks));
    return TokenIssuer{*c, *i, *j};
}

std::string host_name() {
    char buf[256] = {};
    if (gethostname(buf, sizeof buf - 1) != 0) return "unknown";
    return buf;
}

}  // namespace

Config parse_config(const EnvLookup& env) {
    Config c;
    c.http_port = static_cast<int>(integer(env, "HTTP_PORT", c.http_port, 0, 65535));
    c.http_threads = static_cast<int>(integer(env, "HTTP_THREADS", c.http_threads, 1, 64));
    c.http_body_limit = static_cast<std::size_t>(
        integer(env, "HTTP_BODY_LIMIT_BYTES", static_cast<long long>(c.http_body_limit), 1024, 64ll << 20));
    c.http_request_timeout = std::chrono::seconds(
        integer(env, "HTTP_REQUEST_TIMEOUT_SEKUNDER", c.http_request_timeout.count(), 1, 3600));

    c.http_max_connections = static_cast<std::size_t>(
        integer(env, "HTTP_MAX_CONNECTIONS", static_cast<long long>(c.http_max_connections), 1, 1000000));
    c.http_header_timeout = std::chrono::milliseconds(
        integer(env, "HTTP_HEADER_TIMEOUT_MS", c.http_header_timeout.count(), 100, 3600000));
    c.http_body_budget = static_cast<std::size_t>(
        integer(env, "HTTP_BODY_BUDGET_BYTES", static_cast<long long>(c.http_body_budget), 1024, 16ll << 30));
    if (c.http_body_budget < c.http_body_limit)
        throw ConfigError("HTTP_BODY_BUDGET_BYTES must be at least HTTP_BODY_LIMIT_BYTES");
    c.http_response_budget = static_cast<std::size_t>(
        integer(env, "HTTP_RESPONSE_BUDGET_BYTES", static_cast<long long>(c.http_response_budget), 1 << 20, 16ll << 30));

    c.database_url = text(env, "DATABASE_URL", "");
    c.db_pool_size = static_cast<int>(integer(env, "DB_POOL_SIZE", c.db_pool_size, 2, 500));
    c.db_statement_timeout = std::chrono::milliseconds(
        integer(env, "DB_STATEMENT_TIMEOUT_MS", c.db_statement_timeout.count(), 0, 3600000));
    c.db_lock_timeout = std::chrono::milliseconds(integer(env, "DB_LOCK_TIMEOUT_MS", c.db_lock_timeout.count(), 0, 3600000));
    c.db_acquire_timeout = std::chrono::milliseconds(
        integer(env, "DB_ACQUIRE_TIMEOUT_MS", c.db_acquire_timeout.count(), 1, 60000));

    c.kafka_brokers = non_empty(env, "KAFKA_BROKERS");
    c.kafka_rapid_topic = text(env, "KAFKA_RAPID_TOPIC", c.kafka_rapid_topic);
    c.kafka_consumer_group_id = text(env, "KAFKA_CONSUMER_GROUP_ID", c.kafka_consumer_group_id);
    c.kafka_reset_policy = text(env, "KAFKA_RESET_POLICY", c.kafka_reset_policy);
    if (c.kafka_reset_policy != "earliest" && c.kafka_reset_policy != "latest")
        throw ConfigError(fmt::format("KAFKA_RESET_POLICY must be 'earliest' or 'latest', got '{}'", c.kafka_reset_policy));
    c.kafka_session_timeout = std::chrono::milliseconds(
        integer(env, "KAFKA_SESSION_TIMEOUT_MS", c.kafka_session_timeout.count(), 1000, 300000));
    c.kafka_heartbeat_interval = std::chrono::milliseconds(
        integer(env, "KAFKA_HEARTBEAT_INTERVAL_MS", c.kafka_heartbeat_interval.count(), 100, 60000));
    if (c.kafka_heartbeat_interval * 2 > c.kafka_session_timeout)
        throw ConfigError("KAFKA_HEARTBEAT_INTERVAL_MS must be at most half of KAFKA_SESSION_TIMEOUT_MS");
    auto cert = non_empty(env, "KAFKA_CERTIFICATE_PATH"), key = non_empty(env, "KAFKA_PRIVATE_KEY_PATH"),
         ca = non_empty(env, "KAFKA_CA_PATH");
    if (cert || key || ca) {
        for (auto [name, value] : {std::pair{"KAFKA_CERTIFICATE_PATH", cert}, std::pair{"KAFKA_PRIVATE_KEY_PATH", key},
                                   std::pair{"KAFKA_CA_PATH", ca}})
            if (!value) throw ConfigError(fmt::format("{} must be set together with the other KAFKA_*_PATH variables", name));
        c.kafka_tls = KafkaTls{*cert, *key, *ca};
    }
    c.aktivitetskort_topic = text(env, "AKTIVITETSKORT_TOPIC", c.aktivitetskort_topic);
    c.aktivitetskort_feil_topic = text(env, "AKTIVITETSKORT_FEIL_TOPIC", c.aktivitetskort_feil_topic);

    c.azure = issuer(env, "AZURE_APP_CLIENT_ID", "AZURE_OPENID_CONFIG_ISSUER", "AZURE_OPENID_CONFIG_JWKS_URI");
    c.tokenx = issuer(env, "TOKEN_X_CLIENT_ID", "TOKEN_X_ISSUER", "TOKEN_X_JWKS_URI");
    c.group_arbeidsgiverrettet = text(env, "REKRUTTERINGSBISTAND_ARBEIDSGIVERRETTET", "");
    c.group_jobbsokerrettet = text(env, "REKRUTTERINGSBISTAND_JOBBSOKERRETTET", "");
    c.group_utvikler = text(env, "REKRUTTERINGSBISTAND_UTVIKLER", "");

    c.min_side_url = text(env, "MIN_SIDE_URL", c.min_side_url);
    if (!(c.min_side_url.starts_with("http://") || c.min_side_url.starts_with("https://")))
        throw ConfigError(fmt::format("MIN_SIDE_URL must be an http(s) URL, got '{}'", c.min_side_url));
    while (c.min_side_url.ends_with('/')) c.min_side_url.pop_back();
    c.synlighet_behov_intervall = std::chrono::seconds(
        integer(env, "SYNLIGHET_BEHOV_INTERVALL_SEKUNDER", c.synlighet_behov_intervall.count(), 1, 86400));
    c.hendelse_relay_intervall = std::chrono::seconds(
        integer(env, "HENDELSE_RELAY_INTERVALL_SEKUNDER", c.hendelse_relay_intervall.count(), 1, 86400));
    c.aktivitetskort_relay_intervall = std::chrono::seconds(
        integer(env, "AKTIVITETSKORT_RELAY_INTERVALL_SEKUNDER", c.aktivitetskort_relay_intervall.count(), 1, 86400));
    c.auto_fullfor_intervall = std::chrono::seconds(
        integer(env, "AUTO_FULLFOR_INTERVALL_SEKUNDER", c.auto_fullfor_intervall.count(), 1, 86400));
    c.rapid_max_fremtid =
        std::chrono::seconds(integer(env, "RAPID_MAX_FREMTID_SEKUNDER", c.rapid_max_fremtid.count(), 0, 7 * 86400));

    c.nais_app_name = text(env, "NAIS_APP_NAME", c.nais_app_name);
    c.nais_cluster_name = non_empty(env, "NAIS_CLUSTER_NAME");
    c.nais_namespace = non_empty(env, "NAIS_NAMESPACE");
    c.nais_app_image = non_empty(env, "NAIS_APP_IMAGE");

    c.log_level = text(env, "LOG_LEVEL", c.log_level);
    if (c.log_level != "debug" && c.log_level != "info" && c.log_level != "warn" && c.log_level != "error")
        throw ConfigError(fmt::format("LOG_LEVEL must be debug, info, warn or error, got '{}'", c.log_level));
    c.secure_log_path = text(env, "SECURE_LOG_PATH", "");
    c.audit_log_path = text(env, "AUDIT_LOG_PATH", "");
    c.instance_id = text(env, "INSTANCE_ID", host_name());
    return c;
}

const std::vector<ConfigVariable>& config_variables() {
    static const std::vector<ConfigVariable> variables = {
        {"HTTP_PORT", "8080"},
        {"HTTP_THREADS", "2"},
        {"HTTP_BODY_LIMIT_BYTES", "1572864"},
        {"HTTP_REQUEST_TIMEOUT_SEKUNDER", "30"},
        {"HTTP_HEADER_TIMEOUT_MS", "10000"},
        {"HTTP_MAX_CONNECTIONS", "1024"},
        {"HTTP_BODY_BUDGET_BYTES", "67108864"},
        {"HTTP_RESPONSE_BUDGET_BYTES", "67108864"},
        {"DATABASE_URL", nullptr},
        {"DB_POOL_SIZE", "16"},
        {"DB_STATEMENT_TIMEOUT_MS", "5000"},
        {"DB_LOCK_TIMEOUT_MS", "2000"},
        {"DB_ACQUIRE_TIMEOUT_MS", "250"},
        {"KAFKA_BROKERS", nullptr},  // unset is standalone mode, which is not for production
        {"KAFKA_RAPID_TOPIC", "toi.rapid-1"},
        {"KAFKA_CONSUMER_GROUP_ID", "rekrutteringstreff-v1"},
        {"KAFKA_RESET_POLICY", "latest"},
        {"KAFKA_SESSION_TIMEOUT_MS", "6000"},
        {"KAFKA_HEARTBEAT_INTERVAL_MS", "1000"},
        {"KAFKA_CERTIFICATE_PATH", nullptr},
        {"KAFKA_PRIVATE_KEY_PATH", nullptr},
        {"KAFKA_CA_PATH", nullptr},
        {"AKTIVITETSKORT_TOPIC", "dab.aktivitetskort-v1.1"},
        {"AKTIVITETSKORT_FEIL_TOPIC", "dab.aktivitetskort-feil-v1"},
        {"AZURE_APP_CLIENT_ID", nullptr},
        {"AZURE_OPENID_CONFIG_ISSUER", nullptr},
        {"AZURE_OPENID_CONFIG_JWKS_URI", nullptr},
        {"TOKEN_X_CLIENT_ID", nullptr},
        {"TOKEN_X_ISSUER", nullptr},
        {"TOKEN_X_JWKS_URI", nullptr},
        {"REKRUTTERINGSBISTAND_ARBEIDSGIVERRETTET", nullptr},
        {"REKRUTTERINGSBISTAND_JOBBSOKERRETTET", nullptr},
        {"REKRUTTERINGSBISTAND_UTVIKLER", nullptr},
        {"MIN_SIDE_URL", "https://www.nav.no/rekrutteringstreff"},
        {"SYNLIGHET_BEHOV_INTERVALL_SEKUNDER", "60"},
        {"HENDELSE_RELAY_INTERVALL_SEKUNDER", "10"},
        {"AKTIVITETSKORT_RELAY_INTERVALL_SEKUNDER", "10"},
        {"AUTO_FULLFOR_INTERVALL_SEKUNDER", "900"},
        {"RAPID_MAX_FREMTID_SEKUNDER", "3600"},
        {"NAIS_APP_NAME", "rekrutteringstreff"},
        {"NAIS_CLUSTER_NAME", "(unset)"},
        {"NAIS_NAMESPACE", "(unset)"},
        {"NAIS_APP_IMAGE", "(left out)"},
        {"LOG_LEVEL", "info"},
        {"SECURE_LOG_PATH", "(dropped)"},
        {"AUDIT_LOG_PATH", "(stderr)"},
        {"INSTANCE_ID", "(host name)"},
    };
    return variables;
}

Config config_from_environment() {
    return parse_config([](const char* name) -> std::optional<std::string> {
        const char* v = std::getenv(name);
        if (!v) return std::nullopt;
        return std::string(v);
    });
}

}  // namespace rt
