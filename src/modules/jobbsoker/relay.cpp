#include "modules/jobbsoker/relay.hpp"

#include <map>
#include <set>

#include "core/errors.hpp"
#include "infra/http/json_body.hpp"
#include "infra/log.hpp"
#include "modules/jobbsoker/json.hpp"
#include "modules/jobbsoker/model.hpp"
#include "modules/treff/oppslag.hpp"

namespace rt::jobbsoker {
namespace {

constexpr int kBatch = 1000;

struct Rad {
    std::string hendelse_id;
    std::string jobbsoker_id;
    VidereformidletHendelse hendelse;
};

using json::tekst;
using http::tid_json;

TreffInfo treff_info(const Treff& t) {
    return {t.id, t.tittel, t.beskrivelse, t.fra_tid, t.til_tid, t.svarfrist, t.gateadresse, t.postnummer, t.poststed};
}

// The meetings of a batch's rows, read through the meeting module (column 8 is the meeting id).
std::map<std::string, TreffInfo> treff_for(pg::Connection& c, const pg::Result& r) {
    std::set<std::string> ider;
    for (int i = 0; i < r.rows(); ++i) ider.insert(r.str(i, 8));
    std::map<std::string, TreffInfo> out;
    for (const auto& t : treff::finn_mange(c, {ider.begin(), ider.end()})) out.emplace(t.id, treff_info(t));
    return out;
}

VidereformidletHendelse til_hendelse(const pg::Result& r, int i, const std::map<std::string, TreffInfo>& treff) {
    auto type = r.str(i, 2);
    auto tidspunkt = r.time(i, 3);
    auto aktor = r.opt_str(i, 4).value_or("");
    auto data = r.opt_str(i, 5);
    auto fnr = r.str(i, 7);
    TreffInfo t = treff.at(r.str(i, 8));  // the job seeker's foreign key keeps its meeting
    auto aktortype = r.str(i, 9);
    auto id = r.str(i, 0);
    if (type == hendelsestype::invitert) return Invitert{id, fnr, std::move(t), aktor, tidspunkt};
    if (type == hendelsestype::treff_endret) return TreffEndret{id, fnr, std::move(t), aktor, std::nullopt, tidspunkt, type};
    if (type == hendelsestype::treff_endret_notifikasjon) {
        std::vector<std::string> felter;
        if (data) {
            auto parsed = boost::json::parse(*data);  // kept alive: the loop walks inside it
            for (const auto& f : parsed.at("endredeFelter").as_array()) felter.emplace_back(f.as_string());
        }
        return TreffEndret{id, fnr, std::move(t), aktor, std::move(felter), tidspunkt, type};
    }
    SvarOgStatus s{id, fnr, t.id, std::nullopt, std::nullopt, aktor, false, tidspunkt, type, aktortype};
    if (type == hendelsestype::svart_ja) s.svar = true, s.endret_av_personbruker = true;
    else if (type == hendelsestype::svart_nei) s.svar = false, s.endret_av_personbruker = true;
    else if (type == hendelsestype::svart_ja_av_eier) s.svar = true;
    else if (type == hendelsestype::svart_nei_av_eier) s.svar = false;
    else if (type == hendelsestype::svar_fjernet_av_eier) {
        // Neither svar nor treffstatus, as in the original; the card module reads the type.
    } else if (type == hendelsestype::svart_ja_avlyst) s.svar = true, s.treffstatus = "avlyst";
    else if (type == hendelsestype::svart_ja_fullfort) s.svar = true, s.treffstatus = "fullført";
    else if (type == hendelsestype::ikke_svart_avlyst) s.treffstatus = "avlyst";
    else if (type == hendelsestype::ikke_svart_fullfort) s.treffstatus = "fullført";
    else throw PermanentError("hendelsestypen skal ikke videreformidles: " + type);
    return s;
}

std::string fnr_av(const VidereformidletHendelse& h) {
    return std::visit([](const auto& e) { return e.fnr; }, h);
}

void merk_feilet(pg::Pool& db, Metrics& metrics, const std::string& hendelse_id, const std::string& feil) {
    metrics.add("hendelse_relay_feil_total");
    auto forsok = db.with([&](pg::Connection& c) {
        return c.query("UPDATE hendelse_utboks SET forsok = forsok + 1, siste_feil = $2 WHERE hendelse_id = $1 RETURNING forsok",
                       hendelse_id, feil);
    });
    // Retried every run; the first failure and then every hundredth is logged, the metric counts all.
    long long n = forsok.rows() ? forsok.integer(0, 0) : 1;
    if (n == 1 || n % 100 == 0)
        log::error("hendelse.relay", "hendelsen kunne ikke leveres; jobbsøkerens hendelser holdes tilbake",
                   {{"hendelseId", hendelse_id}, {"forsok", n}, {"error", feil}});
}

}  // namespace

rapid::Message til_melding(const VidereformidletHendelse& h) {
    if (const auto* e = std::get_if<Invitert>(&h)) {
        return rapid::Message(boost::json::object{
            {"@event_name", "rekrutteringstreffinvitasjon"}, {"fnr", e->fnr}, {"rekrutteringstreffId", e->treff.id},
            {"hendelseId", e->hendelse_id}, {"tittel", e->treff.tittel}, {"beskrivelse", tekst(e->treff.beskrivelse)},
            {"fraTid", tid_json(e->treff.fra_tid)}, {"tilTid", tid_json(e->treff.til_tid)}, {"svarfrist", tid_json(e->treff.svarfrist)},
            {"opprettetAv", e->invitert_av}, {"opprettetTidspunkt", tid_json(e->tidspunkt)},
            {"gateadresse", tekst(e->treff.gateadresse)}, {"postnummer", tekst(e->treff.postnummer)},
            {"poststed", tekst(e->treff.poststed)}});
    }
    if (const auto* e = std::get_if<TreffEndret>(&h)) {
        boost::json::object o{
            {"@event_name", "rekrutteringstreffoppdatering"}, {"fnr", e->fnr}, {"rekrutteringstreffId", e->treff.id},
            {"hendelseId", e->hendelse_id}, {"tittel", e->treff.tittel}, {"fraTid", tid_json(e->treff.fra_tid)},
            {"tilTid", tid_json(e->treff.til_tid)}, {"gateadresse", tekst(e->treff.gateadresse)},
            {"postnummer", tekst(e->treff.postnummer)}, {"poststed", tekst(e->treff.poststed)},
            {"endretAv", e->endret_av}};
        // Only the notification carries the key: the notification service sends for those messages alone.
        if (e->endrede_felter) {
            boost::json::array felter;
            for (const auto& f : *e->endrede_felter) felter.emplace_back(f);
            o["endredeFelter"] = std::move(felter);
        }
        return rapid::Message(std::move(o));
    }
    const auto& e = std::get<SvarOgStatus>(h);
    boost::json::object o{{"@event_name", "rekrutteringstreffSvarOgStatus"}, {"fnr", e.fnr},
                          {"rekrutteringstreffId", e.treff_id}, {"hendelseId", e.hendelse_id}};
    // svar and treffstatus are omitted, never null, when they do not apply.
    if (e.svar) o["svar"] = *e.svar;
    if (e.treffstatus) o["treffstatus"] = *e.treffstatus;
    o["endretAv"] = e.endret_av;
    o["endretAvPersonbruker"] = e.endret_av_personbruker;
    return rapid::Message(std::move(o));
}

HendelseRelay::HendelseRelay(pg::Pool& db, Bus& bus, rapid::Rapid& rapid, Metrics& metrics, const Clock& clock)
    : db_(db), bus_(bus), rapid_(rapid), metrics_(metrics), clock_(clock) {}

std::size_t HendelseRelay::kjor() {
    std::size_t levert = 0;
    long long cursor = 0;
    std::set<std::string> holdt_tilbake;  // job seekers with a failed event in this run
    while (true) {
        std::map<std::string, TreffInfo> treff;
        auto r = db_.with([&](pg::Connection& c) {
            auto r = c.query(R"(
                SELECT u.hendelse_id, u.rekkefolge, h.hendelsestype, h.tidspunkt, h.aktoridentifikasjon, h.hendelse_data,
                       j.id, j.fodselsnummer, j.rekrutteringstreff_id, h.opprettet_av_aktortype
                FROM hendelse_utboks u
                JOIN jobbsoker_hendelse h ON h.id = u.hendelse_id
                JOIN jobbsoker j ON j.id = u.jobbsoker_id
                WHERE j.er_synlig AND u.rekkefolge > $1
                ORDER BY u.rekkefolge LIMIT $2)",
                             cursor, kBatch);
            treff = treff_for(c, r);
            return r;
        });
        if (r.rows() == 0) break;
        cursor = r.integer(r.rows() - 1, 1);

        std::vector<Rad> rader;
        for (int i = 0; i < r.rows(); ++i) {
            Rad rad{r.str(i, 0), r.str(i, 6), {}};
            if (holdt_tilbake.contains(rad.jobbsoker_id)) continue;
            try {
                rad.hendelse = til_hendelse(r, i, treff);
            } catch (const std::exception& e) {
                merk_feilet(db_, metrics_, rad.hendelse_id, e.what());
                holdt_tilbake.insert(rad.jobbsoker_id);
                continue;
            }
            rader.push_back(std::move(rad));
        }

        // All at once for throughput; if a subscriber refuses the batch, one at a time to find
        // out whose event it is.
        std::vector<const Rad*> ok;
        try {
            HendelserVidereformidlet alle;
            for (const auto& rad : rader) alle.hendelser.push_back(rad.hendelse);
            if (!alle.hendelser.empty()) bus_.publish(alle);
            for (const auto& rad : rader) ok.push_back(&rad);
        } catch (const TransientError&) {
            throw;
        } catch (const std::exception&) {
            for (const auto& rad : rader) {
                if (holdt_tilbake.contains(rad.jobbsoker_id)) continue;
                try {
                    bus_.publish(HendelserVidereformidlet{{rad.hendelse}});
                    ok.push_back(&rad);
                } catch (const TransientError&) {
                    throw;
                } catch (const std::exception& e) {
                    merk_feilet(db_, metrics_, rad.hendelse_id, e.what());
                    holdt_tilbake.insert(rad.jobbsoker_id);
                }
            }
        }
        if (ok.empty()) continue;

        std::vector<std::pair<std::string, rapid::Message>> meldinger;
        meldinger.reserve(ok.size());
        for (const auto* rad : ok) meldinger.emplace_back(fnr_av(rad->hendelse), til_melding(rad->hendelse));
        rapid_.publish_all(std::move(meldinger));

        std::vector<std::string> ider;
        for (const auto* rad : ok) ider.push_back(rad->hendelse_id);
        db_.transaction([&](pg::Connection& c) {
            c.query(R"(INSERT INTO aktivitetskort_polling (hendelse_id, sendt_tidspunkt)
                       SELECT unnest($1::uuid[]), $2 ON CONFLICT DO NOTHING)",
                    ider, clock_.now());
            c.query("DELETE FROM hendelse_utboks WHERE hendelse_id = ANY($1::uuid[])", ider);
        });
        levert += ok.size();
        metrics_.add("hendelse_relay_levert_total", {}, static_cast<double>(ok.size()));
        if (r.rows() < kBatch) break;
    }
    return levert;
}

}  // namespace rt::jobbsoker
