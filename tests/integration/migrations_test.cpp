#include <catch2/catch.hpp>
#include <thread>

#include "infra/pg/migrations.hpp"
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

TEST_CASE("running the migrations again is a no-op; a new one is applied alone") {
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
