#pragma once
// Reads dab.aktivitetskort-feil-v1: errors the activity plan sends back about our messages.
#include "core/bus.hpp"
#include "core/clock.hpp"
#include "infra/kafka/record.hpp"
#include "infra/pg/pool.hpp"

namespace rt::aktivitetskort {

class FeilMottak {
public:
    FeilMottak(pg::Pool& db, Bus& bus, const Clock& clock) : db_(db), bus_(bus), clock_(clock) {}
    // Ignores other sources; stores the error once per (messageId, errorType) and, for every
    // errorType but DUPLIKATMELDINGFEIL, tells the jobbsøker module (AktivitetskortFeilet, which
    // it handles idempotently). A message that cannot be read is a PermanentError (a dead letter).
    void behandle(const kafka::Record& record);

private:
    pg::Pool& db_;
    Bus& bus_;
    const Clock& clock_;
};

}  // namespace rt::aktivitetskort
