#pragma once
// Meeting search (../shared/spec/jobbsoker.md, "Meeting search"): the parameters once read and
// checked, and what the search finds.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "modules/treff/model.hpp"

namespace rt::treff {

namespace publisert_status {
inline constexpr std::string_view apen = "ÅPEN_FOR_SØKERE", svarfrist_passert = "SVARFRIST_PASSERT";
}

enum class Sortering { sist_oppdaterte, nyeste, eldste };

struct TreffSok {
    std::string kaller;  // NAV ident: owners see their drafts and WORKOP meetings
    bool bare_mine = false;
    std::optional<std::vector<std::string>> kategorier, statuser, publisert_statuser, kontorer, fylkesnumre, kommunenumre;
    Sortering sortering = Sortering::sist_oppdaterte;
    int side = 1;
    int antall_per_side = 20;
};

using Aggregering = std::vector<std::pair<std::string, long long>>;  // {verdi, antall}, by verdi

struct TreffSokResultat {
    std::vector<Treff> treff;  // the page, with the participants' counts
    long long antall_totalt = 0;
    Aggregering kategorier, statuser, publisert_statuser, fylkesnumre, kommunenumre;
};

// A published meeting's kind by its deadline at `naa` (null for other statuses).
std::optional<std::string_view> publisert_status_av(const Treff& t, Instant naa);

}  // namespace rt::treff
