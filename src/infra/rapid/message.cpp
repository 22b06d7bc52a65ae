#include "infra/rapid/message.hpp"

#include "core/errors.hpp"
#include "infra/rapid/tidspunkt.hpp"

namespace rt::rapid {

Message Message::parse(std::string_view text, boost::json::storage_ptr storage) {
    boost::system::error_code ec;
    auto v = boost::json::parse(text, ec, std::move(storage));
    if (ec) throw PermanentError("ikke gyldig JSON");
    if (!v.is_object()) throw PermanentError("ikke et JSON-objekt");
    return Message(std::move(v.as_object()));
}

const boost::json::value* Message::find(std::string_view path) const {
    const boost::json::object* o = &json_;
    while (true) {
        auto dot = path.find('.');
        auto key = path.substr(0, dot);
        auto it = o->find(key);
        if (it == o->end()) return nullptr;
        if (dot == std::string_view::npos) return &it->value();
        if (!it->value().is_object()) return nullptr;
        o = &it->value().as_object();
        path = path.substr(dot + 1);
    }
}

bool Message::has(std::string_view path) const {
    auto v = find(path);
    return v && !v->is_null();
}

std::string_view Message::string(std::string_view path) const {
    auto v = find(path);
    if (!v || !v->is_string()) return {};
    return v->as_string();
}

std::optional<Instant> Message::opprettet() const {
    if (!opprettet_) opprettet_ = les_tidspunkt(string("@opprettet"));
    return *opprettet_;
}

void Message::set_opprettet(std::string_view text) {
    json_["@opprettet"] = text;
    opprettet_.reset();
}

}  // namespace rt::rapid
