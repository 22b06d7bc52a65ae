#include "modules/treff/sok_tjeneste.hpp"

#include <map>

#include "modules/treff/sok_repository.hpp"
#include "modules/treff/treff_repository.hpp"

namespace rt::treff {

std::optional<std::string_view> publisert_status_av(const Treff& t, Instant naa) {
    if (t.status != treffstatus::publisert) return std::nullopt;
    return t.svarfrist && *t.svarfrist < naa ? publisert_status::svarfrist_passert : publisert_status::apen;
}

TreffSokResultat SokTjeneste::sok(const TreffSok& s, Instant naa) {
    return db_.transaction([&](pg::Connection& c) {
        // One snapshot: the page's rows and counts are those the ids and aggregations were read from.
        c.exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        auto side = sok_repo::sok(c, s, naa);
        TreffSokResultat out;
        std::map<std::string, Treff> rader;
        for (auto& t : treff_repo::find_many(c, side.ider)) rader.emplace(t.id, std::move(t));
        for (const auto& id : side.ider) out.treff.push_back(std::move(rader.at(id)));
        deltakere_.tell(c, out.treff);
        out.antall_totalt = side.antall_totalt;
        out.kategorier = std::move(side.kategorier);
        out.statuser = std::move(side.statuser);
        out.publisert_statuser = std::move(side.publisert_statuser);
        out.fylkesnumre = std::move(side.fylkesnumre);
        out.kommunenumre = std::move(side.kommunenumre);
        return out;
    });
}

}  // namespace rt::treff
