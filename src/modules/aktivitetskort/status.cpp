#include "modules/aktivitetskort/status.hpp"

namespace rt::aktivitetskort {

std::optional<Endring> ny_status(const jobbsoker::SvarOgStatus& e) {
    const std::string navident = "NAVIDENT";
    const std::string av_svareren = e.endret_av_personbruker ? "PERSONBRUKERIDENT" : navident;
    if (e.treffstatus && *e.treffstatus != "avlyst" && *e.treffstatus != "fullført") return std::nullopt;
    if (!e.svar && !e.treffstatus) return std::nullopt;
    if (e.svar == false) return Endring{"AVBRUTT", e.endret_av, av_svareren, e.tidspunkt};
    if (e.svar == true && !e.treffstatus) return Endring{"GJENNOMFORES", e.endret_av, av_svareren, e.tidspunkt};
    if (e.svar == true && *e.treffstatus == "fullført") return Endring{"FULLFORT", e.endret_av, navident, e.tidspunkt};
    return Endring{"AVBRUTT", e.endret_av, navident, e.tidspunkt};  // yes and cancelled; not answered and either fate
}

}  // namespace rt::aktivitetskort
