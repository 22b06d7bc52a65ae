#include "infra/http/api_docs.hpp"

#include "infra/http/api_docs_embedded.hpp"

namespace rt::http {
namespace {

Response file(std::string_view body, std::string content_type) {
    auto r = text(200, std::string(body), std::move(content_type));
    // The files change only with the binary.
    r.headers.emplace_back("Cache-Control", "public, max-age=3600");
    return r;
}

}  // namespace

std::string_view openapi_document() { return embedded::openapi_json(); }

void register_api_docs(Router& router) {
    router.add_public("GET", "/openapi.json", [](Request&) { return file(embedded::openapi_json(), "application/json"); }, Runs::io);
    router.add_public("GET", "/swagger", [](Request&) { return file(embedded::swagger_html(), "text/html; charset=utf-8"); }, Runs::io);
    router.add_public("GET", "/swagger/{fil}", [](Request& r) {
        const auto& name = r.param("fil");
        if (name == "swagger-ui-bundle.js") return file(embedded::swagger_ui_bundle_js(), "application/javascript");
        if (name == "swagger-initializer.js") return file(embedded::swagger_initializer_js(), "application/javascript");
        if (name == "swagger-ui.css") return file(embedded::swagger_ui_css(), "text/css");
        return problem(404, "Finnes ikke", "ingen slik fil i Swagger UI", r.route);
    }, Runs::io);
}

}  // namespace rt::http
