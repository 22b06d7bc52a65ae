// The Kafka broker stopped for 20 s while visibility events are produced and job seekers are
// invited (issue 13, item 2): afterwards every event is applied, and every invitation on the
// rapid and every card on the card topic is there once per hendelseId/messageId (a duplicate
// only as at-least-once allows: the same id with the same content, so the reader drops it).
#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <atomic>
#include <future>
#include <map>
#include <set>
#include <thread>

#include "infra/kafka/producer.hpp"
#include "outage/outage_service.hpp"
#include "outage/private_servers.hpp"
#include "support/fnr.hpp"
#include "support/kafka_test_support.hpp"
#include "support/synlighet_strom.hpp"
#include "support/test_db.hpp"
#include "support/test_env.hpp"

using namespace rt;
using namespace std::chrono_literals;
using Steady = std::chrono::steady_clock;

namespace {

constexpr int kInvited = 150;      // on meeting A, invited five a second
constexpr int kVisibility = 100;   // on meeting B, a visibility event each a second
constexpr int kRounds = 36;
constexpr int kInvitePerRound = 5;

// The verdict of round r for person k: each person's changes now and then, so the last one counts.
bool synlig(int round, int k) { return (round + k) % 3 != 0; }

std::string field(const boost::json::value& v, const char* name) {
    const auto* o = v.if_object();
    const auto* f = o ? o->if_contains(name) : nullptr;
    return f && f->is_string() ? std::string(f->as_string()) : "";
}

}  // namespace

TEST_CASE("Kafka stopped for 20 s during visibility events and invitations: all applied, each message once per id") {
    test::PrivatePostgres pg;
    test::PrivateKafka kafka;
    test::TestDatabase db;
    const auto rapid = test::fresh_topic("outage_rapid");
    const auto kort = test::fresh_topic("outage_kort");
    const auto kort_feil = test::fresh_topic("outage_kort_feil");
    test::OutageService svc(db.url(), {{"KAFKA_BROKERS", kafka.brokers()},
                                       {"KAFKA_RAPID_TOPIC", rapid},
                                       {"KAFKA_CONSUMER_GROUP_ID", test::unique_name("outage")},
                                       {"KAFKA_RESET_POLICY", "earliest"},
                                       {"AKTIVITETSKORT_TOPIC", kort},
                                       {"AKTIVITETSKORT_FEIL_TOPIC", kort_feil},
                                       {"HENDELSE_RELAY_INTERVALL_SEKUNDER", "1"},
                                       {"AKTIVITETSKORT_RELAY_INTERVALL_SEKUNDER", "1"}});
    const auto fnrs = test::test_fnrs(kInvited + kVisibility, 85);
    const auto meeting_a = svc.published_meeting("Treff med invitasjoner");
    const auto meeting_b = svc.published_meeting("Treff med synlighet");
    const auto invitees = svc.add_job_seekers(meeting_a, {fnrs.begin(), fnrs.begin() + kInvited});
    const std::vector<std::string> watched(fnrs.begin() + kInvited, fnrs.end());
    svc.add_job_seekers(meeting_b, watched);

    // Each round's events in a send of their own, so that rounds keep being produced while the
    // broker is away (the producer holds them until it is back, up to its delivery timeout).
    kafka::Producer producer(test::kafka_settings(), std::chrono::seconds(150));
    const auto t0 = SystemClock().now() - std::chrono::minutes(30);
    std::vector<std::future<bool>> sends;
    std::atomic<int> invite_failures{0};
    std::vector<std::string> invite_statuses;
    const auto begin = Steady::now();
    Steady::time_point stop_begin, back;
    std::string broker_failure;
    std::thread broker([&] {
        try {
            std::this_thread::sleep_until(begin + 5s);
            stop_begin = Steady::now();
            kafka.stop();
            std::this_thread::sleep_until(stop_begin + test::outage_length());
            kafka.start();
        } catch (const std::exception& e) {
            broker_failure = e.what();
        }
        back = Steady::now();
    });
    for (int r = 0; r < kRounds; ++r) {
        std::this_thread::sleep_until(begin + std::chrono::seconds(r));
        std::vector<kafka::OutRecord> records;
        for (int k = 0; k < kVisibility; ++k)
            records.push_back({rapid, watched[k], test::synlighet_strom::event(watched[k], t0 + std::chrono::seconds(r), synlig(r, k)), {}});
        sends.push_back(std::async(std::launch::async, [&producer, records] {
            try {
                producer.send(records);
                return true;
            } catch (const std::exception&) {
                return false;
            }
        }));
        if (r * kInvitePerRound < kInvited) {
            boost::json::array ids;
            for (int i = r * kInvitePerRound; i < (r + 1) * kInvitePerRound; ++i) ids.emplace_back(invitees[i]);
            int status = 0;
            try {
                status = svc.call("POST", "/api/rekrutteringstreff/" + meeting_a + "/jobbsoker/inviter",
                                  boost::json::serialize(boost::json::object{{"personTreffIder", ids}}))
                             .status;
            } catch (const std::exception&) {
            }
            invite_statuses.push_back(std::to_string(status));
            if (status != 200) ++invite_failures;
        }
    }
    broker.join();
    INFO(broker_failure);
    REQUIRE(broker_failure.empty());
    int acknowledged_rounds = 0;
    for (auto& s : sends) acknowledged_rounds += s.get();
    const auto produced_at = Steady::now();

    // Then wait for everything to come through: the visibility of meeting B's job seekers is the
    // last round's, every card version is sent, every invitation relayed.
    std::map<std::string, bool> expected;
    for (int k = 0; k < kVisibility; ++k) expected[watched[k]] = synlig(kRounds - 1, k);
    auto applied = [&] {
        auto c = db.connect();
        auto r = c.query("SELECT fodselsnummer, er_synlig FROM jobbsoker WHERE rekrutteringstreff_id = $1::uuid", meeting_b);
        int n = 0;
        for (int i = 0; i < r.rows(); ++i) n += expected.at(r.str(i, 0)) == r.boolean(i, 1);
        return n;
    };
    auto unsent = [&] {
        return db.count("SELECT count(*) FROM aktivitetskort_versjon WHERE sendt_tidspunkt IS NULL") +
               db.count("SELECT count(*) FROM hendelse_utboks");
    };
    const auto wait_from = Steady::now();
    while (Steady::now() - wait_from < 90s &&
           !(applied() == kVisibility && unsent() == 0 && db.count("SELECT count(*) FROM aktivitetskort") == kInvited))
        std::this_thread::sleep_for(500ms);
    const double settled_after = test::seconds_since(back);

    // What is on the topics, from their beginnings.
    std::map<std::string, std::vector<std::string>> invitations;  // hendelseId -> the fnr of each copy
    std::size_t invitation_records = 0;
    for (const auto& rec : test::read_to_end(rapid, 30s)) {
        auto v = boost::json::parse(rec.value);
        if (field(v, "@event_name") != "rekrutteringstreffinvitasjon") continue;
        ++invitation_records;
        invitations[field(v, "hendelseId")].push_back(field(v, "fnr"));
    }
    std::map<std::string, std::vector<std::string>> cards;  // messageId -> each copy's value
    std::set<std::string> card_ids;
    std::size_t card_records = 0;
    for (const auto& rec : test::read_to_end(kort, 30s)) {
        ++card_records;
        auto v = boost::json::parse(rec.value);
        cards[field(v, "messageId")].push_back(rec.value);
        card_ids.insert(rec.key.value_or(""));
    }
    const auto versions = db.count("SELECT count(*) FROM aktivitetskort_versjon");
    std::set<std::string> invited_fnrs;
    for (auto& [id, copies] : invitations) invited_fnrs.insert(copies.begin(), copies.end());

    fmt::print("Kafka outage: broker down {:.1f} s (stop began {:.1f} s into the run, start took until {:.1f} s)\n",
               std::chrono::duration<double>(back - stop_begin).count(), std::chrono::duration<double>(stop_begin - begin).count(),
               std::chrono::duration<double>(back - begin).count());
    fmt::print("  visibility events produced {} ({} of {} rounds acknowledged), job seekers with the last verdict {} of {}\n",
               kRounds * kVisibility, acknowledged_rounds, kRounds, applied(), kVisibility);
    fmt::print("  invitations: {} requests, failed {}; on the rapid {} records, {} distinct hendelseId, {} persons "
               "(duplicates {})\n",
               invite_statuses.size(), invite_failures.load(), invitation_records, invitations.size(), invited_fnrs.size(),
               invitation_records - invitations.size());
    fmt::print("  cards: {} versions in the database, on the topic {} records, {} distinct messageId, {} cards (duplicates {})\n",
               versions, card_records, cards.size(), card_ids.size(), card_records - cards.size());
    fmt::print("  settled {:.1f} s after the broker was back (all produced {:.1f} s after it was back)\n", settled_after,
               std::chrono::duration<double>(produced_at - back).count());

    // Every visibility event reached the broker and was applied: each job seeker has the last verdict.
    REQUIRE(acknowledged_rounds == kRounds);
    REQUIRE(applied() == kVisibility);
    // Invitations are the database's business: the broker's absence does not refuse them.
    REQUIRE(invite_failures == 0);
    // One invitation per invited person, one hendelseId each; a duplicate is the same person's.
    REQUIRE(invitations.size() == static_cast<std::size_t>(kInvited));
    REQUIRE(invited_fnrs.size() == static_cast<std::size_t>(kInvited));
    for (auto& [id, copies] : invitations) {
        REQUIRE(!id.empty());
        REQUIRE(std::set<std::string>(copies.begin(), copies.end()).size() == 1);
    }
    REQUIRE(db.count("SELECT count(*) FROM hendelse_utboks") == 0);
    // One card per invited person, every version sent, each messageId on the topic; a duplicate
    // is a byte-identical resend, which the activity plan drops by messageId.
    REQUIRE(card_ids.size() == static_cast<std::size_t>(kInvited));
    REQUIRE(versions == kInvited);
    REQUIRE(cards.size() == static_cast<std::size_t>(versions));
    REQUIRE(db.count("SELECT count(*) FROM aktivitetskort_versjon WHERE sendt_tidspunkt IS NULL") == 0);
    for (auto& [id, copies] : cards) {
        REQUIRE(!id.empty());
        REQUIRE(std::set<std::string>(copies.begin(), copies.end()).size() == 1);
    }
    // An outage is no reason to give a message up.
    REQUIRE(db.count("SELECT count(*) FROM dead_letter") == 0);
}
