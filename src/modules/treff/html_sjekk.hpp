#pragma once
// What a browser would run from a post's HTML (../shared/spec/arbeidsgiver.md, "Posts"), judged
// by the HTML5 tokenizer and tree builder of libgumbo, as a browser parses it: entities are
// decoded before attribute values are checked, tag and attribute names are case-folded.
#include <optional>
#include <string>
#include <string_view>

namespace rt::treff {

// Why the HTML is refused (a `script`, `iframe`, `object`, `embed`, `style` or `form` element; an
// `on…` attribute; a `javascript:`, `vbscript:` or `data:` URL in `href` or `src`), or nothing.
std::optional<std::string> farlig_html(std::string_view html);

}  // namespace rt::treff
