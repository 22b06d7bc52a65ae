#pragma once
// Request bodies of the meeting API into the module's structs. Every failure is a 400 Problem that
// names the field; nothing reaches a service before a body has been read whole.
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

#include "infra/http/message.hpp"
#include "modules/treff/innlegg.hpp"
#include "modules/treff/treff_tjeneste.hpp"

namespace rt::treff {

// The title: non-empty, at most 200 characters and at most 255 UTF-16 code units; absent: nothing.
std::optional<std::string> tittelfelt(const boost::json::object& body);
// `kategori` of POST /api/rekrutteringstreff; REKRUTTERINGSTREFF when absent.
std::string les_kategori(const boost::json::object& body);
// The body of PUT /api/rekrutteringstreff/{id}.
TreffFelter les_felter(const http::Request& r);
// The body of POST …/{id}/endringer.
std::vector<std::string> les_endrede_felter(const http::Request& r);
// The body of POST and PUT …/{id}/innlegg.
InnleggFelter les_innlegg(const http::Request& r);

}  // namespace rt::treff
