// The activity plan's ("Aktivitetskort as a service") contract, restated in our own words.
//
// Schema (JSON Schema draft-07, YAML), repository navikt/veilarbaktivitet:
//   src/main/resources/schemas/akaas/Aktivitetskort.V1.aktivitetskort.schema.yml
//     at commit 7d5963d0e577dac3fc586ac69f873ff1ab821907
//   src/main/resources/schemas/akaas/Aktivitetskort.V1.shared-definitions.schema.yml
//     at commit 80f4f05c76b7258699a7438c89fd2ac7ba69cd1d
//   src/main/resources/schemas/akaas/Aktivitetskort.V1.aktivitetskortfeilmelding.schema.yml
//     at commit 8b2f8deb6de022f4189f3096522bf3686bc01783
//   src/main/resources/schemas/akaas/AktivitetskortV1.headers.schema.yml
//     at commit 57b5f718522313b4833f58ad14be69760af4547b
// The consumer's code, same repository, where it is stricter than or differs from the schema:
//   src/main/java/no/nav/veilarbaktivitet/aktivitetskort/dto/aktivitetskort/IdentType.java (16a72cb2):
//     the enum it parses identType into; the schema's TILTAKSARRAGOER and old PERSONBRUKER fail.
//   src/main/kotlin/no/nav/veilarbaktivitet/aktivitetskort/AktivitetsbestillingCreator.kt (1c36c256):
//     unknown properties fail (FAIL_ON_UNKNOWN_PROPERTIES); key must equal the card id's
//     UUID.toString() (lower case); tittel.length (UTF-16 code units) <= 255 or VALIDERINGSFEIL.
//   src/main/kotlin/no/nav/veilarbaktivitet/aktivitetskort/dto/ErrorType.kt (ccbc7abc): error types,
//     VALIDERINGSFEIL included (the schema lacks it).
//   src/main/kotlin/no/nav/veilarbaktivitet/aktivitetskort/dto/aktivitetskort/{LenkeSeksjon,Attributt,
//     Etikett,Oppgave,Oppgaver}.kt (1efa73eb): which nested fields are non-null, URLs as java.net.URL.
//   src/main/kotlin/no/nav/veilarbaktivitet/aktivitetskort/util/ZonedOrNorwegianDateTimeDeserializer.kt:
//     endretTidspunkt with seconds.
// Our own rules on top (../shared/spec/messages.md): source REKRUTTERINGSBISTAND, type
// REKRUTTERINGSTREFF, only UPSERT, messageId != card id, Nav-Call-Id = messageId, endretTidspunkt
// with exactly three decimals and the Europe/Oslo offset, http(s) URLs, detaljer/etiketter never
// null, no new version after FULLFORT or AVBRUTT.
#include "contract/aktivitetskort_kontrakt.hpp"

#include <catch2/catch.hpp>
#include <date/date.h>
#include <date/tz.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <atomic>
#include <boost/json.hpp>
#include <fmt/format.h>
#include <map>
#include <set>

namespace rt::kontrakt {
namespace {

using boost::json::object;
using boost::json::value;
using Liste = std::vector<std::string_view>;

const Liste kToppnivaaPaakrevd = {"messageId", "source", "aktivitetskortType", "actionType", "aktivitetskort"};
const Liste kKortPaakrevd = {"id", "personIdent", "tittel", "aktivitetStatus", "endretAv", "endretTidspunkt", "avtaltMedNav"};
const Liste kKortValgfri = {"startDato", "sluttDato", "beskrivelse", "oppgave", "handlinger", "detaljer", "etiketter"};
const Liste kSource = {"ARENA_TILTAK_AKTIVITET_ACL", "TEAM_TILTAK", "TEAM_KOMET", "REKRUTTERINGSBISTAND"};
// The schema's list (its "ENKELAMO," and "ENKFAGYRKE," carry a stray comma; the code's enum has
// them without).
const Liste kAktivitetskortType = {"MIDLERTIDIG_LONNSTILSKUDD", "VARIG_LONNSTILSKUDD", "ARBEIDSTRENING", "MENTOR", "INDOPPFAG",
                                   "ARBFORB", "AVKLARAG", "VASV", "ARBRRHDAG", "DIGIOPPARB", "JOBBK", "GRUPPEAMO", "GRUFAGYRKE",
                                   "REKRUTTERINGSTREFF", "ARENA_TILTAK", "ENKELAMO", "ENKFAGYRKE", "HOYERE_UTDANNING"};
const Liste kActionType = {"UPSERT_AKTIVITETSKORT_V1", "KASSER_AKTIVITET"};
const Liste kAktivitetStatus = {"FORSLAG", "PLANLAGT", "GJENNOMFORES", "FULLFORT", "AVBRUTT"};
const Liste kIdentType = {"ARENAIDENT", "NAVIDENT", "TILTAKSARRANGOER", "ARBEIDSGIVER", "SYSTEM", "PERSONBRUKERIDENT"};
const Liste kLenkeType = {"EKSTERN", "INTERN", "FELLES"};
const Liste kSentiment = {"POSITIVE", "NEGATIVE", "NEUTRAL"};
const Liste kErrorType = {"AKTIVITET_IKKE_FUNNET", "DESERIALISERINGSFEIL", "DUPLIKATMELDINGFEIL", "KAFKA_KEY_ULIK_AKTIVITETSID",
                          "MANGLER_OPPFOLGINGSPERIODE", "MESSAGEID_LIK_AKTIVITETSID", "UGYLDIG_IDENT", "ULOVLIG_ENDRING",
                          "VALIDERINGSFEIL"};

bool en_av(std::string_view v, const Liste& liste) { return std::find(liste.begin(), liste.end(), v) != liste.end(); }

bool sifre(std::string_view s, std::size_t pos, std::size_t n) {
    if (pos + n > s.size()) return false;
    return std::all_of(s.begin() + pos, s.begin() + pos + n, [](char c) { return c >= '0' && c <= '9'; });
}
int tall(std::string_view s, std::size_t pos, std::size_t n) {
    int out = 0;
    for (std::size_t i = pos; i < pos + n; ++i) out = out * 10 + (s[i] - '0');
    return out;
}

// JSON Schema "uuid": 8-4-4-4-12 hex digits.
bool er_uuid(std::string_view s) {
    if (s.size() != 36) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-') return false;
        } else if (!std::isxdigit(static_cast<unsigned char>(c))) {
            return false;
        }
    }
    return true;
}

std::string smaa_bokstaver(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// JSON Schema "date": yyyy-mm-dd, a real calendar day.
bool er_dato(std::string_view s) {
    if (s.size() != 10 || !sifre(s, 0, 4) || s[4] != '-' || !sifre(s, 5, 2) || s[7] != '-' || !sifre(s, 8, 2)) return false;
    return date::year_month_day{date::year{tall(s, 0, 4)}, date::month(static_cast<unsigned>(tall(s, 5, 2))),
                                date::day(static_cast<unsigned>(tall(s, 8, 2)))}
        .ok();
}

struct Tidspunkt {
    bool gyldig = false;
    int desimaler = 0;
    std::optional<std::chrono::minutes> offset;  // nothing: Z
    date::local_time<std::chrono::seconds> lokal;
};

// JSON Schema "date-time" (RFC 3339): full date, 'T', hh:mm:ss, optional fraction, then Z or ±hh:mm.
Tidspunkt les_date_time(std::string_view s) {
    Tidspunkt t;
    if (s.size() < 20 || !er_dato(s.substr(0, 10)) || (s[10] != 'T' && s[10] != 't') || !sifre(s, 11, 2) || s[13] != ':' ||
        !sifre(s, 14, 2) || s[16] != ':' || !sifre(s, 17, 2))
        return t;
    int h = tall(s, 11, 2), mi = tall(s, 14, 2), se = tall(s, 17, 2);
    if (h > 23 || mi > 59 || se > 60) return t;
    std::size_t pos = 19;
    if (s[pos] == '.') {
        ++pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos, ++t.desimaler;
        if (t.desimaler == 0) return t;
    }
    if (pos == s.size()) return t;
    if ((s[pos] == 'Z' || s[pos] == 'z') && pos + 1 == s.size()) {
        t.offset.reset();
    } else if ((s[pos] == '+' || s[pos] == '-') && pos + 6 == s.size() && sifre(s, pos + 1, 2) && s[pos + 3] == ':' &&
               sifre(s, pos + 4, 2)) {
        int oh = tall(s, pos + 1, 2), om = tall(s, pos + 4, 2);
        if (oh > 23 || om > 59) return t;
        t.offset = std::chrono::minutes((s[pos] == '-' ? -1 : 1) * (oh * 60 + om));
    } else {
        return t;
    }
    auto ymd = date::year{tall(s, 0, 4)} / tall(s, 5, 2) / tall(s, 8, 2);
    t.lokal = date::local_days{ymd} + std::chrono::hours(h) + std::chrono::minutes(mi) + std::chrono::seconds(se);
    t.gyldig = true;
    return t;
}

// What the consumer's String.length counts: UTF-16 code units.
std::size_t utf16_enheter(std::string_view utf8) {
    std::size_t n = 0;
    for (unsigned char c : utf8) {
        if ((c & 0xC0) == 0x80) continue;  // continuation byte
        n += c >= 0xF0 ? 2 : 1;            // four-byte sequences are surrogate pairs
    }
    return n;
}

bool er_http_url(std::string_view s) {
    for (std::string_view prefix : {"https://", "http://"})
        if (s.starts_with(prefix)) {
            auto rest = s.substr(prefix.size());
            auto host = rest.substr(0, rest.find_first_of("/?#"));
            return !host.empty() && s.find_first_of(" \t\r\n") == std::string_view::npos;
        }
    return false;
}

// Collects violations with the JSON path they are at.
class Kontroll {
public:
    std::vector<std::string> brudd;

    void feil(const std::string& sti, const std::string& hva) { brudd.push_back(sti + ": " + hva); }

    // additionalProperties: false, and `required`.
    void nokler(const object& o, const std::string& sti, const Liste& paakrevd, const Liste& valgfri) {
        for (const auto& kv : o)
            if (!en_av(kv.key(), paakrevd) && !en_av(kv.key(), valgfri)) feil(sti, fmt::format("ukjent nøkkel {}", std::string_view(kv.key())));
        for (auto k : paakrevd)
            if (!o.contains(k)) feil(sti, fmt::format("mangler {}", k));
    }
    // Present, and of the type (nullable: null also allowed). Returns the value when it is a string.
    const boost::json::string* tekst(const object& o, std::string_view k, const std::string& sti, bool nullable = false) {
        const auto* v = o.if_contains(k);
        if (!v) return nullptr;
        if (v->is_null() && nullable) return nullptr;
        if (!v->is_string()) {
            feil(sti + "." + std::string(k), "er ikke en tekst");
            return nullptr;
        }
        return &v->as_string();
    }
    void enum_tekst(const object& o, std::string_view k, const std::string& sti, const Liste& lov, bool nullable = false) {
        if (const auto* s = tekst(o, k, sti, nullable); s && !en_av(*s, lov))
            feil(sti + "." + std::string(k), fmt::format("'{}' er ikke en av de lovlige verdiene", std::string_view(*s)));
    }
    const object* objekt(const object& o, std::string_view k, const std::string& sti, bool nullable) {
        const auto* v = o.if_contains(k);
        if (!v || (v->is_null() && nullable)) return nullptr;
        if (!v->is_object()) {
            feil(sti + "." + std::string(k), "er ikke et objekt");
            return nullptr;
        }
        return &v->as_object();
    }
    const boost::json::array* liste(const object& o, std::string_view k, const std::string& sti, bool nullable) {
        const auto* v = o.if_contains(k);
        if (!v || (v->is_null() && nullable)) return nullptr;
        if (!v->is_array()) {
            feil(sti + "." + std::string(k), nullable ? "er ikke en liste eller null" : "er ikke en liste (null er ikke lov)");
            return nullptr;
        }
        return &v->as_array();
    }
    void url(const object& o, std::string_view k, const std::string& sti) {
        if (const auto* s = tekst(o, k, sti); s && !er_http_url(*s))
            feil(sti + "." + std::string(k), "er ikke en absolutt http(s)-URL");
    }

    // oppgave.ekstern / oppgave.intern: {tekst, subtekst, url}, all non-null in the code.
    void oppgave(const object& o, std::string_view k, const std::string& sti, bool paakrevd) {
        const auto* v = o.if_contains(k);
        if (!v || v->is_null()) {
            if (paakrevd) feil(sti, fmt::format("mangler {}", k));
            return;
        }
        if (!v->is_object()) return feil(sti + "." + std::string(k), "er ikke et objekt");
        auto s = sti + "." + std::string(k);
        nokler(v->as_object(), s, {"tekst", "subtekst", "url"}, {});
        tekst(v->as_object(), "tekst", s);
        tekst(v->as_object(), "subtekst", s);
        url(v->as_object(), "url", s);
    }

    void kort(const object& k, const std::string& messageId) {
        const std::string sti = "aktivitetskort";
        nokler(k, sti, kKortPaakrevd, kKortValgfri);
        if (const auto* id = tekst(k, "id", sti)) {
            if (!er_uuid(*id)) feil(sti + ".id", "er ikke en UUID");
            if (smaa_bokstaver(*id) == smaa_bokstaver(messageId)) feil("messageId", "er lik kortets id (MESSAGEID_LIK_AKTIVITETSID)");
        }
        if (const auto* p = tekst(k, "personIdent", sti); p && p->empty()) feil(sti + ".personIdent", "er tom");
        if (const auto* t = tekst(k, "tittel", sti); t && utf16_enheter(*t) > 255)
            feil(sti + ".tittel", fmt::format("har {} UTF-16-enheter, mer enn 255 (VALIDERINGSFEIL)", utf16_enheter(*t)));
        enum_tekst(k, "aktivitetStatus", sti, kAktivitetStatus);
        for (auto d : {"startDato", "sluttDato"})
            if (const auto* s = tekst(k, d, sti, true); s && !er_dato(*s)) feil(sti + "." + d, "er ikke en dato (yyyy-mm-dd)");
        tekst(k, "beskrivelse", sti, true);
        if (const auto* a = objekt(k, "endretAv", sti, false)) {
            nokler(*a, sti + ".endretAv", {"ident", "identType"}, {});
            tekst(*a, "ident", sti + ".endretAv");
            enum_tekst(*a, "identType", sti + ".endretAv", kIdentType);
        }
        if (const auto* e = tekst(k, "endretTidspunkt", sti)) endret_tidspunkt(*e, sti + ".endretTidspunkt");
        if (const auto* v = k.if_contains("avtaltMedNav"); v && !v->is_bool()) feil(sti + ".avtaltMedNav", "er ikke boolsk");
        if (const auto* o = objekt(k, "oppgave", sti, true)) {
            nokler(*o, sti + ".oppgave", {}, {"ekstern", "intern"});
            oppgave(*o, "ekstern", sti + ".oppgave", true);
            oppgave(*o, "intern", sti + ".oppgave", false);
        }
        if (const auto* h = liste(k, "handlinger", sti, true))
            for (std::size_t i = 0; i < h->size(); ++i) {
                auto s = fmt::format("{}.handlinger[{}]", sti, i);
                if (!(*h)[i].is_object()) {
                    feil(s, "er ikke et objekt");
                    continue;
                }
                const auto& l = (*h)[i].as_object();
                nokler(l, s, {"tekst", "subtekst", "url", "lenkeType"}, {});
                tekst(l, "tekst", s);
                tekst(l, "subtekst", s);
                url(l, "url", s);
                enum_tekst(l, "lenkeType", s, kLenkeType);
            }
        if (const auto* d = liste(k, "detaljer", sti, false))
            for (std::size_t i = 0; i < d->size(); ++i) {
                auto s = fmt::format("{}.detaljer[{}]", sti, i);
                if (!(*d)[i].is_object()) {
                    feil(s, "er ikke et objekt");
                    continue;
                }
                nokler((*d)[i].as_object(), s, {"label", "verdi"}, {});
                tekst((*d)[i].as_object(), "label", s);
                tekst((*d)[i].as_object(), "verdi", s);
            }
        if (const auto* e = liste(k, "etiketter", sti, false))
            for (std::size_t i = 0; i < e->size(); ++i) {
                auto s = fmt::format("{}.etiketter[{}]", sti, i);
                if (!(*e)[i].is_object()) {
                    feil(s, "er ikke et objekt");
                    continue;
                }
                const auto& t = (*e)[i].as_object();
                nokler(t, s, {"tekst", "kode"}, {"sentiment"});
                if (const auto* x = tekst(t, "tekst", s); x && utf16_enheter(*x) > 20) feil(s + ".tekst", "er lengre enn 20");
                tekst(t, "kode", s);
                enum_tekst(t, "sentiment", s, kSentiment, true);
            }
    }

    // date-time with seconds (schema and code), exactly three decimals and the Europe/Oslo
    // offset of that instant (ours).
    void endret_tidspunkt(std::string_view s, const std::string& sti) {
        auto t = les_date_time(s);
        if (!t.gyldig) return feil(sti, fmt::format("'{}' er ikke en date-time med sekunder og sone", s));
        if (t.desimaler != 3) feil(sti, fmt::format("'{}' har ikke nøyaktig tre desimaler", s));
        if (!t.offset) return feil(sti, fmt::format("'{}' har Z, ikke Europe/Oslo-offset", s));
        auto instant = date::sys_seconds{t.lokal.time_since_epoch() - *t.offset};
        auto oslo = date::locate_zone("Europe/Oslo")->get_info(instant).offset;
        if (std::chrono::duration_cast<std::chrono::minutes>(oslo) != *t.offset)
            feil(sti, fmt::format("'{}' har ikke Europe/Oslo-offset for det tidspunktet", s));
    }
};

std::optional<value> json(const std::string& text, Kontroll& k) {
    boost::system::error_code ec;
    auto v = boost::json::parse(text, ec);
    if (ec) {
        k.feil("$", "ikke gyldig JSON (DESERIALISERINGSFEIL)");
        return std::nullopt;
    }
    if (!v.is_object()) {
        k.feil("$", "ikke et JSON-objekt");
        return std::nullopt;
    }
    return v;
}

}  // namespace

std::vector<std::string> brudd_pa_kort(const std::optional<std::string>& key, const std::string& text,
                                       const std::vector<std::pair<std::string, std::string>>& headers) {
    Kontroll k;
    auto v = json(text, k);
    if (!v) return k.brudd;
    const auto& o = v->as_object();
    k.nokler(o, "$", kToppnivaaPaakrevd, {});
    std::string message_id;
    if (const auto* m = k.tekst(o, "messageId", "$")) {
        message_id = std::string(*m);
        if (!er_uuid(*m)) k.feil("$.messageId", "er ikke en UUID");
    }
    if (const auto* s = k.tekst(o, "source", "$")) {
        if (s->size() > 200) k.feil("$.source", "er lengre enn 200");
        if (!en_av(*s, kSource)) k.feil("$.source", "er ikke en av de lovlige verdiene");
        else if (*s != "REKRUTTERINGSBISTAND") k.feil("$.source", "er ikke vår (REKRUTTERINGSBISTAND)");
    }
    if (const auto* t = k.tekst(o, "aktivitetskortType", "$")) {
        if (!en_av(*t, kAktivitetskortType)) k.feil("$.aktivitetskortType", "er ikke en av de lovlige verdiene");
        else if (*t != "REKRUTTERINGSTREFF") k.feil("$.aktivitetskortType", "er ikke vår (REKRUTTERINGSTREFF)");
    }
    if (const auto* a = k.tekst(o, "actionType", "$")) {
        if (!en_av(*a, kActionType)) k.feil("$.actionType", "er ikke en av de lovlige verdiene");
        else if (*a != "UPSERT_AKTIVITETSKORT_V1") k.feil("$.actionType", "vi sender bare UPSERT_AKTIVITETSKORT_V1");
    }
    std::string kort_id;
    if (const auto* kort = k.objekt(o, "aktivitetskort", "$", false)) {
        k.kort(*kort, message_id);
        if (const auto* id = kort->if_contains("id"); id && id->is_string()) kort_id = std::string(id->as_string());
    }
    // The record around the message.
    if (!key) k.feil("key", "mangler");
    else if (!kort_id.empty() && *key != smaa_bokstaver(kort_id)) k.feil("key", "er ikke kortets id (KAFKA_KEY_ULIK_AKTIVITETSID)");
    const std::string* call_id = nullptr;
    for (const auto& [name, v] : headers)
        if (name == "Nav-Call-Id") call_id = &v;
    if (!call_id || call_id->empty()) k.feil("header Nav-Call-Id", "mangler eller er tom");
    else if (*call_id != message_id) k.feil("header Nav-Call-Id", "er ikke messageId");
    return k.brudd;
}

std::vector<std::string> brudd_pa_kortrekkefolge(const std::vector<kafka::Record>& records) {
    std::vector<std::string> brudd;
    std::map<std::string, std::string> endelig;  // card id -> the messageId that made it final
    std::set<std::string> sett;                   // messageIds seen (a resend repeats one)
    for (const auto& r : records) {
        boost::system::error_code ec;
        auto v = boost::json::parse(r.value, ec);
        if (ec || !v.is_object()) continue;  // brudd_pa_kort reports it
        const auto* m = v.as_object().if_contains("messageId");
        const auto* kort = v.as_object().if_contains("aktivitetskort");
        if (!m || !m->is_string() || !kort || !kort->is_object()) continue;
        std::string id(kort->as_object().contains("id") && kort->at("id").is_string() ? kort->at("id").as_string() : "");
        std::string mid(m->as_string());
        bool ny = sett.insert(mid).second;
        if (ny && endelig.contains(id))
            brudd.push_back(fmt::format("kort {}: ny versjon {} etter endelig status (fra {})", id, mid, endelig[id]));
        const auto* s = kort->as_object().if_contains("aktivitetStatus");
        if (s && s->is_string() && (s->as_string() == "FULLFORT" || s->as_string() == "AVBRUTT") && !endelig.contains(id))
            endelig[id] = mid;
    }
    return brudd;
}

std::vector<std::string> brudd_pa_feilmelding(const std::optional<std::string>& key, const std::string& text) {
    Kontroll k;
    auto v = json(text, k);
    if (!v) return k.brudd;
    const auto& o = v->as_object();
    k.nokler(o, "$", {"key", "timestamp", "failingMessage", "errorMessage"}, {"source", "errorType"});
    if (const auto* kk = k.tekst(o, "key", "$")) {
        if (!er_uuid(*kk)) k.feil("$.key", "er ikke en UUID");
        if (key && *key != *kk) k.feil("key", "er ikke meldingens key");
    }
    if (const auto* t = k.tekst(o, "timestamp", "$"); t && !les_date_time(*t).gyldig) k.feil("$.timestamp", "er ikke en date-time");
    k.tekst(o, "failingMessage", "$");
    k.tekst(o, "errorMessage", "$");
    // The consumer writes UNKNOWN when it could not read the failing message's source.
    if (const auto* s = k.tekst(o, "source", "$"); s && (s->size() > 200 || (!en_av(*s, kSource) && *s != "UNKNOWN")))
        k.feil("$.source", "er ikke en av de lovlige verdiene");
    k.enum_tekst(o, "errorType", "$", kErrorType);
    return k.brudd;
}

// --- the counted checks ---------------------------------------------------------------------

namespace {

std::atomic<long long> g_topic{0}, g_lagret{0}, g_feil{0};

// At exit, the counts of this process are appended to the file (O_APPEND: several test
// processes at once stay whole lines); the last ctest test adds them up.
struct SkrivVedSlutt {
    ~SkrivVedSlutt() {
#ifdef RT_KONTRAKT_TELLING
        if (g_topic + g_lagret + g_feil == 0) return;
        int fd = ::open(RT_KONTRAKT_TELLING, O_WRONLY | O_APPEND | O_CREAT, 0644);
        if (fd < 0) return;
        auto line = fmt::format("{} {} {}\n", g_topic.load(), g_lagret.load(), g_feil.load());
        [[maybe_unused]] auto n = ::write(fd, line.data(), line.size());
        ::close(fd);
#endif
    }
} g_skriv_ved_slutt;

void krev_ingen(const std::vector<std::string>& brudd, const std::string& hva) {
    std::string alle;
    for (const auto& b : brudd) alle += "\n  " + b;
    INFO(hva << alle);
    CHECK(brudd.empty());
}

}  // namespace

void krev_gyldige_kort(const std::vector<kafka::Record>& records) {
    for (const auto& r : records) krev_ingen(brudd_pa_kort(r), fmt::format("kortmelding {}:{}: {}", r.partition, r.offset, r.value));
    krev_ingen(brudd_pa_kortrekkefolge(records), "rekkefølgen på kort-topicet");
    g_topic += static_cast<long long>(records.size());
}

void krev_gyldig_lagret_kort(const std::string& key, const std::string& text, const std::string& message_id) {
    krev_ingen(brudd_pa_kort(key, text, {{"Nav-Call-Id", message_id}}), "lagret kortversjon: " + text);
    ++g_lagret;
}

void krev_gyldig_feilmelding(const std::optional<std::string>& key, const std::string& text) {
    krev_ingen(brudd_pa_feilmelding(key, text), "feilmelding: " + text);
    ++g_feil;
}

Telling telling() { return {g_topic, g_lagret, g_feil}; }

}  // namespace rt::kontrakt
