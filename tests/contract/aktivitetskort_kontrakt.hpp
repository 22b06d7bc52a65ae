#pragma once
// The activity plan's contract for the card topic and its error topic, restated from the
// consumer's published schema and its code, checked on every card message the tests put on the
// topic (see aktivitetskort_kontrakt.cpp for the sources and every rule).
#include <optional>
#include <string>
#include <vector>

#include "infra/kafka/record.hpp"

namespace rt::kontrakt {

// Every rule one card record breaks (empty: the consumer accepts it). The key and the
// Nav-Call-Id header are part of the contract, so the whole record is checked.
std::vector<std::string> brudd_pa_kort(const std::optional<std::string>& key, const std::string& value,
                                       const std::vector<std::pair<std::string, std::string>>& headers);
inline std::vector<std::string> brudd_pa_kort(const kafka::Record& r) { return brudd_pa_kort(r.key, r.value, r.headers); }

// Rules across the records of one card topic, in offset order: no new version of a card after a
// final status (FULLFORT, AVBRUTT). A resent messageId is not a new version.
std::vector<std::string> brudd_pa_kortrekkefolge(const std::vector<kafka::Record>& records_i_rekkefolge);

// Every rule an error-topic record (the consumer's AktivitetskortFeilMelding) breaks.
std::vector<std::string> brudd_pa_feilmelding(const std::optional<std::string>& key, const std::string& value);

// Counted checks for the test support: each REQUIREs no violation and counts the message. The
// counts of the process are appended to the file RT_KONTRAKT_TELLING names when it exits, and
// ctest's last test adds them up.
void krev_gyldige_kort(const std::vector<kafka::Record>& records_i_rekkefolge);
void krev_gyldig_lagret_kort(const std::string& key, const std::string& value, const std::string& message_id);
void krev_gyldig_feilmelding(const std::optional<std::string>& key, const std::string& value);

struct Telling {
    long long kort_pa_topic = 0;      // records read back from card topics
    long long kort_lagret = 0;        // stored versions (standalone: never sent)
    long long feilmeldinger = 0;      // error-topic messages the tests fed in
};
Telling telling();

}  // namespace rt::kontrakt
