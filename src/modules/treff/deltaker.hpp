#pragma once
// Public: what the meeting's lifecycle lets other modules do in its own transaction. A participant
// is a module that has something on a meeting (its job seekers, its employers); the lifecycle
// knows nothing of them beyond this. Each change of a meeting runs, under the meeting's
// row lock and in one transaction: the lifecycle's own checks, every participant's `sjekk`, the
// change and its meeting event, every participant's `virkning`. So a participant's consequences
// (the job seekers' events of a cancellation, say) commit or roll back with the meeting's change.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "infra/pg/connection.hpp"
#include "modules/treff/model.hpp"

namespace rt::treff {

// A change of a meeting as it is being made.
struct Treffendring {
    Treff treff;                // as it was before the change, under its row lock
    std::string hendelsestype;  // the meeting event being written (treffhendelsestype)
    Aktor aktor;
    Instant tidspunkt;
    std::vector<std::string> endrede_felter;  // TREFF_ENDRET_ETTER_PUBLISERING only
};

struct TreffDeltaker {
    std::string navn;
    // Before the change: throws a Problem (409) to refuse it.
    std::function<void(pg::Connection&, const Treffendring&)> sjekk;
    // After the meeting's event is written: the participant's own consequences.
    std::function<void(pg::Connection&, const Treffendring&)> virkning;
    // Fills in the participant's counts in the meetings' JSON (antallJobbsøkere,
    // antallArbeidsgivere, ...): all of them at once, so that a page of search hits is one query
    // per participant, not one per meeting.
    std::function<void(pg::Connection&, std::vector<Treff>&)> tell;
    // The participant's events on the meeting for allehendelser, with their ressurs and subject.
    std::function<std::vector<TreffHendelse>(pg::Connection&, const std::string& treff_id)> hendelser;
    // Whether a citizen (fnr) is invited to the meeting: what a citizen may read of a meeting and
    // its posts depends on it. Invited if any participant says so.
    std::function<bool(pg::Connection&, const std::string& treff_id, const std::string& fnr)> er_invitert;
};

// The participants, in the order they were added. Modules add theirs while they are constructed
// (after the meeting module, before the service starts); nothing is added later.
class Deltakere {
public:
    void legg_til(TreffDeltaker d) { alle_.push_back(std::move(d)); }
    const std::vector<TreffDeltaker>& alle() const { return alle_; }
    // Every participant's counts for the meetings.
    void tell(pg::Connection& c, std::vector<Treff>& treff) const {
        if (treff.empty()) return;
        for (const auto& d : alle_)
            if (d.tell) d.tell(c, treff);
    }

private:
    std::vector<TreffDeltaker> alle_;
};

// The merged event list: newest first; at the same instant (one transaction) a participant's
// events are the consequences of the meeting's and count as newer, in the order participants
// were added; within one source, the later written is the newer.
std::vector<TreffHendelse> flett_hendelser(std::vector<std::vector<TreffHendelse>> kilder);

}  // namespace rt::treff
