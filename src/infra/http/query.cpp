#include "infra/http/query.hpp"

#include <fmt/format.h>

#include "core/errors.hpp"

namespace rt::http {
namespace {

int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string decode(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '+') {
            out += ' ';
        } else if (s[i] == '%') {
            int hi = i + 2 < s.size() ? hex(s[i + 1]) : -1, lo = i + 2 < s.size() ? hex(s[i + 2]) : -1;
            if (hi < 0 || lo < 0) throw bad_request("ugyldig prosentkoding i spørrestrengen");
            out += static_cast<char>(hi * 16 + lo);
            i += 2;
        } else {
            out += s[i];
        }
    }
    if (out.find('\0') != std::string::npos) throw bad_request("spørrestrengen kan ikke inneholde NUL");
    return out;
}

}  // namespace

QueryParams query_params(const Request& r) {
    QueryParams out;
    std::string_view q = r.query;
    while (!q.empty()) {
        auto amp = q.find('&');
        auto part = q.substr(0, amp);
        q = amp == std::string_view::npos ? std::string_view{} : q.substr(amp + 1);
        if (part.empty()) continue;
        auto eq = part.find('=');
        auto name = decode(part.substr(0, eq));
        auto value = eq == std::string_view::npos ? std::string{} : decode(part.substr(eq + 1));
        auto [it, ny] = out.try_emplace(name, value);
        if (!ny) it->second += "," + value;
    }
    return out;
}

std::optional<std::vector<std::string>> query_list(const QueryParams& q, std::string_view name) {
    auto it = q.find(name);
    if (it == q.end()) return std::nullopt;
    std::vector<std::string> out;
    std::string_view s = it->second;
    while (true) {
        auto comma = s.find(',');
        auto item = s.substr(0, comma);
        if (!item.empty()) out.emplace_back(item);
        if (comma == std::string_view::npos) break;
        s = s.substr(comma + 1);
    }
    if (out.empty()) return std::nullopt;
    return out;
}

}  // namespace rt::http
