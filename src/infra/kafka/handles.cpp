#include "infra/kafka/handles.hpp"

#include <fmt/format.h>
#include <stdexcept>

#include "infra/log.hpp"

namespace rt::kafka {

void set(rd_kafka_conf_t* conf, const std::string& name, const std::string& value) {
    char err[512];
    if (rd_kafka_conf_set(conf, name.c_str(), value.c_str(), err, sizeof err) != RD_KAFKA_CONF_OK)
        throw std::invalid_argument(fmt::format("Kafka property {}: {}", name, err));
}

namespace {
// librdkafka's own log lines, as JSON lines like ours instead of raw text on stderr.
void log_line(const rd_kafka_t*, int level, const char* facility, const char* text) {
    auto l = level <= 3 ? log::Level::error : level <= 4 ? log::Level::warn : level <= 6 ? log::Level::info : log::Level::debug;
    log::write(l, "librdkafka", text, {{"facility", facility}});
}
}  // namespace

ConfHandle make_conf(const KafkaSettings& settings) {
    ConfHandle conf(rd_kafka_conf_new());
    rd_kafka_conf_set_log_cb(conf.get(), log_line);
    set(conf.get(), "bootstrap.servers", settings.brokers);
    set(conf.get(), "client.id", settings.client_id);
    if (settings.tls) {
        set(conf.get(), "security.protocol", "ssl");
        set(conf.get(), "ssl.certificate.location", settings.tls->certificate_path);
        set(conf.get(), "ssl.key.location", settings.tls->private_key_path);
        set(conf.get(), "ssl.ca.location", settings.tls->ca_path);
    }
    for (const auto& [k, v] : settings.extra) set(conf.get(), k, v);
    return conf;
}

}  // namespace rt::kafka
