"""Hypothesis strategies for the values canonical JSON allows (architecture, section 4)."""

import unicodedata

from hypothesis import strategies as st

from commoning.core.canonical import MAX_SAFE_INTEGER

KEY_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789_"
EMOJI = ["😀", "🌱", "👩🏽‍🌾", "🇪🇺", "❤️"]

safe_integers = st.integers(min_value=-MAX_SAFE_INTEGER, max_value=MAX_SAFE_INTEGER)
# Any code point but lone surrogates (not encodable as UTF-8), control characters included,
# then brought into NFC as the format requires.
nfc_text = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=20),
    st.lists(st.sampled_from(EMOJI), max_size=4).map("".join),
    st.sampled_from(["", "\x00", "\x1f\x7f", "\u2028\u2029", "\\\"/", "e\u0301", "\ufeff"]),
).map(lambda text: unicodedata.normalize("NFC", text))
keys = st.text(KEY_ALPHABET, min_size=1, max_size=8)

json_values = st.recursive(
    st.none() | st.booleans() | safe_integers | nfc_text,
    lambda children: st.lists(children, max_size=5)
    | st.dictionaries(keys, children, max_size=5),
    max_leaves=30,
)
json_objects = st.dictionaries(keys, json_values, max_size=6)
