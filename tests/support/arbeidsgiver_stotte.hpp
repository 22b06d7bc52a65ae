#pragma once
// Shared by the employer tests: bodies, and the employer tables as one fingerprint.
#include <boost/json.hpp>
#include <string>

#include "support/component.hpp"

namespace rt::test {

// An employer body: {"organisasjonsnummer","navn","næringskoder":[{"10.710","Bakeri"}],address}.
boost::json::object arbeidsgiver_json(const std::string& orgnr, const std::string& navn = "Eksempel Bakeri AS");
std::string arbeidsgiver_body(const std::string& orgnr, const std::string& navn = "Eksempel Bakeri AS");
// Valid needs: two qualifications (one FORERKORT without konseptId), Norsk and Engelsk, 2, Fast and Sesong.
boost::json::object behov_json();
std::string med_behov_body(const std::string& orgnr, const std::string& navn = "Eksempel Bakeri AS");

// Adds an employer as `token` and returns its arbeidsgiverTreffId (read back from the list).
std::string legg_til_arbeidsgiver(const Component& c, const std::string& treff_id, const std::string& token, const std::string& orgnr,
                                  const std::string& navn = "Eksempel Bakeri AS");

// Component::snapshot() and every table of the employer module: equal before and after =
// nothing changed.
std::string alt(const Component& c);

}  // namespace rt::test
