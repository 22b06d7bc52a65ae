#pragma once
// What a card says (../shared/spec/aktivitetskort.md, "Card content") and the exact message the
// activity plan's consumer accepts (../shared/spec/messages.md).
#include <boost/json.hpp>
#include <optional>
#include <string>

#include "core/clock.hpp"

namespace rt::aktivitetskort {

// The meeting as the card shows it.
struct KortInnhold {
    std::string treff_id;
    std::string tittel;
    std::optional<Instant> fra_tid, til_tid;
    std::optional<std::string> gateadresse, postnummer, poststed;
};

struct Endring {
    std::string status;      // PLANLAGT, GJENNOMFORES, FULLFORT, AVBRUTT
    std::string ident;       // endretAv.ident
    std::string ident_type;  // NAVIDENT, PERSONBRUKERIDENT, SYSTEM (the consumer's IdentType)
    Instant tidspunkt;
};

// "01. oktober 2025, kl. 08:00–10:00" (NO-BREAK SPACEs, EN DASH), or over several days
// "01. oktober 2025, kl. 08:00 til 02. oktober 2025, kl. 10:00", in Europe/Oslo time.
std::string tid_tekst(Instant fra, Instant til);
// "<gateadresse>, <postnummer> <poststed>"
std::string sted_tekst(const KortInnhold& k);

boost::json::object melding(const std::string& message_id, const std::string& kort_id, const std::string& fnr,
                            const KortInnhold& innhold, const Endring& endring, const std::string& min_side_url);

}  // namespace rt::aktivitetskort
