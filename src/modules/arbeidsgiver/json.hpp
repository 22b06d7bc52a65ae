#pragma once
// The module's structs as the API shows them.
#include <boost/json.hpp>

#include "modules/arbeidsgiver/model.hpp"

namespace rt::arbeidsgiver::json {

boost::json::object arbeidsgiver(const Arbeidsgiver& a);
// {"arbeidsgiverTreffId","organisasjonsnummer","navn","behov"}; behov null when none is stored.
boost::json::object med_behov(const ArbeidsgiverMedBehov& a);
// The needs in the request's shape: what is stored comes back exactly so.
boost::json::object behov(const Behov& b);
boost::json::array tagger(const std::vector<Tagg>& t);
// `aktøridentifikasjon` with a lower-case i, as in the original.
boost::json::object hendelse(const Hendelse& h);
boost::json::object metadata();

}  // namespace rt::arbeidsgiver::json
