#include "modules/jobbsoker/minside_river.hpp"

#include "core/ids.hpp"
#include "infra/log.hpp"

namespace rt::jobbsoker {

rapid::River minside_svar_river(JobbsokerTjeneste& jobbsokere) {
    rapid::River river;
    river.name = "minsideVarselSvar";
    river.precondition(rapid::require_value("@event_name", std::string("minsideVarselSvar")))
        // The ident mapper republishes it with aktørId added (it carries an fnr): that copy is not news.
        .precondition(rapid::forbid_key("aktørId"))
        .validate(rapid::require_key("varselId"))
        .validate(rapid::require_key("avsenderReferanseId"))
        .validate(rapid::require_key("fnr"))
        .precondition(rapid::interested_in("eksternStatus"))
        .precondition(rapid::interested_in("minsideStatus"));
    river.on_message = [&jobbsokere](const rapid::Message& m, rapid::Context&) {
        auto treff_id = parse_uuid(m.string("avsenderReferanseId"));
        if (!treff_id) {
            log::info("minside", "varselsvar for et treff-id som ikke er en UUID; hoppet over", {{"varselId", m.string("varselId")}});
            return;
        }
        // hendelseData: the message's own fields, without the fnr and the rapid's envelope.
        boost::json::object data;
        for (const auto& kv : m.json()) {
            std::string_view key = kv.key();
            if (key == "fnr" || key.starts_with("@") || key.starts_with("system_")) continue;
            data[key] = kv.value();
        }
        // The same varselId with the same statuses is the same receipt.
        boost::json::object kjennetegn{{"varselId", m.string("varselId")}};
        for (const char* key : {"eksternStatus", "minsideStatus"})
            if (auto v = m.find(key)) kjennetegn[key] = *v;
        MinsideSvar svar{*treff_id, std::string(m.string("fnr")), std::string(m.string("varselId")),
                         boost::json::serialize(data), boost::json::serialize(kjennetegn)};
        if (!jobbsokere.registrer_minside_svar(svar))
            log::info("minside", "ingen jobbsøker på treffet for varselsvaret; hoppet over",
                      {{"varselId", svar.varsel_id}, {"rekrutteringstreffId", svar.treff_id}});
    };
    return river;
}

}  // namespace rt::jobbsoker
