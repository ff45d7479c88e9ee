"""What the fuzz tests type into the forms: text from all of Unicode, very long text,
control characters (NUL among them), and HTML, script, template and SQL payloads."""

import os

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# Raise for a deep local run: FUZZ_EXAMPLES=500 .venv/bin/pytest tests/fuzz
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "10"))

fuzz_settings = settings(
    max_examples=EXAMPLES,
    deadline=None,
    # The database is rolled back per example (see helpers.rolled_back), so the
    # function-scoped fixtures (users, centres) are safely shared by the examples.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# A browser cannot post lone surrogates (UTF-8 has no encoding for them): category Cs is
# left out. Everything else of Unicode is in, control and format characters included.
any_unicode = st.text(st.characters(exclude_categories=["Cs"]), max_size=60)

# Words people write in other scripts and directions, with marks and invisible characters.
EMOJI = ["😀", "👩🏽‍🚒", "🇳🇴", "❤️", "🧑‍🤝‍🧑"]
RTL = ["مرحبا", "שָׁלוֹם", "\u202eRTL-override\u202c", "\u200fإلى\u200f"]
COMBINING = ["e\u0301", "a\u0308\u0323", "Z\u0351\u0352\u0353\u0354", "å", "å"]
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\ufeff", "\u2060", "\u00ad"]
CONTROL = ["\x00", "\x01", "\x07", "\x08", "\x1b[31m", "\x7f", "\x85", "\u2028", "\u2029"]
WHITESPACE = [" ", "\t", "\n", "\r\n", "\r", "\u00a0", "\u3000", "\x0b", "\x0c"]
NORWEGIAN = ["Æøå ÆØÅ", "nærmiljøsenter", "Frivilligsentral «Klyve»", "5 000 kr – 10 %"]

# Payloads whose raw form must never reach the page unescaped.
HTML_PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "</textarea><script>alert(2)</script>",
    '<a href="javascript:alert(3)">x</a>',
    "<!--",
    "<![CDATA[x]]>",
    "<iframe srcdoc='<script>alert(4)</script>'>",
]
# Payloads that must be stored and shown as the plain text they are.
TEXT_PAYLOADS = [
    "{{ request.user.password }}",
    "{% debug %}",
    "{# comment #}",
    "${7*7}",
    "'; DROP TABLE accounts_user; --",
    "' OR '1'='1",
    "%(name)s %s %d {0}",
    "\\x00\\n",
    "&amp; &lt;b&gt;",
    "../../etc/passwd",
    '=HYPERLINK("http://x")',
]
PAYLOADS = HTML_PAYLOADS + TEXT_PAYLOADS

pieces = st.one_of(
    any_unicode,
    st.sampled_from(EMOJI + RTL + COMBINING + ZERO_WIDTH + CONTROL + WHITESPACE + NORWEGIAN),
    st.sampled_from(PAYLOADS),
)
# A short text put together from the pieces above.
mixed_text = st.lists(pieces, min_size=1, max_size=4).map("".join)
# Very long text: a piece repeated to thousands of characters.
long_text = st.builds(
    lambda piece, size: (piece * (size // max(len(piece), 1) + 1))[:size],
    st.sampled_from(["a", "ø", "😀", "<script>alert(1)</script>", "Lorem ipsum dolor sit amet. "]),
    st.sampled_from([201, 301, 1001, 2001, 10_000, 100_000]),
)
# What a fuzzed text field receives.
fuzz_text = st.one_of(mixed_text, mixed_text, mixed_text, long_text)

# Malformed values for fields that are not free text.
bad_numbers = st.one_of(
    st.sampled_from(["-1", "0", "1e309", "NaN", "inf", "99999999999999999999", "1,5", "0x10", ""]),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    any_unicode,
)
bad_dates = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.sampled_from(
        ["0000-00-00", "2026-02-30", "10000-01-01", "31.12.9999", "01.01.0001", "i går", ""]
    ),
    any_unicode,
)
bad_choices = st.one_of(
    st.sampled_from(["", "0", "-1", "999999999", "1 OR 1=1", "<script>", "\x00"]),
    any_unicode,
)
