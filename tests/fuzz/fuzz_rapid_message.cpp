// A record's value from the rapid, as the dispatcher reads it: Message::parse, then the rules
// of the service's busiest real rivers (synlighet's event stream and need answers), and for a
// message that passes them the module's reading into a verdict. A value can only be
// read, skipped, or refused with PermanentError (a dead letter): any other exception would stop
// the consumer's batch, and a crash or sanitizer finding is a bug. The handlers that write to the
// database are never called (the pool below never connects).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/errors.hpp"
#include "fuzz/fuzz_check.hpp"
#include "infra/pg/pool.hpp"
#include "infra/rapid/message.hpp"
#include "infra/rapid/river.hpp"
#include "modules/jobbsoker/synlighet_lager.hpp"
#include "modules/synlighet/rivers.hpp"
#include "modules/synlighet/vurdering.hpp"

using rt::fuzz::require;

namespace {

// The fixed time the seeds' @opprettet are read against.
const rt::Instant kNow{std::chrono::seconds(1748779200)};  // 2025-06-01T12:00:00Z

struct Rivers {
    rt::FixedClock clock{kNow};
    rt::pg::Pool pool{"postgresql://fuzz.invalid/none", 1};
    rt::jobbsoker::SynlighetLager lager{pool};
    rt::rapid::River hendelse = rt::synlighet::hendelse_river(lager, clock, std::chrono::seconds(60));
    rt::rapid::River behovssvar = rt::synlighet::behovssvar_river(lager, clock, std::chrono::seconds(60));
};

Rivers& rivers() {
    static Rivers r;
    return r;
}

// The river's verdict: skipped (a precondition fails), refused (a validation fails) or taken.
enum class Verdict { skipped, refused, taken };

Verdict judge(const rt::rapid::River& river, const rt::rapid::Message& m) {
    for (const auto& rule : river.preconditions)
        if (rule.check(m, kNow)) return Verdict::skipped;
    for (const auto& rule : river.validations) {
        if (auto reason = rule.check(m, kNow)) {
            require(!reason->empty(), "a refusal says why");
            return Verdict::refused;
        }
    }
    return Verdict::taken;
}

// Equal, except that doubles may differ in the last place: Boost 1.81's parser does not round
// every number correctly (no precise mode before 1.83), so a double that is written out and read
// back can move by one unit (found by this target with a 21-digit integer).
bool same(const boost::json::value& a, const boost::json::value& b) {
    if (a.is_double() || b.is_double()) {
        if (!a.is_number() || !b.is_number()) return false;
        double x = a.to_number<double>(), y = b.to_number<double>();
        return x == y || std::fabs(x - y) <= 1e-15 * std::max(std::fabs(x), std::fabs(y));
    }
    if (a.kind() != b.kind()) return false;
    if (a.is_object()) {
        const auto &oa = a.get_object(), &ob = b.get_object();
        if (oa.size() != ob.size()) return false;
        for (const auto& [k, v] : oa) {
            const auto* w = ob.if_contains(k);
            if (!w || !same(v, *w)) return false;
        }
        return true;
    }
    if (a.is_array()) {
        const auto &xa = a.get_array(), &xb = b.get_array();
        if (xa.size() != xb.size()) return false;
        for (std::size_t i = 0; i < xa.size(); ++i)
            if (!same(xa[i], xb[i])) return false;
        return true;
    }
    return a == b;
}

template <class Read>
void read_or_dead_letter(Read&& read) {
    try {
        read();
    } catch (const rt::PermanentError&) {
        // A dead letter with the reason: what the river promises for an unusable message.
    }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    rivers();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    rt::rapid::Message m;
    try {
        m = rt::rapid::Message::parse(text);
    } catch (const rt::PermanentError&) {
        return 0;  // not a JSON object: a dead letter
    }
    auto& r = rivers();
    (void)m.event_name();
    (void)m.id();
    (void)m.opprettet();

    if (judge(r.hendelse, m) == Verdict::taken) read_or_dead_letter([&] { (void)rt::synlighet::fra_hendelse(m); });
    if (judge(r.behovssvar, m) == Verdict::taken) read_or_dead_letter([&] { (void)rt::synlighet::fra_behovssvar(m); });

    // A handler keeps or republishes a copy: it carries our participating-services entry and
    // serializes to an object that reads back.
    rt::rapid::Deltaker deltaker{"fuzz-1"};
    rt::rapid::Lesning lesning{"2025-06-01T14:00:00.000000", &deltaker};
    m.merk_lest(lesning);
    rt::rapid::Message copy = m;
    auto again = rt::rapid::Message::parse(copy.serialize());
    require(same(again.json(), copy.json()), "a message's copy serializes and reads back the same");
    return 0;
}
