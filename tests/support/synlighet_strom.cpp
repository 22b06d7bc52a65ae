#include "support/synlighet_strom.hpp"

#include <fmt/format.h>

#include "core/ids.hpp"
#include "infra/pg/connection.hpp"

namespace rt::test::synlighet_strom {
namespace {

// Engine verdicts fall within two days from here, well in the past (June: no daylight-saving
// change inside, and none is refused as from the future).
const Instant kT0 = Instant(std::chrono::sys_days(std::chrono::year(2025) / 6 / 1).time_since_epoch());

// fnr(p) in SQL, for the seed.
constexpr const char* kFnrSql =
    "lpad((1 + p % 28)::text, 2, '0') || lpad((1 + (p / 28) % 12)::text, 2, '0') || "
    "lpad(((p / 336) % 100)::text, 2, '0') || lpad((p % 100000)::text, 5, '0')";

}  // namespace

std::string event(const std::string& fnr, Instant at, bool er_synlig, bool sperret) {
    return fmt::format(
        R"({{"@event_name":"synlighet-event","@id":"{}","@opprettet":"{}","fodselsnummer":"{}","@slutt_av_hendelseskjede":true,)"
        R"("synlighet":{{"erSynlig":{},"ferdigBeregnet":true,"sperret":{}}},"system_read_count":0,)"
        R"("@forårsaket_av":{{"id":"{}","event_name":"cv"}}}})",
        new_uuid(), tid::format_oslo_local(at), fnr, er_synlig, sperret, new_uuid());
}

std::string fnr(long long p) {
    return fmt::format("{:02}{:02}{:02}{:05}", 1 + p % 28, 1 + (p / 28) % 12, (p / 336) % 100, p % 100'000);
}

void seed(pg::Connection& c) {
    c.exec("BEGIN");
    c.query(R"(INSERT INTO rekrutteringstreff (id, tittel, beskrivelse, fra_tid, til_tid, svarfrist, gateadresse, postnummer,
                   poststed, status, opprettet_av_navident, opprettet_tidspunkt, eiere, sist_endret, sist_endret_av)
               SELECT md5('treff-' || m)::uuid, 'Treff ' || m, 'Vi treffes', $1::timestamptz + interval '30 days',
                      $1::timestamptz + interval '30 days 2 hours', $1::timestamptz + interval '27 days',
                      'Eksempelgate 1', '0123', 'Oslo', 'PUBLISERT', 'Z990001', $1, ARRAY['Z990001'], $1, 'Z990001'
               FROM generate_series(0, $2 - 1) m)",
            kT0, kMeetings);
    // Times of earlier verdicts lie inside the stream's span, so that some events are older and lose.
    c.query(fmt::format(R"(INSERT INTO jobbsoker (id, rekrutteringstreff_id, fodselsnummer, fornavn, etternavn, status,
                               lagt_til_tidspunkt, er_synlig, synlighet_sist_oppdatert, synlighet_kilde, sperret)
               SELECT md5('jobbsoker-' || r)::uuid, md5('treff-' || (r / ($2 / $3)))::uuid, {}, 'Fornavn' || r,
                      'Etternavn' || r, 'LAGT_TIL', $1,
                      CASE WHEN r % 10 < 6 THEN true WHEN r % 10 < 8 THEN r % 3 <> 0 ELSE r % 4 <> 0 END,
                      CASE WHEN r % 10 < 6 THEN NULL
                           WHEN r % 10 < 8 THEN $1::timestamptz + (r % 1000) * interval '1 second'
                           ELSE $1::timestamptz + ((r::bigint * 7919) % 172800) * interval '1 second' END,
                      CASE WHEN r % 10 < 6 THEN NULL WHEN r % 10 < 8 THEN 'NEED' ELSE 'EVENT' END,
                      r % 10 = 9 AND r % 4 = 0
               FROM generate_series(0, $2 - 1) r, LATERAL (SELECT r % $4 AS p) x)",
                        kFnrSql),
            kT0, kRows, kMeetings, kPersons);
    c.exec("COMMIT");
    c.exec("ANALYZE rekrutteringstreff; ANALYZE jobbsoker");
}

Strom::Event Strom::next() {
    double x = u_(rng_);
    if (previous_ && x < 0.02) {
        // a redelivery: the previous record as it was
    } else if (previous_ && x < 0.03) {
        previous_synlig_ = !previous_synlig_;
        previous_->value = event(previous_->key, previous_at_, previous_synlig_, false);
    } else {
        previous_on_ = u_(rng_) < kOnMeetingShare;
        auto person = fnr(previous_on_ ? on_(rng_) : off_(rng_));
        previous_at_ = kT0 + std::chrono::microseconds(micros_(rng_));
        double v = u_(rng_);
        previous_synlig_ = v < 0.80;
        previous_ = Event{person, event(person, previous_at_, previous_synlig_, v > 0.97)};
    }
    on_meeting += previous_on_;
    bytes += previous_->value.size();
    return *previous_;
}

}  // namespace rt::test::synlighet_strom
