// The API description against the routes the service really registers, and what it serves.
#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <set>

#include "infra/http/api_docs.hpp"
#include "infra/http/client.hpp"
#include "service.hpp"
#include "support/test_db.hpp"

using namespace rt;

namespace {

Config test_config(const std::string& db_url) {
    Config c;
    c.http_port = 0;
    c.http_threads = 2;
    c.database_url = db_url;
    c.db_pool_size = 2;
    return c;
}

std::string upper(std::string s) {
    for (auto& ch : s) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    return s;
}

using Operations = std::set<std::string>;  // "METHOD /pattern"

Operations documented(const boost::json::object& doc) {
    static const std::set<std::string> methods = {"get", "put", "post", "delete", "patch", "head", "options", "trace"};
    Operations out;
    for (const auto& [path, item] : doc.at("paths").as_object())
        for (const auto& [key, op] : item.as_object())
            if (methods.contains(std::string(key))) out.insert(upper(std::string(key)) + " " + std::string(path));
    return out;
}

std::string listing(const Operations& ops) {
    std::string s;
    for (const auto& o : ops) s += "\n  " + o;
    return s;
}

}  // namespace

TEST_CASE("api docs: every route the service registers is described, and every described operation is a route") {
    test::TestDatabase db(false);
    Service service(test_config(db.url()));
    Operations routes;
    for (const auto& r : service.router().routes()) routes.insert(r.method + " " + r.pattern);
    REQUIRE(routes.size() > 20);

    auto doc = boost::json::parse(http::openapi_document()).as_object();
    auto described = documented(doc);
    Operations undescribed, not_routes;
    for (const auto& r : routes)
        if (!described.contains(r)) undescribed.insert(r);
    for (const auto& d : described)
        if (!routes.contains(d)) not_routes.insert(d);
    INFO("routes without a description in api/openapi.json:" << listing(undescribed));
    INFO("operations in api/openapi.json that are no route:" << listing(not_routes));
    REQUIRE(undescribed.empty());
    REQUIRE(not_routes.empty());
}

TEST_CASE("api docs: every operation names its security, and the API's ones a bearer scheme and problem+json errors") {
    auto doc = boost::json::parse(http::openapi_document()).as_object();
    REQUIRE(doc.at("openapi").as_string().starts_with("3.1"));
    const auto& schemes = doc.at("components").at("securitySchemes").as_object();
    for (const char* name : {"azureAd", "tokenX"}) {
        INFO(name);
        REQUIRE(schemes.at(name).at("type").as_string() == "http");
        REQUIRE(schemes.at(name).at("scheme").as_string() == "bearer");
    }
    const auto& responses = doc.at("components").at("responses").as_object();
    for (const auto& [path, item] : doc.at("paths").as_object())
        for (const auto& [method, op] : item.as_object()) {
            INFO(std::string(method) << " " << std::string(path));
            const auto& security = op.at("security").as_array();
            if (!std::string_view(path).starts_with("/api/")) {
                REQUIRE(security.empty());
                continue;
            }
            // One scheme, or alternatives of one scheme each (GET /{id} takes a counsellor's or a citizen's).
            REQUIRE(!security.empty());
            for (const auto& alternativ : security) {
                REQUIRE(alternativ.as_object().size() == 1);
                REQUIRE((alternativ.as_object().contains("azureAd") || alternativ.as_object().contains("tokenX")));
            }
            const auto& answers = op.at("responses").as_object();
            for (const char* status : {"400", "401", "403", "500", "503"}) {
                INFO(status);
                REQUIRE(answers.contains(status));
                auto ref = std::string(answers.at(status).at("$ref").as_string());
                auto name = ref.substr(ref.rfind('/') + 1);
                REQUIRE(responses.at(name).at("content").as_object().contains("application/problem+json"));
            }
        }
}

TEST_CASE("api docs: the service serves the document and Swagger UI without a token") {
    test::TestDatabase db(false);
    Service service(test_config(db.url()));
    service.start();
    auto base = fmt::format("http://127.0.0.1:{}", service.http_port());

    auto doc = http::fetch("GET", base + "/openapi.json");
    REQUIRE(doc.status == 200);
    REQUIRE(doc.headers["content-type"] == "application/json");
    REQUIRE(doc.body == http::openapi_document());

    auto page = http::fetch("GET", base + "/swagger");
    REQUIRE(page.status == 200);
    REQUIRE(page.headers["content-type"].starts_with("text/html"));
    REQUIRE(page.body.find("/swagger/swagger-ui-bundle.js") != std::string::npos);

    auto bundle = http::fetch("GET", base + "/swagger/swagger-ui-bundle.js");
    REQUIRE(bundle.status == 200);
    REQUIRE(bundle.headers["content-type"] == "application/javascript");
    REQUIRE(bundle.body.size() > 1000000);
    REQUIRE(bundle.body.find("SwaggerUIBundle") != std::string::npos);
    auto css = http::fetch("GET", base + "/swagger/swagger-ui.css");
    REQUIRE(css.status == 200);
    REQUIRE(css.body.find(".swagger-ui") != std::string::npos);
    auto init = http::fetch("GET", base + "/swagger/swagger-initializer.js");
    REQUIRE(init.status == 200);
    REQUIRE(init.body.find("/openapi.json") != std::string::npos);

    auto missing = http::fetch("GET", base + "/swagger/index.js");
    REQUIRE(missing.status == 404);
    REQUIRE(missing.headers["content-type"] == "application/problem+json");
    service.stop();
}
