#pragma once
// Request bodies into the module's structs. Every failure is a 400 Problem that names the field;
// nothing reaches the database before a body has been read whole.
#include <boost/json.hpp>

#include "modules/arbeidsgiver/model.hpp"

namespace rt::arbeidsgiver {

// Every text field holds at most this many characters (the spec sets no limit; this keeps a row
// to what a form can hold).
inline constexpr std::size_t kMaxTekst = 1000;

// The employer of POST …/arbeidsgiver and …/arbeidsgiver-med-behov.
NyArbeidsgiver les_arbeidsgiver(const boost::json::object& body);
// The needs: the body of PUT …/behov, or the `behov` of …/arbeidsgiver-med-behov (`felt` names
// it in the errors).
Behov les_behov(const boost::json::value& v, std::string_view felt);

}  // namespace rt::arbeidsgiver
