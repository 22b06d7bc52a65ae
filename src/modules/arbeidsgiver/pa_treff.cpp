#include "modules/arbeidsgiver/pa_treff.hpp"

#include "modules/arbeidsgiver/repository.hpp"

namespace rt::arbeidsgiver {
namespace {

// Nothing to refuse: employers do not stand in the way of any change of the meeting.
void virkning(pg::Connection& c, const jobbsoker::Treffendring& e) {
    if (e.hendelsestype != jobbsoker::treffhendelsestype::slettet) return;
    Aktor aktor{e.aktor.type, e.aktor.ident};
    for (const auto& a : repo::aktive(c, e.treff.id)) {
        repo::sett_status(c, a.id, status::slettet);
        repo::insert_hendelse(c, a.id, hendelsestype::slettet, aktor, e.tidspunkt);
    }
}

void tell(pg::Connection& c, jobbsoker::Treff& t) { t.antall_arbeidsgivere = repo::antall_aktive(c, t.id); }

std::vector<jobbsoker::TreffHendelse> hendelser(pg::Connection& c, const std::string& treff_id) {
    std::vector<jobbsoker::TreffHendelse> out;
    for (auto& h : repo::hendelser(c, treff_id))
        out.push_back({std::move(h.id), std::string(jobbsoker::ressurs::arbeidsgiver), h.tidspunkt, std::move(h.hendelsestype),
                       std::move(h.aktortype), std::move(h.aktor), std::move(h.orgnr), std::move(h.orgnavn), h.rekkefolge});
    return out;
}

}  // namespace

jobbsoker::TreffDeltaker arbeidsgivere_pa_treff() { return {"arbeidsgivere", nullptr, virkning, tell, hendelser}; }

}  // namespace rt::arbeidsgiver
