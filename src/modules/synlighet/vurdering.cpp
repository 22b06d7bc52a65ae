#include "modules/synlighet/vurdering.hpp"

#include <unordered_map>

#include "core/errors.hpp"
#include "modules/synlighet/rivers.hpp"

namespace rt::synlighet {
namespace {

// fnr and time, common to both kinds; reasons never quote the fnr.
SynlighetVurdering grunnlag(const rapid::Message& m) {
    auto fnr = m.string("fodselsnummer");
    if (fnr.empty()) throw PermanentError("fodselsnummer mangler eller er ikke en tekst");
    auto tid = m.opprettet();
    if (!tid) throw PermanentError("@opprettet kan ikke leses som tidspunkt");
    SynlighetVurdering v;
    v.fnr = std::string(fnr);
    v.tidspunkt = *tid;
    return v;
}

std::optional<bool> bool_at(const rapid::Message& m, const std::string& path, const char* name) {
    const auto* v = m.find(path);
    if (!v || v->is_null()) return std::nullopt;
    if (!v->is_bool()) throw PermanentError(std::string(name) + " er ikke true eller false");
    return v->as_bool();
}

}  // namespace

SynlighetVurdering fra_hendelse(const rapid::Message& m) {
    auto v = grunnlag(m);
    auto synlig = bool_at(m, "synlighet.erSynlig", "synlighet.erSynlig");
    if (!synlig) throw PermanentError("synlighet.erSynlig mangler");
    v.er_synlig = *synlig;
    v.sperret = bool_at(m, "synlighet.sperret", "synlighet.sperret").value_or(false);
    return v;
}

SynlighetVurdering fra_behovssvar(const rapid::Message& m) {
    auto v = grunnlag(m);
    const std::string base = kBehov;
    const auto* answer = m.find(base);
    if (!answer || !answer->is_object()) throw PermanentError(base + " er ikke et objekt");
    auto ferdig = bool_at(m, base + ".ferdigBeregnet", "ferdigBeregnet");
    auto synlig = bool_at(m, base + ".erSynlig", "erSynlig");
    v.er_synlig = ferdig.value_or(false) && synlig.value_or(false);
    v.sperret = bool_at(m, base + ".sperret", "sperret").value_or(false);
    return v;
}

std::vector<SynlighetVurdering> siste_per_fnr(std::vector<SynlighetVurdering> i_rekkefolge) {
    std::unordered_map<std::string, std::size_t> index;
    std::vector<SynlighetVurdering> out;
    for (auto& v : i_rekkefolge) {
        auto [it, ny] = index.try_emplace(v.fnr, out.size());
        if (ny) out.push_back(std::move(v));
        else if (v.tidspunkt > out[it->second].tidspunkt) out[it->second] = std::move(v);  // equal time: the first stays
    }
    return out;
}

std::vector<SynlighetVurdering> forste_per_fnr(std::vector<SynlighetVurdering> i_rekkefolge) {
    std::unordered_map<std::string, bool> sett;
    std::vector<SynlighetVurdering> out;
    for (auto& v : i_rekkefolge)
        if (sett.try_emplace(v.fnr, true).second) out.push_back(std::move(v));
    return out;
}

}  // namespace rt::synlighet
