#include "modules/aktivitetskort/kort_tjeneste.hpp"

#include <map>

#include "core/ids.hpp"
#include "infra/log.hpp"
#include "modules/aktivitetskort/kort_repository.hpp"
#include "modules/aktivitetskort/status.hpp"

namespace rt::aktivitetskort {
namespace {

KortInnhold innhold_av(const jobbsoker::TreffInfo& t) {
    return KortInnhold{t.id, t.tittel, t.fra_tid, t.til_tid, t.gateadresse, t.postnummer, t.poststed};
}

std::string hendelse_id(const jobbsoker::VidereformidletHendelse& h) {
    return std::visit([](const auto& e) { return e.hendelse_id; }, h);
}

void hopp_over(const std::string& hendelse_id, const char* hvorfor) {
    log::info("aktivitetskort", std::string("ingen ny kortversjon: ") + hvorfor, {{"hendelseId", hendelse_id}});
}

}  // namespace

void KortTjeneste::behandle(const jobbsoker::HendelserVidereformidlet& hendelser) {
    std::vector<std::string> ider;
    for (const auto& h : hendelser.hendelser) ider.push_back(hendelse_id(h));
    db_.transaction([&](pg::Connection& c) {
        auto behandlet = kort_repo::allerede_behandlet(c, ider);
        auto now = clock_.now();
        auto versjon = [&](const std::string& kort_id, const std::string& fnr, const std::string& hid, const KortInnhold& innhold,
                           const Endring& endring) {
            auto message_id = new_uuid();
            auto json = boost::json::serialize(melding(message_id, kort_id, fnr, innhold, endring, min_side_url_));
            return kort_repo::Versjon{message_id, kort_id, fnr, hid, innhold, endring, std::move(json)};
        };

        // Invitations first and all at once: one card per (meeting, fnr), created by the first.
        // This keeps each person's order, because an answer or a change always follows the invitation.
        std::vector<kort_repo::NyttKort> nye;
        std::map<std::pair<std::string, std::string>, const jobbsoker::Invitert*> invitasjon;
        for (const auto& h : hendelser.hendelser)
            if (const auto* e = std::get_if<jobbsoker::Invitert>(&h); e && !behandlet.contains(e->hendelse_id))
                if (invitasjon.emplace(std::pair{e->treff.id, e->fnr}, e).second) nye.push_back({new_uuid(), e->treff.id, e->fnr});
        std::vector<kort_repo::Versjon> versjoner;
        for (const auto& k : kort_repo::opprett(c, nye, now)) {
            const auto* e = invitasjon.at({k.treff_id, k.fnr});
            versjoner.push_back(versjon(k.kort_id, k.fnr, e->hendelse_id, innhold_av(e->treff),
                                        Endring{"PLANLAGT", e->invitert_av, "NAVIDENT", e->tidspunkt}));
        }
        if (versjoner.size() < invitasjon.size()) log::info("aktivitetskort", "invitasjon til noen som alt har kort; ingen nytt kort",
                                                            {{"antall", invitasjon.size() - versjoner.size()}});
        kort_repo::insert_versjoner(c, versjoner);

        for (const auto& h : hendelser.hendelser) {
            auto hid = hendelse_id(h);
            if (std::holds_alternative<jobbsoker::Invitert>(h) || behandlet.contains(hid)) continue;
            const auto* svar = std::get_if<jobbsoker::SvarOgStatus>(&h);
            const auto* endret = std::get_if<jobbsoker::TreffEndret>(&h);
            // The notification to those who said yes is not a change of the card: the card
            // already follows the meeting through TREFF_ENDRET_ETTER_PUBLISERING.
            if (endret && endret->hendelsestype != "TREFF_ENDRET_ETTER_PUBLISERING") {
                hopp_over(hid, "varselet om en endring endrer ikke kortet");
                continue;
            }
            auto kort = kort_repo::gjeldende(c, svar ? svar->treff_id : endret->treff.id, svar ? svar->fnr : endret->fnr);
            if (!kort) {
                hopp_over(hid, "jobbsøkeren har ikke kort for treffet");
                continue;
            }
            if (er_endelig(kort->status)) {
                hopp_over(hid, "kortet har alt en endelig status");
                continue;
            }
            if (svar) {
                auto endring = ny_status(*svar);
                if (!endring) {
                    hopp_over(hid, "svar og treffstatus gir ingen status");
                    continue;
                }
                kort_repo::insert_versjoner(c, {versjon(kort->kort_id, svar->fnr, hid, kort->innhold, *endring)});
            } else {
                kort_repo::insert_versjoner(c, {versjon(kort->kort_id, endret->fnr, hid, innhold_av(endret->treff),
                                                        Endring{kort->status, "SYSTEM", "SYSTEM", endret->tidspunkt})});
            }
        }
        kort_repo::merk_behandlet(c, ider, now);
    });
}

}  // namespace rt::aktivitetskort
