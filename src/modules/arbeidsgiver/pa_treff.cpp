#include "modules/arbeidsgiver/pa_treff.hpp"

#include "modules/arbeidsgiver/repository.hpp"

namespace rt::arbeidsgiver {
namespace {

// Nothing to refuse: employers do not stand in the way of any change of the meeting.
void virkning(pg::Connection& c, const treff::Treffendring& e) {
    if (e.hendelsestype != treff::treffhendelsestype::slettet) return;
    Aktor aktor{e.aktor.type, e.aktor.ident};
    for (const auto& a : repo::aktive(c, e.treff.id)) {
        repo::sett_status(c, a.id, status::slettet);
        repo::insert_hendelse(c, a.id, hendelsestype::slettet, aktor, e.tidspunkt);
    }
}

void tell(pg::Connection& c, std::vector<treff::Treff>& treff) {
    std::vector<std::string> ider;
    ider.reserve(treff.size());
    for (const auto& t : treff) ider.push_back(t.id);
    auto antall = repo::antall_aktive(c, ider);
    for (auto& t : treff) {
        auto it = antall.find(t.id);
        t.antall_arbeidsgivere = it == antall.end() ? 0 : it->second;
    }
}

std::vector<treff::TreffHendelse> hendelser(pg::Connection& c, const std::string& treff_id) {
    std::vector<treff::TreffHendelse> out;
    for (auto& h : repo::hendelser(c, treff_id))
        out.push_back({std::move(h.id), std::string(treff::ressurs::arbeidsgiver), h.tidspunkt, std::move(h.hendelsestype),
                       std::move(h.aktortype), std::move(h.aktor), std::move(h.orgnr), std::move(h.orgnavn), h.rekkefolge});
    return out;
}

}  // namespace

treff::TreffDeltaker arbeidsgivere_pa_treff() { return {"arbeidsgivere", nullptr, virkning, tell, hendelser, nullptr}; }

}  // namespace rt::arbeidsgiver
