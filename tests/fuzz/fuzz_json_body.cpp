// The HTTP JSON body readers of every module: the bytes are the body of a request, given to each
// reader as its handler would. A body can only be read or refused with a 400 Problem; any other
// exception (a 500 in the service), a crash or a sanitizer finding is a bug. What a reader
// accepts must keep the rules it promises (text without NUL, valid fødselsnummer, ...).
#include <cstdint>
#include <string>

#include "core/errors.hpp"
#include "fuzz/fuzz_check.hpp"
#include "infra/http/json_body.hpp"
#include "modules/arbeidsgiver/les.hpp"
#include "modules/jobbsoker/fodselsnummer.hpp"
#include "modules/jobbsoker/les.hpp"
#include "modules/treff/les.hpp"

using rt::fuzz::require;

namespace {

template <class Read>
void refused_or_read(Read&& read) {
    try {
        read();
    } catch (const rt::Problem& p) {
        require(p.status == 400, "a body is refused with 400");
    }
}

bool uten_nul(const std::string& s) { return s.find('\0') == std::string::npos; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    rt::http::Request r;
    r.method = "POST";
    r.body.assign(reinterpret_cast<const char*>(data), size);

    // Meetings (modules/treff).
    refused_or_read([&] {
        auto body = rt::http::parse_object_body(r);
        auto tittel = rt::treff::tittelfelt(body);
        (void)rt::treff::les_kategori(body);
        require(!tittel || (!tittel->empty() && uten_nul(*tittel)), "a title is non-empty text");
    });
    refused_or_read([&] {
        auto f = rt::treff::les_felter(r);
        require(!f.tittel.empty() && uten_nul(f.tittel), "a title is non-empty text");
        require(!f.fra_tid || !f.til_tid || *f.fra_tid < *f.til_tid, "fraTid is before tilTid");
    });
    refused_or_read([&] { (void)rt::treff::les_endrede_felter(r); });
    refused_or_read([&] {
        auto i = rt::treff::les_innlegg(r);
        require(uten_nul(i.html_content) && uten_nul(i.tittel), "a post's text holds no NUL");
    });

    // Job seekers (modules/jobbsoker).
    refused_or_read([&] {
        for (const auto& j : rt::jobbsoker::les_nye(r)) {
            require(rt::jobbsoker::gyldig_fodselsnummer(j.fodselsnummer), "every job seeker read has a valid fødselsnummer");
        }
    });
    refused_or_read([&] {
        auto s = rt::jobbsoker::les_sok(r);
        require(s.side >= 1 && s.antall_per_side >= 1 && s.antall_per_side <= 100, "paging is within its bounds");
    });
    refused_or_read([&] {
        for (const auto& id : rt::jobbsoker::les_person_treff_ider(r)) require(id.size() == 36, "ids are canonical UUIDs");
    });
    refused_or_read([&] { (void)rt::jobbsoker::les_svar(r); });

    // Employers (modules/arbeidsgiver): the three bodies that hold an employer or its needs.
    refused_or_read([&] { (void)rt::arbeidsgiver::les_arbeidsgiver(rt::http::parse_object_body(r)); });
    refused_or_read([&] {
        auto body = rt::http::parse_object_body(r);
        (void)rt::arbeidsgiver::les_arbeidsgiver(body);
        if (const auto* behov = body.if_contains("behov"); behov && !behov->is_null())
            (void)rt::arbeidsgiver::les_behov(*behov, "behov");
    });
    refused_or_read([&] { (void)rt::arbeidsgiver::les_behov(rt::http::parse_body(r), "body"); });
    return 0;
}
