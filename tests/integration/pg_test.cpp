#include <catch2/catch.hpp>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <atomic>
#include <thread>

#include "core/time.hpp"
#include "infra/pg/listener.hpp"
#include "infra/pg/pool.hpp"
#include "support/test_db.hpp"

using namespace rt;

TEST_CASE("parameters travel as values: text with quotes, NULL, arrays, times, booleans") {
    test::TestDatabase db(false);
    pg::Pool pool(db.url(), 2);
    pool.with([](pg::Connection& c) {
        c.exec("CREATE TABLE t (navn text, tall bigint, flagg boolean, tid timestamptz, liste text[])");
        std::string sneaky = "Robert'); DROP TABLE t; --";
        auto when = *tid::parse_iso("2025-10-01T08:00:00.250+02:00");
        c.query("INSERT INTO t VALUES ($1, $2, $3, $4, $5::text[])", sneaky, 42, true, when,
                std::vector<std::string>{"a\"b", "c\\d", "e,f", "NULL"});
        c.query("INSERT INTO t VALUES ($1, $2, $3, $4, $5)", std::optional<std::string>{}, std::nullopt,
                std::optional<bool>{}, std::optional<Instant>{}, std::optional<std::string>{});
        auto r = c.exec("SELECT navn, tall, flagg, tid, liste FROM t ORDER BY navn NULLS LAST");
        REQUIRE(r.rows() == 2);
        REQUIRE(r.str(0, 0) == sneaky);
        REQUIRE(r.integer(0, 1) == 42);
        REQUIRE(r.boolean(0, 2));
        REQUIRE(r.time(0, 3) == when);
        REQUIRE(r.str_array(0, 4) == std::vector<std::string>{"a\"b", "c\\d", "e,f", "NULL"});
        REQUIRE(r.is_null(1, 0));
        REQUIRE_FALSE(r.opt_time(1, 3).has_value());
        REQUIRE_FALSE(r.opt_bool(1, 2).has_value());
    });
}

TEST_CASE("a transaction commits on return and rolls back on an exception") {
    test::TestDatabase db(false);
    pg::Pool pool(db.url(), 2);
    pool.with([](pg::Connection& c) { c.exec("CREATE TABLE t (id int PRIMARY KEY)"); });
    pool.transaction([](pg::Connection& c) { c.query("INSERT INTO t VALUES ($1)", 1); });
    REQUIRE_THROWS(pool.transaction([](pg::Connection& c) {
        c.query("INSERT INTO t VALUES ($1)", 2);
        throw std::runtime_error("avbrutt");
    }));
    REQUIRE_THROWS_AS(pool.transaction([](pg::Connection& c) { c.query("INSERT INTO t VALUES ($1)", 1); }), pg::DbError);
    REQUIRE(db.scalar("SELECT string_agg(id::text, ',') FROM t") == "1");
    auto n = pool.transaction([](pg::Connection& c) { return c.exec("SELECT count(*) FROM t").integer(0, 0); });
    REQUIRE(n == 1);
    REQUIRE(pool.in_use() == 0);
}

TEST_CASE("a unique violation is a permanent DbError with its SQLSTATE and no echoed values") {
    test::TestDatabase db(false);
    auto c = db.connect();
    c.exec("CREATE TABLE p (fnr text PRIMARY KEY)");
    c.query("INSERT INTO p VALUES ($1)", "01010012345");
    try {
        c.query("INSERT INTO p VALUES ($1)", "01010012345");
        FAIL("expected a DbError");
    } catch (const pg::DbError& e) {
        REQUIRE(e.sqlstate == "23505");
        REQUIRE(std::string(e.what()).find("01010012345") == std::string::npos);
    }
}

TEST_CASE("an unreachable database is a TransientError, and ping says false") {
    pg::Pool pool("postgresql://postgres@127.0.0.1:1/nothing?connect_timeout=1", 2, std::chrono::milliseconds(500));
    REQUIRE_THROWS_AS(pool.acquire(), TransientError);
    REQUIRE_FALSE(pool.ping());
    REQUIRE(pool.open_connections() == 0);
}

TEST_CASE("the pool hands out at most its size and waits for a connection to come back") {
    test::TestDatabase db(false);
    pg::Pool pool(db.url(), 2, std::chrono::milliseconds(300));
    auto a = pool.acquire();
    auto b = pool.acquire();
    REQUIRE(pool.in_use() == 2);
    REQUIRE_THROWS_AS(pool.acquire(), TransientError);
    std::thread giver([lease = std::move(a)]() mutable {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        auto gone = std::move(lease);
    });
    auto c = pool.acquire();
    giver.join();
    REQUIRE(pool.open_connections() == 2);
}

TEST_CASE("a connection returned inside a transaction is closed, not reused") {
    test::TestDatabase db(false);
    pg::Pool pool(db.url(), 2);
    {
        auto lease = pool.acquire();
        lease->exec("BEGIN");
    }
    REQUIRE(pool.open_connections() == 0);
}

TEST_CASE("the listener calls back on NOTIFY, and once per channel when it connects") {
    test::TestDatabase db(false);
    std::mutex m;
    std::vector<std::string> got;
    pg::Listener listener(db.url(), {"kanal_a", "kanal_b"}, [&](const std::string& ch) {
        std::lock_guard lock(m);
        got.push_back(ch);
    });
    listener.start();
    auto wait_for = [&](std::size_t n) {
        for (int i = 0; i < 200; ++i) {
            {
                std::lock_guard lock(m);
                if (got.size() >= n) return true;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        return false;
    };
    REQUIRE(wait_for(2));  // the catch-up call for each channel
    auto c = db.connect();
    c.exec("NOTIFY kanal_b");
    REQUIRE(wait_for(3));
    listener.stop();
    std::lock_guard lock(m);
    REQUIRE(got[2] == "kanal_b");
}

TEST_CASE("text with a NUL character is refused, never stored cut short") {
    test::TestDatabase db(false);
    auto c = db.connect();
    c.exec("CREATE TABLE t (navn text, liste text[])");
    REQUIRE_THROWS_AS(c.query("INSERT INTO t (navn) VALUES ($1)", std::string("Ka\0ri", 5)), PermanentError);
    REQUIRE_THROWS_AS(c.query("INSERT INTO t (liste) VALUES ($1::text[])", std::vector<std::string>{"a", std::string("b\0c", 3)}),
                      PermanentError);
    REQUIRE(db.count("SELECT count(*) FROM t") == 0);
}

TEST_CASE("every connection has the statement and lock timeouts it was given, hitting one is a TransientError") {
    test::TestDatabase db(false);
    pg::SessionSettings settings;
    settings.statement_timeout_ms = 300;
    settings.lock_timeout_ms = 200;
    pg::Pool pool(db.url(), 3, std::chrono::milliseconds(250), settings);
    auto lease = pool.acquire();
    REQUIRE(lease->query("SELECT current_setting('statement_timeout'), current_setting('lock_timeout')").str(0, 0) == "300ms");
    REQUIRE(lease->query("SELECT current_setting('lock_timeout')").str(0, 0) == "200ms");
    int idle = 0, keepalive = 0;
    socklen_t size = sizeof idle;
    REQUIRE(getsockopt(PQsocket(lease->raw()), SOL_SOCKET, SO_KEEPALIVE, &keepalive, &size) == 0);
    REQUIRE(keepalive == 1);
    REQUIRE(getsockopt(PQsocket(lease->raw()), IPPROTO_TCP, TCP_KEEPIDLE, &idle, &size) == 0);
    REQUIRE(idle == 30);
    try {
        lease->exec("SELECT pg_sleep(2)");
        FAIL("no statement timeout");
    } catch (const pg::TransientDbError& e) {
        REQUIRE(e.sqlstate == "57014");
    }
    lease->exec("CREATE TABLE laast (id int PRIMARY KEY)");
    lease->exec("INSERT INTO laast VALUES (1)");
    auto holder = pool.acquire();
    holder->exec("BEGIN");
    holder->exec("SELECT * FROM laast WHERE id = 1 FOR UPDATE");
    try {
        lease->exec("UPDATE laast SET id = 1 WHERE id = 1");
        FAIL("no lock timeout");
    } catch (const pg::TransientDbError& e) {
        REQUIRE(e.sqlstate == "55P03");
    }
    holder->exec("ROLLBACK");
    REQUIRE(pool.open_connection().query("SELECT current_setting('statement_timeout')").str(0, 0) == "300ms");
}

TEST_CASE("a full pool refuses within its acquire timeout instead of queueing") {
    test::TestDatabase db(false);
    pg::Pool pool(db.url(), 1, std::chrono::milliseconds(100));
    auto held = pool.acquire();
    auto started = std::chrono::steady_clock::now();
    REQUIRE_THROWS_AS(pool.acquire(), TransientError);
    auto waited = std::chrono::steady_clock::now() - started;
    REQUIRE(waited >= std::chrono::milliseconds(100));
    REQUIRE(waited < std::chrono::seconds(1));
}

TEST_CASE("a transaction that loses a deadlock is run again, and both transactions commit") {
    test::TestDatabase db(false);
    pg::Pool pool(db.url(), 4);
    pool.with([](pg::Connection& c) {
        c.exec("CREATE TABLE konto (id int PRIMARY KEY, saldo int NOT NULL)");
        c.exec("INSERT INTO konto VALUES (1, 0), (2, 0)");
    });
    // Each locks one row, waits until the other has its row, then wants the other's: PostgreSQL
    // breaks the deadlock by failing one of them with 40P01.
    std::atomic<int> locked{0}, attempts{0};
    auto transfer = [&](int first, int second) {
        pool.transaction([&](pg::Connection& c) {
            int attempt = ++attempts;
            c.query("UPDATE konto SET saldo = saldo + 1 WHERE id = $1", first);
            if (attempt <= 2) {
                ++locked;
                for (int i = 0; i < 200 && locked < 2; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
            }
            c.query("UPDATE konto SET saldo = saldo + 1 WHERE id = $1", second);
        });
    };
    std::thread a([&] { transfer(1, 2); });
    std::thread b([&] { transfer(2, 1); });
    a.join();
    b.join();
    REQUIRE(attempts == 3);  // two first tries, one of which lost and ran again
    REQUIRE(db.count("SELECT sum(saldo) FROM konto") == 4);
}

TEST_CASE("a conflict that never goes away is given up after a few attempts as a TransientError") {
    test::TestDatabase db(false);
    pg::Pool pool(db.url(), 2);
    int attempts = 0;
    REQUIRE_THROWS_AS(pool.transaction([&](pg::Connection& c) {
        ++attempts;
        c.exec("DO $$ BEGIN RAISE EXCEPTION USING ERRCODE = '40001', MESSAGE = 'serialisering'; END $$");
    }),
                      pg::TransientDbError);
    REQUIRE(attempts == pg::Pool::kConflictAttempts);
    // Other errors are not retried.
    attempts = 0;
    REQUIRE_THROWS_AS(pool.transaction([&](pg::Connection& c) {
        ++attempts;
        c.exec("SELECT 1/0");
    }),
                      pg::DbError);
    REQUIRE(attempts == 1);
}


TEST_CASE("a prepared statement is prepared once per session, survives a rolled-back transaction, and a bad one is not kept") {
    test::TestDatabase db(false);
    pg::Pool pool(db.url(), 1);
    auto prepared = [&](pg::Connection& c) {
        return c.exec("SELECT count(*) FROM pg_prepared_statements WHERE name = 'telling'").integer(0, 0);
    };
    pool.with([&](pg::Connection& c) {
        c.exec("CREATE TABLE t (n bigint)");
        REQUIRE(prepared(c) == 0);
        c.query_prepared("telling", "INSERT INTO t VALUES ($1) RETURNING n * 2", 1);
        REQUIRE(c.query_prepared("telling", "INSERT INTO t VALUES ($1) RETURNING n * 2", 20).integer(0, 0) == 40);
        REQUIRE(prepared(c) == 1);
    });
    REQUIRE_THROWS_AS(pool.transaction([&](pg::Connection& c) {
        c.query_prepared("telling", "INSERT INTO t VALUES ($1) RETURNING n * 2", 300);
        throw std::runtime_error("avbrutt");
    }), std::runtime_error);
    pool.with([&](pg::Connection& c) {
        // The same session (a pool of one): still prepared, and the rolled-back row is gone.
        REQUIRE(c.query_prepared("telling", "INSERT INTO t VALUES ($1) RETURNING n * 2", 4).integer(0, 0) == 8);
        REQUIRE(c.exec("SELECT string_agg(n::text, ',' ORDER BY n) FROM t").str(0, 0) == "1,4,20");
        REQUIRE_THROWS_AS(c.query_prepared("feil", "SELECT * FROM finnes_ikke WHERE n = $1", 1), pg::DbError);
        c.exec("CREATE TABLE finnes_ikke (n bigint)");
        // Not remembered as prepared after the failure: prepared again, now against the table.
        REQUIRE(c.query_prepared("feil", "SELECT count(*) FROM finnes_ikke WHERE n = $1", 1).integer(0, 0) == 0);
    });
}
