#include <catch2/catch.hpp>
#include <thread>

#include "contract/aktivitetskort_kontrakt.hpp"
#include "core/time.hpp"
#include "infra/pg/migrations.hpp"
#include "modules/aktivitetskort/kort.hpp"
#include "support/test_db.hpp"

using namespace rt;

namespace {
std::vector<pg::Migration> two_migrations() {
    return {{1, "001_a", "CREATE TABLE a (id int PRIMARY KEY);"},
            {2, "002_b", "CREATE TABLE b (id int PRIMARY KEY); INSERT INTO b VALUES (1);"}};
}
}  // namespace

TEST_CASE("migrations apply once, in order, and are recorded with their checksum") {
    test::TestDatabase db(false);
    auto c = db.connect();
    REQUIRE(pg::migrate(c, two_migrations()) == 2);
    REQUIRE(db.scalar("SELECT string_agg(name, ',' ORDER BY version) FROM schema_migrations") == "001_a,002_b");
    REQUIRE(db.scalar("SELECT checksum FROM schema_migrations WHERE version = 2") == pg::checksum(two_migrations()[1].sql));
    REQUIRE(db.count("SELECT count(*) FROM b") == 1);
}

TEST_CASE("running the migrations again is a no-op, a new one is applied alone") {
    test::TestDatabase db(false);
    auto c = db.connect();
    pg::migrate(c, two_migrations());
    REQUIRE(pg::migrate(c, two_migrations()) == 0);
    REQUIRE(db.count("SELECT count(*) FROM b") == 1);  // the INSERT did not run twice
    auto more = two_migrations();
    more.push_back({3, "003_c", "ALTER TABLE a ADD COLUMN navn text;"});
    REQUIRE(pg::migrate(c, more) == 1);
    REQUIRE(db.count("SELECT count(*) FROM schema_migrations") == 3);
}

TEST_CASE("a migration changed after it was applied is refused and nothing else runs") {
    test::TestDatabase db(false);
    auto c = db.connect();
    pg::migrate(c, two_migrations());
    auto changed = two_migrations();
    changed[0].sql = "CREATE TABLE a (id bigint PRIMARY KEY);";
    changed.push_back({3, "003_c", "CREATE TABLE c (id int);"});
    REQUIRE_THROWS_AS(pg::migrate(c, changed), pg::MigrationError);
    REQUIRE(db.count("SELECT count(*) FROM schema_migrations") == 2);
    REQUIRE(db.count("SELECT count(*) FROM pg_tables WHERE tablename = 'c'") == 0);
}

TEST_CASE("a failing migration rolls back and is not recorded") {
    test::TestDatabase db(false);
    auto c = db.connect();
    std::vector<pg::Migration> bad = {{1, "001_ok", "CREATE TABLE ok (id int);"},
                                      {2, "002_bad", "CREATE TABLE half (id int); SELECT * FROM finnes_ikke;"}};
    REQUIRE_THROWS_AS(pg::migrate(c, bad), pg::DbError);
    REQUIRE(db.count("SELECT count(*) FROM schema_migrations") == 1);
    REQUIRE(db.count("SELECT count(*) FROM pg_tables WHERE tablename = 'half'") == 0);
}

TEST_CASE("two runners racing on an empty database both succeed and each migration runs once") {
    test::TestDatabase db(false);
    std::vector<pg::Migration> slow = {{1, "001_slow", "SELECT pg_sleep(0.3); CREATE TABLE s (id int); INSERT INTO s VALUES (1);"},
                                       {2, "002_next", "INSERT INTO s VALUES (2);"}};
    std::atomic<int> applied{0};
    std::atomic<int> failures{0};
    auto runner = [&] {
        try {
            auto c = db.connect();
            applied += pg::migrate(c, slow);
        } catch (const std::exception&) {
            ++failures;
        }
    };
    std::thread a(runner), b(runner);
    a.join();
    b.join();
    REQUIRE(failures == 0);
    REQUIRE(applied == 2);
    REQUIRE(db.scalar("SELECT string_agg(id::text, ',' ORDER BY id) FROM s") == "1,2");
}

TEST_CASE("the service's own migrations apply to an empty database and again as a no-op") {
    test::TestDatabase db(false);
    auto c = db.connect();
    auto all = pg::embedded_migrations();
    REQUIRE(pg::migrate(c, all) == static_cast<int>(all.size()));
    REQUIRE(pg::migrate(c, all) == 0);
}

TEST_CASE("migration 005: unsent card versions spelled PERSONBRUKER are corrected in place, sent ones are left as sent") {
    test::TestDatabase db(false);
    auto c = db.connect();
    auto alle = pg::embedded_migrations();
    std::vector<pg::Migration> til_004;
    for (const auto& m : alle)
        if (m.version < 5) til_004.push_back(m);
    pg::migrate(c, til_004);

    const std::string kort = "bbbbbbbb-0000-4000-8000-000000000002", fnr = "01010012345";
    c.query("INSERT INTO aktivitetskort (aktivitetskort_id, rekrutteringstreff_id, fnr, opprettet) VALUES ($1, $2, $3, now())", kort,
            std::string("11111111-2222-4333-8444-555555555555"), fnr);
    aktivitetskort::KortInnhold innhold{"11111111-2222-4333-8444-555555555555", "Treff \"hos\" A\\S 🎉 \"identType\":\"PERSONBRUKER\"",
                                        std::nullopt, std::nullopt, "Gate 1", "0123", "Oslo"};
    auto melding = [&](const std::string& id, const std::string& status, const std::string& type) {
        return boost::json::serialize(aktivitetskort::melding(id, kort, fnr, innhold, {status, type == "NAVIDENT" ? "Z1" : fnr, type,
                                                                                       *tid::parse_iso("2025-09-30T10:34:56.789Z")},
                                                              "https://www.nav.no/rekrutteringstreff"));
    };
    struct Rad {
        std::string id, type, melding;
        bool sendt;
    };
    const std::vector<Rad> rader = {
        {"aaaaaaaa-0000-4000-8000-000000000001", "NAVIDENT", melding("aaaaaaaa-0000-4000-8000-000000000001", "PLANLAGT", "NAVIDENT"), true},
        {"aaaaaaaa-0000-4000-8000-000000000002", "PERSONBRUKER", melding("aaaaaaaa-0000-4000-8000-000000000002", "GJENNOMFORES", "PERSONBRUKER"), true},
        {"aaaaaaaa-0000-4000-8000-000000000003", "PERSONBRUKER", melding("aaaaaaaa-0000-4000-8000-000000000003", "AVBRUTT", "PERSONBRUKER"), false},
        {"aaaaaaaa-0000-4000-8000-000000000004", "NAVIDENT", melding("aaaaaaaa-0000-4000-8000-000000000004", "PLANLAGT", "NAVIDENT"), false},
        // Not compact (whitespace): corrected through the parsed message.
        {"aaaaaaaa-0000-4000-8000-000000000005", "PERSONBRUKER",
         R"({ "messageId": "aaaaaaaa-0000-4000-8000-000000000005", "aktivitetskort": { "id": ")" + kort +
             R"(", "endretAv": { "ident": "01010012345", "identType": "PERSONBRUKER" } } })",
         false}};
    for (const auto& r : rader)
        c.query(R"(INSERT INTO aktivitetskort_versjon (message_id, aktivitetskort_id, fnr, tittel, aktivitet_status, endret_av,
                                                      endret_av_type, endret_tidspunkt, melding, sendt_tidspunkt)
                   VALUES ($1, $2, $3, 't', 'X', 'x', $4, now(), $5, CASE WHEN $6 THEN now() END))",
                r.id, kort, fnr, r.type, r.melding, r.sendt);
    auto for_ = c.exec("SELECT string_agg(message_id || ':' || versjon || ':' || aktivitetskort_id, ',' ORDER BY versjon) FROM aktivitetskort_versjon");

    REQUIRE(pg::migrate(c, alle) == static_cast<int>(alle.size() - til_004.size()));

    auto rad = [&](int i) {
        auto r = c.query("SELECT endret_av_type, melding FROM aktivitetskort_versjon WHERE message_id = $1", rader[i].id);
        return std::pair(r.str(0, 0), r.str(0, 1));
    };
    REQUIRE(rad(0) == std::pair(std::string("NAVIDENT"), rader[0].melding));
    REQUIRE(rad(1) == std::pair(std::string("PERSONBRUKER"), rader[1].melding));  // sent: history stays as sent
    REQUIRE(rad(3) == std::pair(std::string("NAVIDENT"), rader[3].melding));
    // Unsent: only the spelling changed, byte for byte elsewhere (the title that mimics the pair included).
    auto rettet = rad(2);
    REQUIRE(rettet.first == "PERSONBRUKERIDENT");
    auto forventet = rader[2].melding;
    auto pos = forventet.find(R"("identType":"PERSONBRUKER")");
    forventet.replace(pos, std::string(R"("identType":"PERSONBRUKER")").size(), R"("identType":"PERSONBRUKERIDENT")");
    REQUIRE(rettet.second == forventet);
    REQUIRE(kontrakt::brudd_pa_kort(kort, rettet.second, {{"Nav-Call-Id", rader[2].id}}).empty());
    REQUIRE(boost::json::parse(rettet.second).at("aktivitetskort").at("tittel").as_string() == innhold.tittel);
    auto parsed = boost::json::parse(rad(4).second);
    REQUIRE(rad(4).first == "PERSONBRUKERIDENT");
    REQUIRE(parsed.at("aktivitetskort").at("endretAv").at("identType").as_string() == "PERSONBRUKERIDENT");
    REQUIRE(parsed.at("messageId").as_string() == rader[4].id);
    // Nothing lost or re-keyed.
    REQUIRE(c.exec("SELECT string_agg(message_id || ':' || versjon || ':' || aktivitetskort_id, ',' ORDER BY versjon) FROM aktivitetskort_versjon")
                .str(0, 0) == for_.str(0, 0));
    REQUIRE(c.exec("SELECT count(*) FROM aktivitetskort_versjon WHERE sendt_tidspunkt IS NULL").str(0, 0) == "3");
}
