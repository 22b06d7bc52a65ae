#pragma once
// A database of its own for one test: created on the dev server, dropped afterwards.
#include <string>
#include <vector>

#include "infra/pg/connection.hpp"
#include "infra/pg/migrations.hpp"

namespace rt::test {

class TestDatabase {
public:
    // migrated = true: a copy of a template that already holds the service's migrations
    // (created once per set of migrations), which is much faster than migrating every time.
    explicit TestDatabase(bool migrated = true);
    ~TestDatabase();
    TestDatabase(const TestDatabase&) = delete;
    TestDatabase& operator=(const TestDatabase&) = delete;

    const std::string& url() const { return url_; }
    const std::string& name() const { return name_; }
    pg::Connection connect() const { return pg::Connection::open(url_); }
    // The first column of the first row of a query, as text ("" for NULL).
    std::string scalar(const std::string& sql) const;
    long long count(const std::string& sql) const;

private:
    std::string name_;
    std::string url_;
};

}  // namespace rt::test
