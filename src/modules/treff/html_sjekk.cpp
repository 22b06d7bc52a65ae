#include "modules/treff/html_sjekk.hpp"

#include <gumbo.h>

#include <algorithm>
#include <array>
#include <memory>

namespace rt::treff {
namespace {

constexpr std::array<std::string_view, 6> kFarligeElementer = {"script", "iframe", "object", "embed", "style", "form"};
constexpr std::array<std::string_view, 3> kFarligeSkjema = {"javascript:", "vbscript:", "data:"};

std::string smaa(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// The element's name as the tree builder saw it, lower case (also for tags gumbo does not know,
// and for SVG/MathML elements that share an HTML name).
std::string elementnavn(const GumboElement& e) {
    if (e.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(e.tag);
    GumboStringPiece original = e.original_tag;
    gumbo_tag_from_original_text(&original);
    return smaa(std::string_view(original.data, original.length));
}

// What the URL parser ignores: leading and trailing C0 controls and spaces, and tabs and newlines
// anywhere. Every control character and space is dropped, which covers both and is stricter.
bool farlig_url(std::string_view verdi) {
    std::string ren;
    for (unsigned char c : verdi)
        if (c > 0x20 && c != 0x7F) ren += static_cast<char>(std::tolower(c));
    return std::any_of(kFarligeSkjema.begin(), kFarligeSkjema.end(), [&](std::string_view s) { return ren.starts_with(s); });
}

std::optional<std::string> sjekk_node(const GumboNode* node) {
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE) return std::nullopt;
    const auto& e = node->v.element;
    auto navn = elementnavn(e);
    if (std::find(kFarligeElementer.begin(), kFarligeElementer.end(), navn) != kFarligeElementer.end())
        return "elementet <" + navn + "> er ikke tillatt";
    for (unsigned i = 0; i < e.attributes.length; ++i) {
        const auto* a = static_cast<const GumboAttribute*>(e.attributes.data[i]);
        auto attributt = smaa(a->name);
        if (attributt.starts_with("on")) return "attributtet " + attributt + " er ikke tillatt";
        if ((attributt == "href" || attributt == "src") && farlig_url(a->value))
            return "en javascript:-, vbscript:- eller data:-adresse i " + attributt + " er ikke tillatt";
    }
    for (unsigned i = 0; i < e.children.length; ++i)
        if (auto feil = sjekk_node(static_cast<const GumboNode*>(e.children.data[i]))) return feil;
    return std::nullopt;
}

std::optional<std::string> sjekk(const std::string& html) {
    std::unique_ptr<GumboOutput, void (*)(GumboOutput*)> output(
        gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size()),
        [](GumboOutput* o) { gumbo_destroy_output(&kGumboDefaultOptions, o); });
    return sjekk_node(output->root);
}

}  // namespace

std::optional<std::string> farlig_html(std::string_view html) {
    // The text also as the frontend might continue it: a tag left open at the end is dropped by
    // the tokenizer here, but would become an element once something with a '>' follows it.
    std::string tekst(html);
    for (const char* slutt : {"", ">", "\">", "'>"})
        if (auto feil = sjekk(tekst + slutt)) return feil;
    return std::nullopt;
}

}  // namespace rt::treff
