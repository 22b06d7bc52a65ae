#pragma once
// The API's JSON for meetings, job seekers and events (../shared/spec/jobbsoker.md).
#include <boost/json.hpp>
#include <optional>

#include "modules/jobbsoker/jobbsoker_repository.hpp"
#include "modules/jobbsoker/model.hpp"

namespace rt::jobbsoker::json {

boost::json::value tekst(const std::optional<std::string>& s);
boost::json::object treff(const Treff& t);
boost::json::object hendelse(const Hendelse& h);
boost::json::object jobbsoker(const Jobbsoker& j);
boost::json::object hendelse_med_person(const jobbsoker_repo::HendelseMedPerson& h);

}  // namespace rt::jobbsoker::json
