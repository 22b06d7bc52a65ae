// The posts' HTML check (../shared/spec/arbeidsgiver.md, "Posts"): what a browser would run is
// refused, whatever the letter case, entities, whitespace or broken markup hide it with; harmless
// HTML passes untouched (the check only judges; the service stores the text as sent).
#include <catch2/catch.hpp>

#include "modules/treff/html_sjekk.hpp"

using rt::treff::farlig_html;

TEST_CASE("html check: script, iframe, object, embed, style and form elements are refused in any case") {
    for (const char* html : {"<script>alert(1)</script>", "<ScRiPt>alert(1)</ScRiPt>", "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
                             "<p>hei</p><iframe src=\"https://example.com\"></iframe>", "<IFRAME>", "<object data=x></object>",
                             "<embed src=x.swf>", "<style>body{background:url(x)}</style>", "<StYlE>p{}</StYlE>",
                             "<form action=https://evil.example><input name=p></form>", "<svg><script>alert(1)</script></svg>",
                             "<math><style>x</style></math>", "<div><div><span><script>1</script></span></div></div>",
                             "<template><script>alert(1)</script></template>", "<<script>alert(1)//<</script>", "<script/src=//x>",
                             "<table><form></form></table>"}) {
        INFO(html);
        CHECK(farlig_html(html).has_value());
    }
}

TEST_CASE("html check: every on-attribute is refused, also on SVG and in odd case or quoting") {
    for (const char* html : {"<img src=x onerror=alert(1)>", "<svg onload=alert(1)>", "<SVG ONLOAD=alert(1)>",
                             "<body onload=\"alert(1)\">", "<a href=\"#\" OnClIcK='alert(1)'>x</a>",
                             "<div onmouseover=\"alert('a &quot;b&quot;')\">x</div>", "<img src=x\nonerror=alert(1)>",
                             "<img/src=\"x\"/onerror=alert(1)>", "<p title=\"a\" onfocus=x autofocus>",
                             "<img src=\"x\" onerror=\"alert(1)",  // left open at the end
                             "<img src=x onerror=alert(1)"}) {
        INFO(html);
        CHECK(farlig_html(html).has_value());
    }
}

TEST_CASE("html check: javascript, vbscript and data URLs in href and src are refused after entities and whitespace") {
    for (const char* html : {"<a href=\"javascript:alert(1)\">x</a>", "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
                             "<a href=\"&#106;avascript:alert(1)\">x</a>", "<a href=\"&#x6A;&#x61;vascript:alert(1)\">x</a>",
                             "<a href=\"java&#x09;script:alert(1)\">x</a>", "<a href=\"java&#9;script:alert(1)\">x</a>",
                             "<a href=\"java\tscript:alert(1)\">x</a>", "<a href=\"  javascript:alert(1)\">x</a>",
                             "<a href=\"&#x20;&#x0A;javascript:alert(1)\">x</a>", "<a href=\"jav&#x0D;ascript:alert(1)\">x</a>",
                             "<a href=\"javascript&colon;alert(1)\">x</a>", "<a href=&#0000106avascript:alert(1)>x</a>",
                             "<a href='vbscript:msgbox(1)'>x</a>", "<a href=\"VBScript:x\">x</a>",
                             "<img src=\"data:image/svg+xml;base64,PHN2Zz4=\">", "<img src=\"DATA:text/html,x\">",
                             "<a href=\"d&#97;ta:text/html,<script>alert(1)</script>\">x</a>",
                             "<svg><a href=\"javascript:alert(1)\"><text>x</text></a></svg>",
                             "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>", "<A HREF=javascript:alert(1)>x</A>"}) {
        INFO(html);
        CHECK(farlig_html(html).has_value());
    }
}

// What filters over the text would refuse but a browser does not run: the tokenizer's reading wins.
TEST_CASE("html check: markup a browser reads as harmless passes, though it looks like an attack to a text filter") {
    for (const char* html : {"<scr<script>ipt>alert(1)</script>",  // a tag named "scr<script", then text
                             "<img/src=x/onerror=alert(1)>",        // one unquoted src value: x/onerror=alert(1)
                             "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>", "<textarea><script>alert(1)</script></textarea>",
                             "<title><img src=x onerror=alert(1)></title>"}) {
        INFO(html);
        CHECK_FALSE(farlig_html(html).has_value());
    }
}

TEST_CASE("html check: harmless HTML passes") {
    for (const char* html : {"", "Bare tekst", "<p>Velkommen til <strong>jobbtreff</strong>!</p>",
                             "<h2>Program</h2><ul><li>09:00 Kaffe</li><li>10:00 Bedriftene presenterer seg</li></ul>",
                             "<p><a href=\"https://www.nav.no/jobbtreff\" target=\"_blank\" rel=\"noopener\">Les mer</a></p>",
                             "<img src=\"https://example.com/bilde.png\" alt=\"Bilde av &quot;lokalet&quot;\">",
                             "<p>Skriv &lt;script&gt; om du vil: det er bare tekst</p>", "<!-- <script>alert(1)</script> -->",
                             "<p title=\"javascript: er et ord her\">x</p>", "<a href=\"mailto:post@nav.no\">post@nav.no</a>",
                             "<a href=\"/relativ/javascript:ikke-farlig\">x</a>", "<p class=\"onsdag\" data-on=\"x\">onsdag</p>",
                             "<p>æøå ÆØÅ 😀 &amp; &nbsp;</p>", "<p>uavsluttet <b>fet"}) {
        INFO(html);
        CHECK_FALSE(farlig_html(html).has_value());
    }
}
