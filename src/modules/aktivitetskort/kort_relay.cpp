#include "modules/aktivitetskort/kort_relay.hpp"

namespace rt::aktivitetskort {

std::size_t KortRelay::kjor() {
    constexpr int kBatch = 1000;
    std::size_t sendt = 0;
    while (true) {
        auto r = db_.with([&](pg::Connection& c) {
            return c.query(R"(SELECT message_id, aktivitetskort_id, melding FROM aktivitetskort_versjon
                              WHERE sendt_tidspunkt IS NULL ORDER BY versjon LIMIT $1)",
                           kBatch);
        });
        if (r.rows() == 0) break;
        std::vector<kafka::OutRecord> records;
        std::vector<std::string> ider;
        for (int i = 0; i < r.rows(); ++i) {
            ider.push_back(r.str(i, 0));
            records.push_back({topic_, r.str(i, 1), r.str(i, 2), {{"Nav-Call-Id", r.str(i, 0)}}});
        }
        producer_.send(records);
        if (etter_sending) etter_sending();
        db_.with([&](pg::Connection& c) {
            c.query("UPDATE aktivitetskort_versjon SET sendt_tidspunkt = $2 WHERE message_id = ANY($1::uuid[])", ider, clock_.now());
        });
        sendt += ider.size();
        metrics_.add("aktivitetskort_sendt_total", {}, static_cast<double>(ider.size()));
        if (r.rows() < kBatch) break;
    }
    return sendt;
}

}  // namespace rt::aktivitetskort
