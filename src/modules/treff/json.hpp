#pragma once
// The API's JSON for meetings and their events (../shared/spec/jobbsoker.md).
#include <boost/json.hpp>
#include <optional>

#include "modules/treff/model.hpp"

namespace rt::treff::json {

boost::json::value tekst(const std::optional<std::string>& s);
boost::json::array tekster(const std::vector<std::string>& v);
boost::json::object treff(const Treff& t);
// What a citizen invited to the meeting sees of it (the fields minside-api reads).
boost::json::object treff_for_borger(const Treff& t);
// What a counsellor sees in the meeting's JSON and in a search hit alike, on top of the citizen's
// fields: place numbers, times, owners, offices and the participants' counts.
void legg_til_felles_for_veileder(boost::json::object& o, const Treff& t);
// A line of the meeting's own event list (…/hendelser) and of the merged one (…/allehendelser).
boost::json::object treff_hendelse(const TreffHendelse& h);
boost::json::object alle_hendelse(const TreffHendelse& h);

}  // namespace rt::treff::json
