#include "support/component.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "contract/aktivitetskort_kontrakt.hpp"
#include "core/time.hpp"
#include "infra/log.hpp"
#include "support/fnr.hpp"
#include "support/kafka_test_support.hpp"
#include "support/test_env.hpp"

namespace rt::test {
namespace {
Instant now_rounded() {
    return std::chrono::time_point_cast<std::chrono::microseconds>(
        std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()));
}
}  // namespace

std::string path(const std::string& treff_id, const std::string& rest) { return "/api/rekrutteringstreff/" + treff_id + rest; }

std::string ider(const std::vector<std::string>& person_treff_ider) {
    boost::json::array a;
    for (const auto& i : person_treff_ider) a.emplace_back(i);
    return boost::json::serialize(boost::json::object{{"personTreffIder", a}});
}

Component::Component(ComponentOptions options)
    : clock(std::make_shared<FixedClock>(now_rounded())),
      azure("https://login.test/azure", "rekrutteringstreff-api", *clock, "azure-1"),
      tokenx("https://tokenx.test", "rekrutteringstreff-api-tokenx", *clock, "tokenx-1"),
      audit_(std::make_shared<std::vector<std::string>>()) {
    Config c;
    c.http_port = 0;
    c.http_threads = 4;
    c.database_url = db.url();
    c.db_pool_size = 12;
    c.azure = azure.issuer();
    c.tokenx = tokenx.issuer();
    c.group_arbeidsgiverrettet = kGruppeArbeidsgiver;
    c.group_jobbsokerrettet = kGruppeJobbsoker;
    c.group_utvikler = kGruppeUtvikler;
    c.instance_id = "test-instans";
    if (options.kafka) {
        c.kafka_brokers = kafka_brokers();
        c.kafka_rapid_topic = options.rapid_topic;
        c.kafka_consumer_group_id = unique_name("rekrutteringstreff");
        c.kafka_reset_policy = "earliest";
        // Card topics of its own, so that the contract check after the test reads only its cards.
        c.aktivitetskort_topic = unique_name("aktivitetskort");
        c.aktivitetskort_feil_topic = unique_name("aktivitetskort_feil");
    }
    if (options.configure) options.configure(c);
    auto audit = audit_;
    auto* mutex = &audit_mutex_;
    log::set_audit_sink([audit, mutex](std::string_view line) {
        std::lock_guard lock(*mutex);
        audit->emplace_back(line);
    });
    service = std::make_unique<Service>(c, clock);
    if (options.before_start) options.before_start(*service);
    service->start();
}

Component::~Component() {
    service->stop();
    log::set_audit_sink(nullptr);
    // Not after a failure: the test has already said what went wrong.
    if (std::uncaught_exceptions() == 0) kontroller_kort();
}

void Component::kontroller_kort() const {
    // Every card message this test put on the card topic, and every version still waiting to be
    // sent, against the activity plan's contract (tests/contract).
    if (service->config().kafka_brokers) kontrakt::krev_gyldige_kort(read_to_end(service->config().aktivitetskort_topic));
    auto r = db.connect().exec(
        "SELECT aktivitetskort_id, melding, message_id FROM aktivitetskort_versjon WHERE sendt_tidspunkt IS NULL ORDER BY versjon");
    for (int i = 0; i < r.rows(); ++i) kontrakt::krev_gyldig_lagret_kort(r.str(i, 0), r.str(i, 1), r.str(i, 2));
}

std::string Component::veileder(const std::string& ident, std::vector<std::string> grupper) const {
    return azure.counsellor(ident, std::move(grupper));
}
std::string Component::arbeidsgiverrettet(const std::string& ident) const { return veileder(ident, {kGruppeArbeidsgiver}); }
std::string Component::jobbsokerrettet(const std::string& ident) const { return veileder(ident, {kGruppeJobbsoker}); }
std::string Component::utvikler(const std::string& ident) const { return veileder(ident, {kGruppeUtvikler}); }
std::string Component::borger(const std::string& fnr) const { return tokenx.citizen(fnr); }

http::ClientResponse Component::call(const std::string& method, const std::string& path, const std::string& token,
                                     const std::string& body) const {
    std::map<std::string, std::string> headers;
    if (!token.empty()) headers["Authorization"] = "Bearer " + token;
    return http::fetch(method, fmt::format("http://127.0.0.1:{}{}", service->http_port(), path), body, headers,
                       std::chrono::seconds(30));
}

boost::json::value Component::json(const std::string& method, const std::string& path, const std::string& token,
                                   const std::string& body, int expected_status) const {
    auto r = call(method, path, token, body);
    INFO(method << " " << path << " -> " << r.status << " " << r.body);
    REQUIRE(r.status == expected_status);
    if (r.body.empty()) return nullptr;
    return boost::json::parse(r.body);
}

std::string Component::felter(const std::string& tittel, int dager) const {
    auto fra = clock->now() + std::chrono::hours(24 * dager);
    return boost::json::serialize(boost::json::object{{"tittel", tittel},
                                                      {"beskrivelse", "Vi treffes og snakker om jobb"},
                                                      {"fraTid", tid::format_oslo(fra)},
                                                      {"tilTid", tid::format_oslo(fra + std::chrono::hours(2))},
                                                      {"svarfrist", tid::format_oslo(fra - std::chrono::hours(24 * 3))},
                                                      {"gateadresse", "Eksempelgate 1"},
                                                      {"postnummer", "0123"},
                                                      {"poststed", "Oslo"}});
}

std::string Component::publisert_treff(const std::string& eier_token, const std::string& tittel) const {
    auto id = std::string(json("POST", "/api/rekrutteringstreff", eier_token, "{}", 201).at("id").as_string());
    json("PUT", "/api/rekrutteringstreff/" + id, eier_token, felter(tittel));
    json("POST", "/api/rekrutteringstreff/" + id + "/publiser", eier_token);
    return id;
}

std::vector<std::string> Component::legg_til(const std::string& treff_id, int first, int n, const std::string& token) const {
    boost::json::array body;
    for (int i = first; i < first + n; ++i)
        body.push_back({{"fødselsnummer", test_fnr(i)}, {"fornavn", fmt::format("Fornavn{}", i)}, {"etternavn", fmt::format("Etternavn{}", i)}});
    auto r = json("POST", "/api/rekrutteringstreff/" + treff_id + "/jobbsoker", token, boost::json::serialize(body), 201);
    std::vector<std::string> ids;
    for (const auto& id : r.at("personTreffIder").as_array()) ids.emplace_back(id.as_string());
    return ids;
}

std::string Component::snapshot() const {
    return db.scalar(R"(SELECT md5(
        coalesce((SELECT string_agg(t::text, '|' ORDER BY t.id) FROM rekrutteringstreff t), '') || '#' ||
        coalesce((SELECT string_agg(h::text, '|' ORDER BY h.rekkefolge) FROM rekrutteringstreff_hendelse h), '') || '#' ||
        coalesce((SELECT string_agg(j::text, '|' ORDER BY j.id) FROM jobbsoker j), '') || '#' ||
        coalesce((SELECT string_agg(h::text, '|' ORDER BY h.rekkefolge) FROM jobbsoker_hendelse h), '') || '#' ||
        coalesce((SELECT string_agg(i::text, '|' ORDER BY i.id) FROM innlegg i), '')))");
}

std::vector<std::string> Component::audit_lines() const {
    std::lock_guard lock(audit_mutex_);
    return *audit_;
}

}  // namespace rt::test
