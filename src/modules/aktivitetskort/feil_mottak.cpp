#include "modules/aktivitetskort/feil_mottak.hpp"

#include <boost/json.hpp>

#include "core/errors.hpp"
#include "core/ids.hpp"
#include "infra/log.hpp"
#include "modules/jobbsoker/events.hpp"

namespace rt::aktivitetskort {
namespace {

std::string tekst(const boost::json::object& o, const char* key, bool required) {
    auto it = o.find(key);
    if (it == o.end() || it->value().is_null()) {
        if (required) throw PermanentError(std::string("mangler ") + key);
        return {};
    }
    if (!it->value().is_string()) throw PermanentError(std::string(key) + " er ikke en tekst");
    return std::string(it->value().as_string());
}

// The version's endretAv.identType as the job seeker event's actor. PERSONBRUKER is the spelling
// versions sent before the consumer's enum was followed carry.
std::string aktortype(std::string_view ident_type) {
    if (ident_type == "PERSONBRUKERIDENT" || ident_type == "PERSONBRUKER") return "JOBBSØKER";
    if (ident_type == "NAVIDENT") return "ARRANGØR";
    return "SYSTEM";
}

// The consumer already had this messageId (our resend after a crash): the card exists.
constexpr std::string_view kDuplikat = "DUPLIKATMELDINGFEIL";

}  // namespace

void FeilMottak::behandle(const kafka::Record& record) {
    boost::system::error_code ec;
    auto v = boost::json::parse(record.value, ec);
    if (ec || !v.is_object()) throw PermanentError("feilmeldingen er ikke et JSON-objekt");
    const auto& o = v.as_object();
    if (tekst(o, "source", false) != "REKRUTTERINGSBISTAND") return;
    auto error_type = tekst(o, "errorType", true);
    auto failing = boost::json::parse(tekst(o, "failingMessage", true), ec);
    if (ec || !failing.is_object()) throw PermanentError("failingMessage er ikke en JSON-melding");
    auto message_id = parse_uuid(tekst(failing.as_object(), "messageId", true));
    if (!message_id) throw PermanentError("messageId i failingMessage er ikke en UUID");

    auto versjon = db_.transaction([&](pg::Connection& c) {
        c.query(R"(INSERT INTO aktivitetskort_feil (message_id, error_type, error_message, kafka_key, feil_tidspunkt, mottatt)
                   VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (message_id, error_type) DO NOTHING)",
                *message_id, error_type, tekst(o, "errorMessage", false), record.key, tekst(o, "timestamp", false), clock_.now());
        return c.query(R"(SELECT k.rekrutteringstreff_id, v.fnr, v.endret_av, v.endret_av_type
                          FROM aktivitetskort_versjon v JOIN aktivitetskort k ON k.aktivitetskort_id = v.aktivitetskort_id
                          WHERE v.message_id = $1)",
                       *message_id);
    });
    if (versjon.rows() == 0) {
        log::warn("aktivitetskort.feil", "feil for en melding vi ikke kjenner", {{"messageId", *message_id}, {"errorType", error_type}});
        return;
    }
    if (error_type == kDuplikat) {
        log::info("aktivitetskort.feil", "aktivitetsplanen hadde alt meldingen (vi sendte den på nytt)",
                  {{"messageId", *message_id}, {"errorType", error_type}});
        return;
    }
    log::warn("aktivitetskort.feil", "aktivitetsplanen avviste et kort", {{"messageId", *message_id}, {"errorType", error_type}});
    // Published every time, also for a redelivered error: the receiver is idempotent, and a
    // crash after storing must not lose the job seeker's event.
    bus_.publish(jobbsoker::AktivitetskortFeilet{versjon.str(0, 0), versjon.str(0, 1), versjon.str(0, 2),
                                                 aktortype(versjon.text(0, 3)), *message_id, error_type});
}

}  // namespace rt::aktivitetskort
