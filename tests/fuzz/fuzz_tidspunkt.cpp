// Date-time parsing: the API's ISO-8601 (core/time.hpp), the database's timestamptz text and the
// rapid's @opprettet (infra/rapid/tidspunkt.hpp). Besides not crashing:
// - whatever parses formats and reads back as the same instant (format_database/parse_database);
// - the rapid's reader gives the same instant by its remembered-stretch shortcut as by the full
//   parse (the shortcut is taken or not depending on the previous message's stretch).
#include <cstdint>
#include <string>
#include <string_view>

#include "core/time.hpp"
#include "fuzz/fuzz_check.hpp"
#include "infra/rapid/tidspunkt.hpp"

using rt::Instant;
using rt::fuzz::require;

namespace {

void formats_and_reads_back(Instant t) {
    auto db = rt::tid::format_database(t);
    auto back = rt::tid::parse_database(db);
    require(back && *back == t, "parse_database(format_database(t)) == t");
    auto parts = rt::tid::oslo_parts(t);
    (void)rt::tid::oslo_date(t);
    (void)rt::tid::format_oslo_millis(t);
    (void)rt::tid::format_oslo_local(t);
    auto oslo = rt::tid::format_oslo(t);
    // Before 1895 Oslo kept local mean time, an offset with seconds that ±hh:mm cannot show.
    if (parts.year >= 1900 && parts.year <= 9999) {
        auto whole = rt::tid::parse_iso(oslo);
        require(whole && *whole == std::chrono::floor<std::chrono::seconds>(t), "parse_iso(format_oslo(t)) == t in whole seconds");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);

    if (auto t = rt::tid::parse_iso(text)) formats_and_reads_back(*t);
    if (auto t = rt::tid::parse_database(text)) (void)rt::tid::format_database(*t);

    // One summer and one winter stretch of Oslo time remembered in turn: a 2025 time is read
    // by the shortcut once and by the full parse once, and both must agree.
    (void)rt::rapid::les_tidspunkt("2025-06-15T12:00:00");
    auto sommer = rt::rapid::les_tidspunkt(text);
    (void)rt::rapid::les_tidspunkt("2025-01-15T12:00:00");
    auto vinter = rt::rapid::les_tidspunkt(text);
    require(sommer == vinter, "les_tidspunkt gives one answer whatever stretch it remembers");
    if (sommer) formats_and_reads_back(*sommer);

    auto lokal = rt::rapid::les_lokal_tid(text);
    require(!lokal || lokal == sommer, "les_lokal_tid agrees with les_tidspunkt");
    return 0;
}
