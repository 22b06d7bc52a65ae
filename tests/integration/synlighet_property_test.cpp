// Property: whatever the batching, the batch path of the visibility rivers leaves the rows exactly
// as applying the spec's rules to each message in offset order would.
#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <random>

#include "core/time.hpp"
#include "infra/kafka/dead_letters.hpp"
#include "infra/metrics.hpp"
#include "infra/pg/pool.hpp"
#include "infra/rapid/embedded_rapid.hpp"
#include "modules/synlighet/rivers.hpp"
#include "support/fnr.hpp"
#include "support/test_db.hpp"

using namespace rt;
using rt::test::test_fnr;

namespace {

struct Melding {
    bool hendelse;  // else a need answer
    int person;
    bool synlig;
    bool ferdig;
    int sekund;  // @opprettet = 08:00:<sekund> Oslo time
};

// The reference: the rules of ../shared/spec/synlighet.md, one message at a time.
struct Rad {
    bool synlig = true;
    std::optional<int> sist;
    std::string kilde = "-";
};
void anvend(Rad& r, const Melding& m) {
    if (m.hendelse) {
        if (!r.sist || r.kilde == "NEED" || *r.sist < m.sekund) r = {m.synlig, m.sekund, "EVENT"};
    } else if (!r.sist) {
        r = {m.synlig && m.ferdig, m.sekund, "NEED"};
    }
}

std::string tekst(const Melding& m) {
    auto fnr = test_fnr(m.person);
    auto t = fmt::format("2025-10-01T08:00:{:02}", m.sekund);
    if (m.hendelse)
        return fmt::format(R"({{"fodselsnummer":"{}","@opprettet":"{}","@slutt_av_hendelseskjede":true,"synlighet":{{"erSynlig":{},"ferdigBeregnet":true}}}})",
                           fnr, t, m.synlig);
    return fmt::format(R"({{"@event_name":"behov","fodselsnummer":"{}","@opprettet":"{}","synlighetRekrutteringstreff":{{"erSynlig":{},"ferdigBeregnet":{}}}}})",
                       fnr, t, m.synlig, m.ferdig);
}

std::string som_tekst(const Rad& r) {
    return fmt::format("{}/{}/{}", r.synlig ? "t" : "f", r.kilde, r.sist ? fmt::format("{:02}", *r.sist) : "-");
}

}  // namespace

TEST_CASE("synlighet property: random interleavings through the batch path equal one-by-one application") {
    test::TestDatabase db;
    pg::Pool pool(db.url(), 2);
    Metrics metrics;
    SystemClock clock;
    kafka::DeadLetters dead(pool, metrics);
    rapid::EmbeddedRapid unused_rapid(rapid::Deltaker{"prop"}, clock, dead, metrics);  // only for the handlers' Context
    rapid::Context ctx(unused_rapid, nullptr, nullptr);
    jobbsoker::SynlighetLager lager(pool);
    auto hendelser = synlighet::hendelse_river(lager, clock, std::chrono::hours(1));
    auto svar = synlighet::behovssvar_river(lager, clock, std::chrono::hours(1));

    constexpr int kPersoner = 3;
    // Person 0 is on two meetings; rows start in different states, as in a running system.
    auto c = db.connect();
    c.exec(R"(INSERT INTO rekrutteringstreff (id, tittel, status, opprettet_av_navident, opprettet_tidspunkt, eiere, sist_endret, sist_endret_av)
              VALUES ('00000000-0000-4000-8000-000000000001', 'A', 'PUBLISERT', 'Z', now(), '{Z}', now(), 'Z'),
                     ('00000000-0000-4000-8000-000000000002', 'B', 'PUBLISERT', 'Z', now(), '{Z}', now(), 'Z'))");
    struct Start {
        int person;
        std::string treff;
        Rad rad;
    };
    const std::vector<Start> start = {{0, "00000000-0000-4000-8000-000000000001", {}},
                                      {0, "00000000-0000-4000-8000-000000000002", {false, 5, "EVENT"}},
                                      {1, "00000000-0000-4000-8000-000000000001", {true, 3, "NEED"}},
                                      {2, "00000000-0000-4000-8000-000000000001", {}}};
    for (std::size_t i = 0; i < start.size(); ++i)
        c.query(R"(INSERT INTO jobbsoker (id, rekrutteringstreff_id, fodselsnummer, fornavn, etternavn, status, lagt_til_tidspunkt)
                   VALUES ($1, $2, $3, 'F', 'E', 'INVITERT', now()))",
                fmt::format("10000000-0000-4000-8000-00000000000{}", i), start[i].treff, test_fnr(start[i].person));

    std::mt19937 rng(20261123);
    const int runs = 150;
    for (int run = 0; run < runs; ++run) {
        for (std::size_t i = 0; i < start.size(); ++i) {
            const auto& r = start[i].rad;
            c.query(R"(UPDATE jobbsoker SET er_synlig = $2, synlighet_kilde = $3, synlighet_sist_oppdatert = $4 WHERE id = $1)",
                    fmt::format("10000000-0000-4000-8000-00000000000{}", i), r.synlig,
                    r.kilde == "-" ? std::optional<std::string>() : std::optional<std::string>(r.kilde),
                    r.sist ? std::optional<Instant>(*tid::parse_iso(fmt::format("2025-10-01T08:00:{:02}", *r.sist))) : std::nullopt);
        }
        std::vector<Melding> ms(std::uniform_int_distribution<int>(1, 30)(rng));
        for (auto& m : ms)
            m = {std::uniform_int_distribution<int>(0, 2)(rng) != 0, std::uniform_int_distribution<int>(0, kPersoner - 1)(rng),
                 std::uniform_int_distribution<int>(0, 1)(rng) == 1, std::uniform_int_distribution<int>(0, 3)(rng) != 0,
                 std::uniform_int_distribution<int>(1, 8)(rng)};  // few distinct times: equal times happen

        std::vector<Rad> forventet;
        for (const auto& s : start) forventet.push_back(s.rad);
        for (const auto& m : ms)
            for (std::size_t i = 0; i < start.size(); ++i)
                if (start[i].person == m.person) anvend(forventet[i], m);

        // The batch path: consecutive batches of random size, each river taking its messages.
        std::size_t pos = 0;
        while (pos < ms.size()) {
            auto n = std::min<std::size_t>(ms.size() - pos, std::uniform_int_distribution<int>(1, 12)(rng));
            std::vector<rapid::Message> batch;
            for (std::size_t i = pos; i < pos + n; ++i) batch.push_back(rapid::Message::parse(tekst(ms[i])));
            std::vector<const rapid::Message*> ev, sv;
            for (std::size_t i = 0; i < n; ++i) (ms[pos + i].hendelse ? ev : sv).push_back(&batch[i]);
            if (!ev.empty()) hendelser.on_batch(ev, ctx);
            if (!sv.empty()) svar.on_batch(sv, ctx);
            pos += n;
        }

        auto r = c.exec(R"(SELECT id, er_synlig, coalesce(synlighet_kilde, '-'),
                                  coalesce(to_char(synlighet_sist_oppdatert AT TIME ZONE 'Europe/Oslo', 'SS'), '-')
                           FROM jobbsoker ORDER BY id)");
        for (int i = 0; i < r.rows(); ++i) {
            INFO("run " << run << ", row " << i << ", " << ms.size() << " messages");
            REQUIRE(fmt::format("{}/{}/{}", r.boolean(i, 1) ? "t" : "f", r.str(i, 2), r.str(i, 3)) == som_tekst(forventet[i]));
        }
    }
}
