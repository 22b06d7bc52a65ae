#include "modules/aktivitetskort/status.hpp"

namespace rt::aktivitetskort {

std::optional<Endring> ny_status(const jobbsoker::SvarOgStatus& e) {
    const std::string navident = "NAVIDENT";
    const std::string av_svareren = e.endret_av_personbruker ? "PERSONBRUKERIDENT" : navident;
    // The meeting's fate is the counsellor's doing, or the service's own (the automatic completion).
    const std::string av_arrangor = e.aktortype == "SYSTEM" ? "SYSTEM" : navident;
    // An owner removed the answer: the card is planned again (a final card stays as it is).
    if (e.hendelsestype == "SVAR_FJERNET_AV_EIER") return Endring{"PLANLAGT", e.endret_av, navident, e.tidspunkt};
    if (e.treffstatus && *e.treffstatus != "avlyst" && *e.treffstatus != "fullført") return std::nullopt;
    if (!e.svar && !e.treffstatus) return std::nullopt;
    if (e.svar == false) return Endring{"AVBRUTT", e.endret_av, av_svareren, e.tidspunkt};
    if (e.svar == true && !e.treffstatus) return Endring{"GJENNOMFORES", e.endret_av, av_svareren, e.tidspunkt};
    if (e.svar == true && *e.treffstatus == "fullført") return Endring{"FULLFORT", e.endret_av, av_arrangor, e.tidspunkt};
    return Endring{"AVBRUTT", e.endret_av, av_arrangor, e.tidspunkt};  // yes and cancelled; not answered and either fate
}

}  // namespace rt::aktivitetskort
