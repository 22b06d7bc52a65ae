#include "support/test_db.hpp"

#include <fmt/format.h>

#include "core/ids.hpp"
#include "support/test_env.hpp"

namespace rt::test {
namespace {

// Creating databases from a template waits for other tests doing the same: not subject to the
// service's statement and lock timeouts.
const pg::SessionSettings kUnlimited{0, 0};


std::string template_name() {
    std::string all;
    for (const auto& m : pg::embedded_migrations()) all += m.name + pg::checksum(m.sql);
    return "rt_template_" + pg::checksum(all).substr(0, 16);
}

void ensure_template(pg::Connection& admin, const std::string& name) {
    // Test processes run in parallel; the first one builds the template, the others wait.
    admin.query("SELECT pg_advisory_lock($1)", stable_key("rt.test.template"));
    struct Unlock {
        pg::Connection& c;
        ~Unlock() { c.query("SELECT pg_advisory_unlock($1)", stable_key("rt.test.template")); }
    } unlock{admin};
    if (admin.query("SELECT 1 FROM pg_database WHERE datname = $1", name).rows() > 0) return;
    auto building = name + "_building";
    admin.exec(fmt::format("DROP DATABASE IF EXISTS {} WITH (FORCE)", building));
    admin.exec(fmt::format("CREATE DATABASE {}", building));
    {
        auto c = pg::Connection::open(pg_url(building), kUnlimited);
        pg::migrate(c, pg::embedded_migrations());
    }
    admin.exec(fmt::format("ALTER DATABASE {} RENAME TO {}", building, name));
}

}  // namespace

TestDatabase::TestDatabase(bool migrated) : name_(unique_name("rt_test")) {
    auto admin = pg::Connection::open(pg_admin_url(), kUnlimited);
    if (migrated) {
        auto tpl = template_name();
        ensure_template(admin, tpl);
        admin.exec(fmt::format("CREATE DATABASE {} TEMPLATE {}", name_, tpl));
    } else {
        admin.exec(fmt::format("CREATE DATABASE {}", name_));
    }
    url_ = pg_url(name_);
}

TestDatabase::~TestDatabase() {
    try {
        auto admin = pg::Connection::open(pg_admin_url(), kUnlimited);
        admin.exec(fmt::format("DROP DATABASE IF EXISTS {} WITH (FORCE)", name_));
    } catch (const std::exception&) {
        // A database left behind is removed with the dev server's data; never fail a test here.
    }
}

std::string TestDatabase::scalar(const std::string& sql) const {
    auto c = connect();
    auto r = c.exec(sql);
    return r.rows() == 0 || r.is_null(0, 0) ? "" : r.str(0, 0);
}

long long TestDatabase::count(const std::string& sql) const { return std::stoll(scalar(sql)); }

}  // namespace rt::test
