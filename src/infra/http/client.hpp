#pragma once
// A small blocking HTTP/1.1 client (http:// and https://), for fetching JWKS and for tests.
#include <chrono>
#include <map>
#include <string>

namespace rt::http {

struct ClientResponse {
    int status = 0;
    std::string body;
    std::map<std::string, std::string> headers;  // lower-case names
};

// Throws std::runtime_error when the server cannot be reached or does not answer in time.
ClientResponse fetch(const std::string& method, const std::string& url, const std::string& body = "",
                     const std::map<std::string, std::string>& headers = {},
                     std::chrono::milliseconds timeout = std::chrono::seconds(5));

}  // namespace rt::http
