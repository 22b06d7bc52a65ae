#pragma once
// The API described and clickable: GET /openapi.json (api/openapi.json) and Swagger UI at
// GET /swagger, both compiled into the binary so that they work wherever it runs.
#include <string_view>

#include "infra/http/router.hpp"

namespace rt::http {

std::string_view openapi_document();
void register_api_docs(Router& router);

}  // namespace rt::http
