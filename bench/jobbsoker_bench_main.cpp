// The helper of bench/jobbsoker_sok, bench/jobbsoker_http and bench/invite_to_card: mints tokens
// for the service under test and drives it over HTTP (keep-alive), timing on the client side. The
// service is the real binary, started by the scripts with the environment `keys` prints.
//   jobbsoker_bench keys <dir>                        test keys + JWKS files; prints the service's auth env
//   jobbsoker_bench token <dir>                       a counsellor token (owner of what the helper creates)
//   jobbsoker_bench create-topic <brokers> <topic> <partitions>
//   jobbsoker_bench seed-sok <dir> <port> <n>         a published meeting, n job seekers, invitations, answers
//   jobbsoker_bench sok <dir> <port> <treff-id> <n> <requests> [term]   (n as given to seed-sok)
//   jobbsoker_bench treff-sok <dir> <port> <requests>    GET /api/rekrutteringstreff/sok, varied filters, page 1
//   jobbsoker_bench seed-meeting <dir> <port> <n>     a published meeting with n job seekers
//   jobbsoker_bench invite-kafka <dir> <port> <brokers> <topic> <n>
//   jobbsoker_bench card-bulk <dir> <port> <brokers> <card-topic> <rapid-topic> <n> <timeout-s>
//                                                     n invited in one request → n PLANLAGT cards on the card topic
//   jobbsoker_bench card-single <dir> <port> <brokers> <card-topic> <rapid-topic> <n> <timeout-s>
//                                                     n invited one request each → each one's card
// Each prints `name value` lines on stdout for the script to pick up.
#include <fmt/format.h>

#include <atomic>
#include <boost/json.hpp>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <sstream>
#include <thread>
#include <unordered_map>

#include "bench_support.hpp"
#include "support/fnr.hpp"
#include "core/time.hpp"
#include "infra/kafka/admin.hpp"
#include "infra/kafka/handles.hpp"
#include "infra/log.hpp"
#include "support/token_factory.hpp"

using namespace rt;
using namespace rt::bench;
namespace fs = std::filesystem;
namespace json = boost::json;
using boost::beast::http::verb;

namespace {

// What the scripts give the service (AZURE_*, TOKEN_X_*, REKRUTTERINGSBISTAND_*).
constexpr const char* kAzureIssuer = "https://azure.bench.local";
constexpr const char* kAzureClient = "rekrutteringstreff-bench";
constexpr const char* kTokenxIssuer = "https://tokenx.bench.local";
constexpr const char* kTokenxClient = "rekrutteringstreff-bench-tokenx";
constexpr const char* kGruppeArbeidsgiver = "bench-gruppe-arbeidsgiverrettet";
constexpr const char* kGruppeJobbsoker = "bench-gruppe-jobbsokerrettet";
constexpr const char* kGruppeUtvikler = "bench-gruppe-utvikler";
constexpr const char* kVeileder = "Z990001";

// Norwegian names, roughly most common first: the generator draws with a skew toward the head
// of each list, so that a free-text search for "Hansen" finds many and one for "Aasen" few.
// Foss, Fossum and Fosse stand higher than their real rank, so that "fo" (issue 13's example of
// a short term) matches about a tenth of the job seekers, as "ol" does.
const std::vector<std::string> kFornavn = {
    "Jan", "Per", "Anne", "Bjørn", "Inger", "Kari", "Ole", "Lars", "Marit", "Kjell", "Ingrid", "Knut", "Liv",
    "Arne", "Eva", "Svein", "Berit", "Astrid", "Hans", "Geir", "Thomas", "Bjørg", "Tor", "Hilde", "Morten",
    "Anna", "Solveig", "Terje", "Marianne", "Odd", "Randi", "Erik", "Ida", "Martin", "Nina", "Andreas",
    "Maria", "Rune", "Elisabeth", "Trond", "Kristin", "Anders", "Bente", "Tore", "Heidi", "Jon", "Silje",
    "Harald", "Hanne", "Kristian", "Gro", "Stian", "Camilla", "Magnus", "Tone", "Emil", "Mari", "Jonas",
    "Ragnhild", "Mohammad", "Ingeborg", "Daniel", "Nora", "Henrik", "Emma", "Sander", "Sara", "Markus",
    "Thea", "Mathias", "Maja", "Tobias", "Sofie", "Sindre", "Julie", "Eirik", "Tuva", "Håkon", "Frida",
    "Øyvind", "Åse", "Espen", "Guro", "Marius", "Sigrid", "Fredrik", "Karoline", "Jørgen", "Vilde", "Sigurd",
    "Mona", "Aksel", "Linn", "Filip", "Siri", "Ali", "Trine", "Ahmed", "Line", "Piotr", "Fatima", "Tomasz",
    "Amina", "Gunnar", "Agnieszka", "Einar", "Torill", "Leif", "Synnøve", "Halvor", "Aud", "Eivind",
    "Oddny", "Ståle", "Gunhild", "Vegard", "Ellinor", "Kåre", "Tiril", "Ivar", "Hedda", "Yusuf", "Ane",
    "Isak", "Oda", "Ludvig", "Live", "Birger", "Dagny", "Torstein", "Ylva", "Amund", "Rakel"};
const std::vector<std::string> kEtternavn = {
    "Hansen", "Johansen", "Fossum", "Olsen", "Larsen", "Andersen", "Foss", "Pedersen", "Nilsen", "Kristiansen",
    "Fosse", "Jensen", "Karlsen", "Johnsen", "Pettersen", "Eriksen", "Berg", "Haugen", "Hagen", "Johannessen", "Andreassen",
    "Jacobsen", "Dahl", "Jørgensen", "Halvorsen", "Henriksen", "Lund", "Sørensen", "Jakobsen", "Moen",
    "Gundersen", "Iversen", "Strand", "Solberg", "Svendsen", "Eide", "Knutsen", "Martinsen", "Paulsen",
    "Bakken", "Kristoffersen", "Mathisen", "Lie", "Amundsen", "Nguyen", "Rasmussen", "Ali", "Lunde",
    "Solheim", "Berntsen", "Kristensen", "Moe", "Nygård", "Bakke", "Fredriksen", "Holm", "Lien", "Ahmed",
    "Hauge", "Christensen", "Andresen", "Nielsen", "Knudsen", "Evensen", "Sæther", "Aas", "Myhre",
    "Hanssen", "Ellingsen", "Ødegård", "Aasen", "Isaksen", "Tangen", "Hussain", "Khan", "Nowak", "Haugland",
    "Thorsen", "Mikkelsen", "Birkeland", "Simonsen", "Ruud", "Danielsen", "Sandvik", "Kowalski", "Wold",
    "Brekke", "Næss", "Aune", "Mohamed", "Ottesen", "Rønning", "Vik", "Sandberg", "Antonsen", "Bjerke",
    "Tveit", "Dale", "Ødegaard", "Engen", "Fjeld", "Kvam", "Løken", "Nordby", "Rød", "Skjelbred", "Torgersen",
    "Ulriksen", "Vangen", "Westby", "Østby", "Åsheim", "Grønli", "Hetland", "Jørstad", "Kleppe", "Lægreid",
    "Myrvold", "Nesheim", "Opsahl", "Pham", "Rustad", "Steinsland", "Tønnessen", "Ueland", "Vatne",
    "Yilmaz", "Zachariassen", "Abdi", "Haaland", "Bråten", "Gjerde", "Hovland", "Nordheim"};

struct Person {
    std::string fnr, fornavn, etternavn;
};

// Rank r is drawn with weight 1/(r + 4): a long tail, a heavy head.
class Skewed {
public:
    explicit Skewed(std::size_t n) {
        std::vector<double> w;
        for (std::size_t r = 0; r < n; ++r) w.push_back(1.0 / static_cast<double>(r + 4));
        dist_ = std::discrete_distribution<std::size_t>(w.begin(), w.end());
    }
    std::size_t operator()(std::mt19937_64& rng) { return dist_(rng); }

private:
    std::discrete_distribution<std::size_t> dist_;
};

std::vector<Person> people(std::size_t n, std::mt19937_64& rng) {
    Skewed fornavn(kFornavn.size()), etternavn(kEtternavn.size());
    std::uniform_real_distribution<double> u(0, 1);
    auto fnrs = test::test_fnrs(n, 85);
    std::vector<Person> out;
    out.reserve(n);
    for (auto& fnr : fnrs) {
        auto f = kFornavn[fornavn(rng)];
        if (u(rng) < 0.15) f += " " + kFornavn[fornavn(rng)];  // Kari Anne, Per Arne
        auto e = kEtternavn[etternavn(rng)];
        if (u(rng) < 0.05) e = kEtternavn[etternavn(rng)] + " " + e;  // Hansen Berg
        out.push_back({std::move(fnr), std::move(f), std::move(e)});
    }
    return out;
}

// --- tokens -----------------------------------------------------------------------------

std::string read_text(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + p.string() + " (run `keys` first)");
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void write_text(const fs::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + p.string());
}

long long epoch_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

class Tokens {
public:
    explicit Tokens(const fs::path& dir) {
        azure_.kid = "bench-azure";
        azure_.private_pem = read_text(dir / "azure.pem");
        tokenx_.kid = "bench-tokenx";
        tokenx_.private_pem = read_text(dir / "tokenx.pem");
    }
    // Valid for three hours: longer than any run.
    std::string veileder(const std::string& ident = kVeileder) const {
        auto c = base(kAzureIssuer, kAzureClient);
        c["NAVident"] = ident;
        c["groups"] = json::array{kGruppeArbeidsgiver};
        return test::TokenFactory::sign_with(azure_, azure_.kid, c);
    }
    std::string borger(const std::string& fnr) const {
        auto c = base(kTokenxIssuer, kTokenxClient);
        c["pid"] = fnr;
        c["acr"] = "idporten-loa-high";
        return test::TokenFactory::sign_with(tokenx_, tokenx_.kid, c);
    }

private:
    static json::object base(const char* iss, const char* aud) {
        auto now = epoch_now();
        return {{"iss", iss}, {"aud", aud}, {"iat", now}, {"nbf", now - 60}, {"exp", now + 3 * 3600}};
    }
    test::TestKey azure_, tokenx_;
};

int keys(const fs::path& dir) {
    fs::create_directories(dir);
    auto publish = [&](const std::string& name, const std::string& kid) {
        auto key = test::generate_key(kid);
        write_text(dir / (name + ".pem"), key.private_pem);
        json::object jwk{{"kty", "RSA"}, {"use", "sig"}, {"alg", "RS256"}, {"kid", kid}, {"n", key.n}, {"e", key.e}};
        write_text(dir / (name + ".jwks.json"), json::serialize(json::object{{"keys", json::array{jwk}}}));
        return "file://" + fs::absolute(dir / (name + ".jwks.json")).string();
    };
    auto azure = publish("azure", "bench-azure");
    auto tokenx = publish("tokenx", "bench-tokenx");
    fmt::print("AZURE_APP_CLIENT_ID={}\nAZURE_OPENID_CONFIG_ISSUER={}\nAZURE_OPENID_CONFIG_JWKS_URI={}\n", kAzureClient,
               kAzureIssuer, azure);
    fmt::print("TOKEN_X_CLIENT_ID={}\nTOKEN_X_ISSUER={}\nTOKEN_X_JWKS_URI={}\n", kTokenxClient, kTokenxIssuer, tokenx);
    fmt::print("REKRUTTERINGSBISTAND_ARBEIDSGIVERRETTET={}\nREKRUTTERINGSBISTAND_JOBBSOKERRETTET={}\n"
               "REKRUTTERINGSBISTAND_UTVIKLER={}\n",
               kGruppeArbeidsgiver, kGruppeJobbsoker, kGruppeUtvikler);
    return 0;
}

// --- HTTP seeding -----------------------------------------------------------------------

json::value expect(const Response& r, int status, const std::string& what) {
    if (r.status != status)
        throw std::runtime_error(fmt::format("{}: HTTP {} (expected {}): {}", what, r.status, status, r.body.substr(0, 300)));
    return r.body.empty() ? json::value(nullptr) : json::parse(r.body);
}

std::string publisert_treff(HttpClient& http, const std::string& token, const std::string& tittel) {
    auto id = std::string(
        expect(http.call(verb::post, "/api/rekrutteringstreff", token, "{}"), 201, "create meeting").at("id").as_string());
    auto fra = std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now()) +
               std::chrono::hours(24 * 14);
    json::object body{{"tittel", tittel},
                      {"beskrivelse", "Vi treffes og snakker om jobb"},
                      {"fraTid", tid::format_oslo(fra)},
                      {"tilTid", tid::format_oslo(fra + std::chrono::hours(2))},
                      {"svarfrist", tid::format_oslo(fra - std::chrono::hours(24 * 3))},
                      {"gateadresse", "Eksempelgate 1"},
                      {"postnummer", "0123"},
                      {"poststed", "Oslo"}};
    expect(http.call(verb::put, "/api/rekrutteringstreff/" + id, token, json::serialize(body)), 200, "fill in meeting");
    expect(http.call(verb::post, "/api/rekrutteringstreff/" + id + "/publiser", token), 200, "publish meeting");
    return id;
}

std::string jobbsoker_body(const std::vector<Person>& ps) {
    json::array body;
    body.reserve(ps.size());
    for (const auto& p : ps)
        // lagtTilAvNavn is optional; with it, 10,000 job seekers no longer fit in the default
        // 1 MiB body limit (HTTP_BODY_LIMIT_BYTES).
        body.push_back({{"fødselsnummer", p.fnr}, {"fornavn", p.fornavn}, {"etternavn", p.etternavn}});
    return json::serialize(body);
}

std::vector<std::string> ids_of(const json::value& added) {
    std::vector<std::string> ids;
    for (const auto& id : added.at("personTreffIder").as_array()) ids.emplace_back(id.as_string());
    return ids;
}

std::string inviter_body(const std::vector<std::string>& ids) {
    json::array a;
    for (const auto& id : ids) a.emplace_back(id);
    return json::serialize(json::object{{"personTreffIder", std::move(a)}});
}

// A published meeting with n job seekers; 60 % of them invited in one request; of the invited,
// a third answer yes and a quarter no (one citizen request each, TokenX).
int seed_sok(const fs::path& dir, unsigned short port, std::size_t n) {
    Tokens tokens(dir);
    auto token = tokens.veileder();
    HttpClient http(port);
    std::mt19937_64 rng(20251001);
    auto ps = people(n, rng);
    auto treff = publisert_treff(http, token, "Storsamling hos Bedrift AS");
    fmt::print("treff {}\n", treff);

    auto body = jobbsoker_body(ps);
    auto start = Steady::now();
    auto added = ids_of(expect(http.call(verb::post, "/api/rekrutteringstreff/" + treff + "/jobbsoker", token, body), 201,
                               "add job seekers"));
    fmt::print("add_body_bytes {}\nadd_seconds {:.3f}\nadded {}\n", body.size(), seconds_since(start), added.size());

    // personTreffId -> fnr from the list endpoint (the POST answers ids only).
    auto liste = expect(http.call(verb::get, "/api/rekrutteringstreff/" + treff + "/jobbsoker", token), 200, "list");
    std::vector<std::pair<std::string, std::string>> id_fnr;
    for (const auto& j : liste.as_array())
        id_fnr.emplace_back(std::string(j.at("personTreffId").as_string()), std::string(j.at("fødselsnummer").as_string()));
    std::sort(id_fnr.begin(), id_fnr.end());
    std::shuffle(id_fnr.begin(), id_fnr.end(), rng);
    std::size_t invited = id_fnr.size() * 6 / 10, yes = invited / 3, no = invited / 4;
    std::vector<std::string> invite_ids;
    for (std::size_t i = 0; i < invited; ++i) invite_ids.push_back(id_fnr[i].first);
    start = Steady::now();
    expect(http.call(verb::post, "/api/rekrutteringstreff/" + treff + "/jobbsoker/inviter", token, inviter_body(invite_ids)),
           200, "invite");
    fmt::print("invited {}\ninvite_seconds {:.3f}\n", invited, seconds_since(start));

    start = Steady::now();
    for (std::size_t i = 0; i < yes + no; ++i) {
        auto path = fmt::format("/api/rekrutteringstreff/{}/jobbsoker/borger/{}", treff, i < yes ? "svar-ja" : "svar-nei");
        expect(http.call(verb::post, path, tokens.borger(id_fnr[i].second)), 200, "answer");
    }
    fmt::print("answered_yes {}\nanswered_no {}\nanswer_seconds {:.3f}\n", yes, no, seconds_since(start));
    return 0;
}

int seed_meeting(const fs::path& dir, unsigned short port, std::size_t n) {
    Tokens tokens(dir);
    auto token = tokens.veileder();
    HttpClient http(port);
    std::mt19937_64 rng(7);
    auto treff = publisert_treff(http, token, "Jobbtreff hos Bedrift AS");
    if (n > 0)
        expect(http.call(verb::post, "/api/rekrutteringstreff/" + treff + "/jobbsoker", token, jobbsoker_body(people(n, rng))),
               201, "add job seekers");
    fmt::print("treff {}\n", treff);
    return 0;
}

// --- the search benchmark ---------------------------------------------------------------

std::string lower_ascii(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// What a counsellor types: a surname, a first name, the start of a name (lower case), or a whole name.
std::string fritekst(std::mt19937_64& rng, const std::vector<Person>& ps) {
    std::uniform_real_distribution<double> u(0, 1);
    auto pick = [&](const std::vector<std::string>& v) { return v[std::uniform_int_distribution<std::size_t>(0, v.size() - 1)(rng)]; };
    double x = u(rng);
    if (x < 0.35) return pick(kEtternavn);
    if (x < 0.60) return pick(kFornavn);
    if (x < 0.80) {
        auto name = u(rng) < 0.5 ? pick(kEtternavn) : pick(kFornavn);
        auto len = std::uniform_int_distribution<std::size_t>(3, 5)(rng);
        // Whole UTF-8 characters only: stop before a continuation byte.
        while (len < name.size() && (static_cast<unsigned char>(name[len]) & 0xC0) == 0x80) ++len;
        return lower_ascii(name.substr(0, len));
    }
    const auto& p = ps[std::uniform_int_distribution<std::size_t>(0, ps.size() - 1)(rng)];
    return p.fornavn + " " + p.etternavn;
}

json::array status_filter(std::mt19937_64& rng) {
    std::vector<std::string> all = {"LAGT_TIL", "INVITERT", "SVART_JA", "SVART_NEI"};
    std::shuffle(all.begin(), all.end(), rng);
    double x = std::uniform_real_distribution<double>(0, 1)(rng);
    std::size_t k = x < 0.5 ? 1 : x < 0.85 ? 2 : 3;
    json::array out;
    for (std::size_t i = 0; i < k; ++i) out.emplace_back(all[i]);
    return out;
}

// `term`: empty for the mix above with a status filter; "fullt-navn" for a whole name of someone
// added; anything else is searched as it is, without a status filter (a short prefix such as "a"
// matches thousands, the search's heaviest case).
int sok(const fs::path& dir, unsigned short port, const std::string& treff, std::size_t n, std::size_t requests,
        const std::string& term = "") {
    Tokens tokens(dir);
    auto token = tokens.veileder();
    HttpClient http(port);
    std::mt19937_64 names_rng(20251001);  // the same people seed-sok added, for whole-name searches
    auto ps = people(n, names_rng);
    std::mt19937_64 rng(99);
    const auto target = "/api/rekrutteringstreff/" + treff + "/jobbsoker/sok";
    auto body = [&] {
        if (term.empty())
            return json::serialize(json::object{
                {"fritekst", fritekst(rng, ps)}, {"status", status_filter(rng)}, {"side", 1}, {"antallPerSide", 25}});
        std::string tekst = term;
        if (term == "fullt-navn") {
            const auto& p = ps[std::uniform_int_distribution<std::size_t>(0, ps.size() - 1)(rng)];
            tekst = p.fornavn + " " + p.etternavn;
        }
        return json::serialize(json::object{{"fritekst", tekst}, {"side", 1}, {"antallPerSide", 25}});
    };
    // Warm-up, not counted: the first request loads the JWKS, the first queries warm the caches.
    constexpr int kWarmup = 20;
    for (int i = 0; i < kWarmup; ++i) expect(http.call(verb::post, target, token, body()), 200, "sok");

    std::vector<double> ms;
    ms.reserve(requests);
    long long hits = 0, empty = 0, errors = 0, skjulte = -1;
    for (std::size_t i = 0; i < requests; ++i) {
        auto b = body();
        auto start = Steady::now();
        auto r = http.call(verb::post, target, token, b);
        ms.push_back(seconds_since(start) * 1000.0);
        if (r.status != 200) {
            ++errors;
            continue;
        }
        auto v = json::parse(r.body);
        auto totalt = v.at("totalt").as_int64();
        hits += totalt;
        empty += totalt == 0;
        skjulte = v.at("antallSkjulte").as_int64();
    }
    double max = *std::max_element(ms.begin(), ms.end());
    double sum = 0;
    for (double x : ms) sum += x;
    fmt::print("requests {}\nwarmup {}\nerrors {}\nmean_ms {:.2f}\np50_ms {:.2f}\np90_ms {:.2f}\np99_ms {:.2f}\nmax_ms {:.2f}\n"
               "avg_totalt {:.1f}\nempty_results {}\nantall_skjulte {}\n",
               requests, kWarmup, errors, sum / static_cast<double>(ms.size()), percentile(ms, 0.50), percentile(ms, 0.90),
               percentile(ms, 0.99), max, static_cast<double>(hits) / static_cast<double>(requests - errors), empty, skjulte);
    return errors == 0 ? 0 : 1;
}

// The meeting search: each request a filter drawn from the frontend's usual ones, page 1 of 20.
int treff_sok(const fs::path& dir, unsigned short port, std::size_t requests) {
    Tokens tokens(dir);
    auto token = tokens.veileder();
    HttpClient http(port);
    std::mt19937_64 rng(7);
    const char* filtre[] = {"statuser=PUBLISERT",
                            "statuser=PUBLISERT&publisertStatuser=%C3%85PEN_FOR_S%C3%98KERE",
                            "kategorier=REKRUTTERINGSTREFF&statuser=PUBLISERT,UTKAST",
                            "visning=mine",
                            "fylkesnumre=03,46&sortering=nyeste",
                            "kommunenumre=0301&statuser=FULLF%C3%98RT,AVLYST",
                            "statuser=UTKAST&sortering=eldste"};
    auto target = [&] { return fmt::format("/api/rekrutteringstreff/sok?{}&side=1&antallPerSide=20", filtre[rng() % std::size(filtre)]); };
    constexpr int kWarmup = 20;
    for (int i = 0; i < kWarmup; ++i) expect(http.call(verb::get, target(), token), 200, "treff-sok");

    std::vector<double> ms;
    ms.reserve(requests);
    long long hits = 0, errors = 0;
    for (std::size_t i = 0; i < requests; ++i) {
        auto t = target();
        auto start = Steady::now();
        auto r = http.call(verb::get, t, token);
        ms.push_back(seconds_since(start) * 1000.0);
        if (r.status != 200) {
            ++errors;
            continue;
        }
        hits += json::parse(r.body).at("antallTotalt").as_int64();
    }
    double max = *std::max_element(ms.begin(), ms.end());
    double sum = 0;
    for (double x : ms) sum += x;
    fmt::print("requests {}\nwarmup {}\nerrors {}\nmean_ms {:.2f}\np50_ms {:.2f}\np90_ms {:.2f}\np99_ms {:.2f}\nmax_ms {:.2f}\n"
               "avg_totalt {:.1f}\n",
               requests, kWarmup, errors, sum / static_cast<double>(ms.size()), percentile(ms, 0.50), percentile(ms, 0.90),
               percentile(ms, 0.99), max, static_cast<double>(hits) / static_cast<double>(requests - errors));
    return errors == 0 ? 0 : 1;
}

// --- reading a topic from its end -------------------------------------------------------

// Reads a topic from its current end and records what `match` recognises as belonging to the
// watched meeting: how many records, how many distinct keys (job seekers), when the last one
// arrived, the newest CreateTime, and when each key was first seen. Every partition is assigned
// at its high watermark before the constructor returns, so nothing produced afterwards is
// missed; arrival times are taken on the consumer thread as each record is polled, so the
// waiting side's pace does not blur them.
class TopicCounter {
public:
    // The key (fnr) of a record value that belongs to meeting `treff`, or nothing.
    using Match = std::function<std::optional<std::string>(const json::object& value, const std::string& treff)>;
    struct Seen {
        std::size_t count = 0;  // matching records (a resent message counts twice)
        std::size_t keys = 0;   // distinct keys among them
        Steady::time_point first{}, last{};
        long long newest_timestamp_ms = 0;  // the records' CreateTime (set by the service's producer)
    };
    // One key's first record: when it arrived here, and its CreateTime (epoch ms, stamped by the
    // service's producer when the record was handed to it).
    struct First {
        Steady::time_point arrived;
        long long create_time_ms = 0;
    };

    TopicCounter(const std::string& brokers, const std::string& topic, Match match) : topic_(topic), match_(std::move(match)) {
        kafka::KafkaSettings settings{brokers, std::nullopt, "jobbsoker-bench-counter", {}};
        settings.extra = {{"group.id", "jobbsoker-bench-" + std::to_string(::getpid())},
                          {"enable.auto.commit", "false"},
                          {"fetch.wait.max.ms", "10"},
                          {"enable.partition.eof", "false"}};
        auto conf = kafka::make_conf(settings);
        char err[512];
        rk_.reset(rd_kafka_new(RD_KAFKA_CONSUMER, conf.get(), err, sizeof err));
        if (!rk_) throw std::runtime_error(fmt::format("cannot create Kafka consumer: {}", err));
        conf.release();
        rd_kafka_poll_set_consumer(rk_.get());

        const rd_kafka_metadata_t* md = nullptr;
        rd_kafka_topic_t* rkt = rd_kafka_topic_new(rk_.get(), topic.c_str(), nullptr);
        if (auto e = rd_kafka_metadata(rk_.get(), 0, rkt, &md, 10000))
            throw std::runtime_error(fmt::format("no metadata for {}: {}", topic, rd_kafka_err2str(e)));
        int partitions = md->topic_cnt ? md->topics[0].partition_cnt : 0;
        rd_kafka_metadata_destroy(md);
        rd_kafka_topic_destroy(rkt);
        if (partitions == 0) throw std::runtime_error("topic has no partitions: " + topic);
        kafka::PartitionList list(rd_kafka_topic_partition_list_new(partitions));
        for (int p = 0; p < partitions; ++p) {
            int64_t low = 0, high = 0;
            if (auto e = rd_kafka_query_watermark_offsets(rk_.get(), topic.c_str(), p, &low, &high, 10000))
                throw std::runtime_error(fmt::format("no offsets for {}: {}", topic, rd_kafka_err2str(e)));
            rd_kafka_topic_partition_list_add(list.get(), topic.c_str(), p)->offset = high;
        }
        if (auto e = rd_kafka_assign(rk_.get(), list.get())) throw std::runtime_error(rd_kafka_err2str(e));
        thread_ = std::thread([this] { run(); });
    }
    ~TopicCounter() {
        running_ = false;
        thread_.join();
        rd_kafka_consumer_close(rk_.get());
    }
    // Counts afresh, for this meeting only.
    void watch(const std::string& treff) {
        std::lock_guard lock(mutex_);
        treff_ = treff;
        seen_ = {};
        first_seen_.clear();
    }
    // Waits until `keys` distinct keys were seen or the deadline passed; returns what was seen.
    Seen wait_for_keys(std::size_t keys, Steady::time_point deadline) {
        std::unique_lock lock(mutex_);
        changed_.wait_until(lock, deadline, [&] { return seen_.keys >= keys; });
        return seen_;
    }
    // When `key` was first seen; waits for it until the deadline.
    std::optional<First> wait_for_key(const std::string& key, Steady::time_point deadline) {
        std::unique_lock lock(mutex_);
        changed_.wait_until(lock, deadline, [&] { return first_seen_.contains(key); });
        auto it = first_seen_.find(key);
        return it == first_seen_.end() ? std::nullopt : std::optional(it->second);
    }
    // When each key was first seen, earliest first.
    std::vector<Steady::time_point> arrivals() {
        std::vector<Steady::time_point> out;
        {
            std::lock_guard lock(mutex_);
            out.reserve(first_seen_.size());
            for (const auto& [key, first] : first_seen_) out.push_back(first.arrived);
        }
        std::sort(out.begin(), out.end());
        return out;
    }

private:
    void run() {
        while (running_) {
            kafka::MessageHandle m(rd_kafka_consumer_poll(rk_.get(), 50));
            if (!m || m->err || !m->payload) continue;
            auto now = Steady::now();
            std::string_view value(static_cast<const char*>(m->payload), m->len);
            boost::system::error_code ec;
            auto v = json::parse(value, ec);
            if (ec || !v.is_object()) continue;
            rd_kafka_timestamp_type_t type;
            long long ts = rd_kafka_message_timestamp(m.get(), &type);
            {
                std::lock_guard lock(mutex_);
                if (treff_.empty()) continue;
                auto key = match_(v.as_object(), treff_);
                if (!key) continue;
                if (seen_.count++ == 0) seen_.first = now;
                seen_.last = now;
                seen_.newest_timestamp_ms = std::max(seen_.newest_timestamp_ms, ts);
                if (first_seen_.emplace(std::move(*key), First{now, ts}).second) ++seen_.keys;
            }
            changed_.notify_all();
        }
    }

    std::string topic_;
    Match match_;
    kafka::KafkaHandle rk_;
    std::atomic<bool> running_{true};
    std::mutex mutex_;
    std::condition_variable changed_;
    std::string treff_;
    Seen seen_;
    std::unordered_map<std::string, First> first_seen_;
    std::thread thread_;
};

const json::string* string_at(const json::object& o, std::string_view key) {
    const auto* v = o.if_contains(key);
    return v && v->is_string() ? &v->as_string() : nullptr;
}

// `rekrutteringstreffinvitasjon` on the rapid for the meeting; key = fnr.
std::optional<std::string> rapid_invitation(const json::object& o, const std::string& treff) {
    const auto* name = string_at(o, "@event_name");
    const auto* id = string_at(o, "rekrutteringstreffId");
    const auto* fnr = string_at(o, "fnr");
    if (!name || !id || !fnr || *name != "rekrutteringstreffinvitasjon" || *id != treff) return std::nullopt;
    return std::string(*fnr);
}

// A card message with `aktivitetStatus` PLANLAGT whose link points at the meeting
// (`<MIN_SIDE_URL>/<rekrutteringstreffId>`, the only place the card names it); key = personIdent.
std::optional<std::string> planlagt_card(const json::object& o, const std::string& treff) {
    const auto* source = string_at(o, "source");
    const auto* kort = o.if_contains("aktivitetskort");
    if (!source || *source != "REKRUTTERINGSBISTAND" || !kort || !kort->is_object()) return std::nullopt;
    const auto& k = kort->as_object();
    const auto* status = string_at(k, "aktivitetStatus");
    const auto* person = string_at(k, "personIdent");
    const auto* handlinger = k.if_contains("handlinger");
    if (!status || *status != "PLANLAGT" || !person || !handlinger || !handlinger->is_array()) return std::nullopt;
    const auto suffix = "/" + treff;
    for (const auto& h : handlinger->as_array()) {
        const auto* url = h.is_object() ? string_at(h.as_object(), "url") : nullptr;
        if (url && url->size() >= suffix.size() && std::string_view(*url).ends_with(suffix)) return std::string(*person);
    }
    return std::nullopt;
}

long long wall_ms_now() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// --- invitations onto the rapid ---------------------------------------------------------

int invite_kafka(const fs::path& dir, unsigned short port, const std::string& brokers, const std::string& topic, std::size_t n) {
    Tokens tokens(dir);
    auto token = tokens.veileder();
    HttpClient http(port);
    TopicCounter counter(brokers, topic, rapid_invitation);
    std::mt19937_64 rng(11);
    auto treff = publisert_treff(http, token, "Jobbtreff med invitasjoner");
    counter.watch(treff);

    auto body = jobbsoker_body(people(n, rng));
    auto start = Steady::now();
    auto ids = ids_of(expect(http.call(verb::post, "/api/rekrutteringstreff/" + treff + "/jobbsoker", token, body), 201,
                             "add job seekers"));
    double add_s = seconds_since(start);

    auto invite_body = inviter_body(ids);
    const auto invite_wall_ms = wall_ms_now();
    const auto invite_start = Steady::now();
    expect(http.call(verb::post, "/api/rekrutteringstreff/" + treff + "/jobbsoker/inviter", token, invite_body), 200, "invite");
    double invite_s = seconds_since(invite_start);

    auto seen = counter.wait_for_keys(ids.size(), Steady::now() + std::chrono::minutes(3));
    fmt::print("treff {}\nadded {}\nadd_body_bytes {}\nadd_seconds {:.3f}\ninvite_body_bytes {}\ninvite_seconds {:.3f}\n",
               treff, ids.size(), body.size(), add_s, invite_body.size(), invite_s);
    fmt::print("invitations_on_rapid {}\n", seen.keys);
    if (seen.keys < ids.size()) {
        std::cerr << fmt::format("only {} of {} invitations reached the rapid within 3 min\n", seen.keys, ids.size());
        return 1;
    }
    fmt::print("all_consumed_seconds {:.3f}\nnewest_create_time_seconds {:.3f}\n", seconds_since(invite_start, seen.last),
               static_cast<double>(seen.newest_timestamp_ms - invite_wall_ms) / 1000.0);
    return 0;
}

// --- invitations onto the card topic ----------------------------------------------------

// A published meeting with n job seekers added in one request; their (personTreffId, fnr) from
// the list endpoint (the POST answers ids only).
struct Seeded {
    std::string treff;
    std::vector<std::pair<std::string, std::string>> id_fnr;
    std::size_t add_body_bytes = 0;
    double add_seconds = 0;
};

Seeded seed_for_cards(HttpClient& http, const std::string& token, const std::string& tittel, std::size_t n, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    Seeded s;
    s.treff = publisert_treff(http, token, tittel);
    auto body = jobbsoker_body(people(n, rng));
    s.add_body_bytes = body.size();
    auto start = Steady::now();
    expect(http.call(verb::post, "/api/rekrutteringstreff/" + s.treff + "/jobbsoker", token, body), 201, "add job seekers");
    s.add_seconds = seconds_since(start);
    auto liste = expect(http.call(verb::get, "/api/rekrutteringstreff/" + s.treff + "/jobbsoker", token), 200, "list");
    for (const auto& j : liste.as_array())
        s.id_fnr.emplace_back(std::string(j.at("personTreffId").as_string()), std::string(j.at("fødselsnummer").as_string()));
    if (s.id_fnr.size() != n) throw std::runtime_error(fmt::format("listed {} job seekers, added {}", s.id_fnr.size(), n));
    return s;
}

double ms_between(Steady::time_point from, Steady::time_point to) {
    return std::chrono::duration<double, std::milli>(to - from).count();
}

// What both card measurements start from: a counsellor's token, a connection, a published
// meeting with n job seekers, and counters of its PLANLAGT cards and rapid invitations that
// started at the topics' ends.
struct CardScene {
    Tokens tokens;
    std::string token;
    HttpClient http;
    TopicCounter cards, rapid;
    Seeded s;
    CardScene(const fs::path& dir, unsigned short port, const std::string& brokers, const std::string& card_topic,
              const std::string& rapid_topic, const std::string& tittel, std::size_t n, std::uint64_t seed)
        : tokens(dir),
          token(tokens.veileder()),
          http(port),
          cards(brokers, card_topic, planlagt_card),
          rapid(brokers, rapid_topic, rapid_invitation),
          s(seed_for_cards(http, token, tittel, n, seed)) {
        cards.watch(s.treff);
        rapid.watch(s.treff);
    }
};

// Part 1: all n invited in one request; the request's own time, and from its response until the
// n-th PLANLAGT card (distinct personIdent) of the meeting is on the card topic. The rapid is
// read alongside: the job seeker event relay puts each invitation there after the card module
// has stored the card, so the two show which relay sets the pace.
int card_bulk(const fs::path& dir, unsigned short port, const std::string& brokers, const std::string& card_topic,
              const std::string& rapid_topic, std::size_t n, int timeout_s) {
    CardScene scene(dir, port, brokers, card_topic, rapid_topic, "Storsamling med aktivitetskort", n, 13);
    auto& [tokens, token, http, cards, rapid, s] = scene;

    std::vector<std::string> ids;
    for (const auto& [id, fnr] : s.id_fnr) ids.push_back(id);
    auto invite_body = inviter_body(ids);
    const auto invite_start = Steady::now();
    expect(http.call(verb::post, "/api/rekrutteringstreff/" + s.treff + "/jobbsoker/inviter", token, invite_body), 200, "invite");
    const auto response = Steady::now();
    const auto response_wall_ms = wall_ms_now();

    auto seen = cards.wait_for_keys(n, response + std::chrono::seconds(timeout_s));
    auto on_rapid = rapid.wait_for_keys(n, Steady::now() + std::chrono::seconds(10));
    auto after = [&](Steady::time_point t) { return std::chrono::duration<double>(t - response).count(); };
    fmt::print("treff {}\nadded {}\nadd_body_bytes {}\nadd_seconds {:.3f}\ninvite_body_bytes {}\ninvite_seconds {:.3f}\n",
               s.treff, n, s.add_body_bytes, s.add_seconds, invite_body.size(), seconds_since(invite_start, response));
    fmt::print("cards_seen {}\ncard_messages_seen {}\n", seen.keys, seen.count);
    if (seen.count > 0) {
        fmt::print("first_card_after_response_seconds {:.3f}\n", after(seen.first));
        auto t = cards.arrivals();
        for (int pct : {10, 50, 90})
            fmt::print("card_{}pct_after_response_seconds {:.3f}\n", pct, after(t[(t.size() * pct + 99) / 100 - 1]));
    }
    fmt::print("invitations_on_rapid {}\n", on_rapid.keys);
    if (on_rapid.keys == n) fmt::print("all_on_rapid_after_response_seconds {:.3f}\n", after(on_rapid.last));
    if (seen.keys < n) {
        std::cerr << fmt::format("only {} of {} PLANLAGT cards reached the card topic within {} s of the response\n", seen.keys, n,
                                 timeout_s);
        return 1;
    }
    fmt::print("all_cards_after_response_seconds {:.3f}\nnewest_create_time_after_response_seconds {:.3f}\n", after(seen.last),
               static_cast<double>(seen.newest_timestamp_ms - response_wall_ms) / 1000.0);
    return 0;
}

// Part 2: n job seekers invited one request at a time; for each, from sending the request until
// its PLANLAGT card is on the card topic (the next request goes out once the card was seen, so
// every invitation meets an idle pipeline). Besides: the request's own time, the response to
// the card, the send to the card record's CreateTime (inside the service: both relays until the
// card relay handed the record to its producer; ms resolution, wall clock) and from there until
// it arrived here (producer linger, broker acknowledgement, fetch), and the send to the
// invitation on the rapid.
int card_single(const fs::path& dir, unsigned short port, const std::string& brokers, const std::string& card_topic,
                const std::string& rapid_topic, std::size_t n, int timeout_s) {
    CardScene scene(dir, port, brokers, card_topic, rapid_topic, "Jobbtreff med enkeltinvitasjoner", n, 17);
    auto& [tokens, token, http, cards, rapid, s] = scene;
    const auto target = "/api/rekrutteringstreff/" + s.treff + "/jobbsoker/inviter";

    std::vector<double> to_card, http_ms, response_to_card, to_create_time, create_time_to_card, to_rapid;
    std::size_t missing = 0, before_response = 0;
    for (const auto& [id, fnr] : s.id_fnr) {
        auto body = inviter_body({id});
        const auto sent_wall_ms = wall_ms_now();
        const auto sent = Steady::now();
        expect(http.call(verb::post, target, token, body), 200, "invite one");
        const auto response = Steady::now();
        auto card = cards.wait_for_key(fnr, response + std::chrono::seconds(timeout_s));
        http_ms.push_back(ms_between(sent, response));
        if (!card) {
            ++missing;
            std::cerr << fmt::format("no PLANLAGT card for personTreffId {} within {} s\n", id, timeout_s);
            continue;
        }
        to_card.push_back(ms_between(sent, card->arrived));
        response_to_card.push_back(ms_between(response, card->arrived));
        const double create_ms = static_cast<double>(card->create_time_ms - sent_wall_ms);
        to_create_time.push_back(create_ms);
        create_time_to_card.push_back(to_card.back() - create_ms);
        before_response += card->arrived < response;
        if (auto inv = rapid.wait_for_key(fnr, Steady::now() + std::chrono::seconds(10)))
            to_rapid.push_back(ms_between(sent, inv->arrived));
    }
    auto summary = [](const char* name, std::vector<double> v) {
        if (v.empty()) return;
        std::sort(v.begin(), v.end());
        double sum = 0;
        for (double x : v) sum += x;
        fmt::print("{}_mean_ms {:.1f}\n{}_p50_ms {:.1f}\n{}_p90_ms {:.1f}\n{}_p99_ms {:.1f}\n{}_max_ms {:.1f}\n", name,
                   sum / static_cast<double>(v.size()), name, percentile(v, 0.50), name, percentile(v, 0.90), name,
                   percentile(v, 0.99), name, v.back());
    };
    fmt::print("treff {}\ninvitations {}\ncards_seen {}\nmissing {}\ncard_before_response {}\ninvitations_on_rapid {}\n",
               s.treff, n, to_card.size(), missing, before_response, to_rapid.size());
    summary("to_card", to_card);
    summary("http", http_ms);
    summary("response_to_card", response_to_card);
    summary("to_create_time", to_create_time);
    summary("create_time_to_card", create_time_to_card);
    summary("to_rapid", to_rapid);
    return missing == 0 ? 0 : 1;
}

// --- the soak's API load (bench/soak) ----------------------------------------------------

// `rounds_per_s` rounds a second, evenly paced, for `seconds`: each round creates and publishes
// a meeting, adds 20 job seekers, invites 10, 4 of them answer (TokenX), and reads the meeting,
// its list and one search page (14 requests, a counsellor's and the citizens' mix). A citizen
// logs in once: one TokenX token per person for the run, as a browser keeps its token. Prints
// the requests, the unexpected answers and p50/p99/max of all request times.
int soak_load(const fs::path& dir, unsigned short port, double seconds, double rounds_per_s) {
    Tokens tokens(dir);
    auto token = tokens.veileder();
    HttpClient http(port);
    std::mt19937_64 rng(4711);
    std::map<std::string, std::string> borger_tokens;
    std::vector<double> ms;
    long long requests = 0, unexpected = 0, rounds = 0;
    auto call = [&](verb v, const std::string& target, const std::string& tok, const std::string& body, int want) {
        auto start = Steady::now();
        auto r = http.call(v, target, tok, body);
        ms.push_back(seconds_since(start) * 1000.0);
        ++requests;
        if (r.status != want) {
            if (++unexpected <= 5) std::cerr << fmt::format("{} {}: HTTP {}: {}\n", v == verb::get ? "GET" : "POST", target,
                                                            r.status, r.body.substr(0, 200));
            return json::value(nullptr);
        }
        return r.body.empty() ? json::value(nullptr) : json::parse(r.body);
    };
    const auto begin = Steady::now();
    const auto pace = std::chrono::duration<double>(1.0 / rounds_per_s);
    for (auto next = begin; seconds_since(begin) < seconds; ++rounds) {
        std::this_thread::sleep_until(next);
        next += std::chrono::duration_cast<Steady::duration>(pace);
        auto start = Steady::now();
        auto treff = publisert_treff(http, token, fmt::format("Soak {}", rounds));
        requests += 3;
        ms.push_back(seconds_since(start) * 1000.0 / 3);  // the three as their mean
        const auto base = "/api/rekrutteringstreff/" + treff;
        auto added = call(verb::post, base + "/jobbsoker", token, jobbsoker_body(people(20, rng)), 201);
        if (added.is_null()) continue;
        auto ids = ids_of(added);
        if (ids.size() > 10) ids.resize(10);
        call(verb::post, base + "/jobbsoker/inviter", token, inviter_body(ids), 200);
        auto liste = call(verb::get, base + "/jobbsoker", token, "", 200);
        if (liste.is_array()) {
            int answered = 0;
            for (const auto& j : liste.as_array()) {
                if (answered == 4) break;
                if (j.at("status").as_string() != "INVITERT") continue;
                auto fnr = std::string(j.at("fødselsnummer").as_string());
                auto svar = answered++ % 2 == 0 ? "svar-ja" : "svar-nei";
                auto& borger = borger_tokens[fnr];
                if (borger.empty()) borger = tokens.borger(fnr);
                call(verb::post, base + "/jobbsoker/borger/" + svar, borger, "", 200);
            }
        }
        call(verb::get, base, token, "", 200);
        call(verb::post, base + "/jobbsoker/sok", token, R"({"fritekst":"a","side":1,"antallPerSide":25})", 200);
    }
    double max = ms.empty() ? 0 : *std::max_element(ms.begin(), ms.end());
    fmt::print("rounds {}\nrequests {}\nunexpected {}\np50_ms {:.2f}\np99_ms {:.2f}\nmax_ms {:.2f}\nseconds {:.1f}\n", rounds,
               requests, unexpected, percentile(ms, 0.50), percentile(ms, 0.99), max, seconds_since(begin));
    return unexpected == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    const std::vector<std::string> a(argv + 1, argv + argc);
    log::set_level(log::Level::warn);
    auto port = [](const std::string& s) { return static_cast<unsigned short>(std::stoi(s)); };
    auto count = [](const std::string& s) { return static_cast<std::size_t>(std::stoull(s)); };
    try {
        if (a.size() == 2 && a[0] == "keys") return keys(a[1]);
        if (a.size() == 2 && a[0] == "token") {
            fmt::print("{}\n", Tokens(a[1]).veileder());
            return 0;
        }
        if (a.size() == 4 && a[0] == "create-topic") {
            kafka::create_topic(kafka::KafkaSettings{a[1], std::nullopt, "jobbsoker-bench", {}}, a[2], std::stoi(a[3]));
            return 0;
        }
        if (a.size() == 4 && a[0] == "seed-sok") return seed_sok(a[1], port(a[2]), count(a[3]));
        if ((a.size() == 6 || a.size() == 7) && a[0] == "sok")
            return sok(a[1], port(a[2]), a[3], count(a[4]), count(a[5]), a.size() == 7 ? a[6] : "");
        if (a.size() == 5 && a[0] == "soak-load") return soak_load(a[1], port(a[2]), std::stod(a[3]), std::stod(a[4]));
        if (a.size() == 4 && a[0] == "treff-sok") return treff_sok(a[1], port(a[2]), count(a[3]));
        if (a.size() == 4 && a[0] == "seed-meeting") return seed_meeting(a[1], port(a[2]), count(a[3]));
        if (a.size() == 6 && a[0] == "invite-kafka") return invite_kafka(a[1], port(a[2]), a[3], a[4], count(a[5]));
        if (a.size() == 8 && a[0] == "card-bulk")
            return card_bulk(a[1], port(a[2]), a[3], a[4], a[5], count(a[6]), std::stoi(a[7]));
        if (a.size() == 8 && a[0] == "card-single")
            return card_single(a[1], port(a[2]), a[3], a[4], a[5], count(a[6]), std::stoi(a[7]));
    } catch (const std::exception& e) {
        std::cerr << "jobbsoker_bench: " << e.what() << "\n";
        return 1;
    }
    std::cerr << "usage: jobbsoker_bench keys|token <dir>\n"
                 "       jobbsoker_bench create-topic <brokers> <topic> <partitions>\n"
                 "       jobbsoker_bench seed-sok|seed-meeting <dir> <port> <n>\n"
                 "       jobbsoker_bench sok <dir> <port> <treff-id> <n> <requests> [term|fullt-navn]\n"
                 "       jobbsoker_bench soak-load <dir> <port> <seconds> <rounds-per-s>\n"
                 "       jobbsoker_bench invite-kafka <dir> <port> <brokers> <topic> <n>\n"
                 "       jobbsoker_bench card-bulk|card-single <dir> <port> <brokers> <card-topic> <rapid-topic> <n>"
                 " <timeout-s>\n";
    return 2;
}
