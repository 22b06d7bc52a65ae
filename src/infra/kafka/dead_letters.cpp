#include "infra/kafka/dead_letters.hpp"

#include "core/errors.hpp"
#include "infra/log.hpp"
#include "infra/metrics.hpp"
#include "infra/pg/pool.hpp"

namespace rt::kafka {

void DeadLetters::store(const Record& record, const std::string& handler, const std::string& reason) {
    db_.with([&](pg::Connection& c) {
        // bytea in hex form, so that any bytes (not UTF-8, NUL) are kept exactly.
        static constexpr char hex[] = "0123456789abcdef";
        std::string raw = "\\x";
        raw.reserve(2 + record.value.size() * 2);
        for (unsigned char b : record.value) {
            raw += hex[b >> 4];
            raw += hex[b & 0x0f];
        }
        c.query(R"(INSERT INTO dead_letter (topic, kafka_partition, kafka_offset, handler, reason, raw)
                   VALUES ($1, $2, $3, $4, $5, $6::bytea)
                   ON CONFLICT (topic, kafka_partition, kafka_offset, handler) DO NOTHING)",
                record.topic, record.partition, record.offset, handler, reason, raw);
    });
    metrics_.add("dead_letters_total", {{"topic", record.topic}, {"handler", handler}});
    log::warn("kafka.dead_letter", "melding lagt til side og hoppet over",
              {{"topic", record.topic}, {"partition", record.partition}, {"offset", record.offset},
               {"handler", handler}, {"reason", reason}});
}

Consumer::BatchHandler one_by_one(std::string name, std::function<void(const Record&)> handler, DeadLetters& dead_letters) {
    return [name = std::move(name), handler = std::move(handler), &dead_letters](std::vector<Record>& batch) {
        for (auto& r : batch) {
            if (r.done & 1) continue;
            try {
                handler(r);
            } catch (const TransientError&) {
                throw;
            } catch (const std::exception& e) {
                dead_letters.store(r, name, e.what());
            }
            r.done |= 1;
        }
    };
}

}  // namespace rt::kafka
