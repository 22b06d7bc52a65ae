#pragma once
// The files behind GET /openapi.json and GET /swagger, compiled in by cmake/api_docs.cmake.
#include <string_view>

namespace rt::http::embedded {

std::string_view openapi_json();            // api/openapi.json
std::string_view swagger_html();            // api/swagger/index.html
std::string_view swagger_initializer_js();  // api/swagger/swagger-initializer.js
std::string_view swagger_ui_bundle_js();    // from the swagger-ui-dist package
std::string_view swagger_ui_css();          // from the swagger-ui-dist package

}  // namespace rt::http::embedded
