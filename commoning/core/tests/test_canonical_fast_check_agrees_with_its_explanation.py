"""check_value's fast test and its explaining walk give the same verdict on any value.

The fast test (`_allowed`) runs on every envelope an ingest checks and is written for speed;
the explaining walk (`_explain`) is written for clarity. If they disagreed, a value could pass
on one path and fail on the other.
"""

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from commoning.core import canonical
from commoning.core.tests.strategies import json_values, keys

# Values the rules refuse, mixed in at any depth: floats, unsafe integers, non-NFC text,
# keys outside [a-z0-9_], and objects that are not JSON at all.
refused_leaves = st.one_of(
    st.floats(allow_nan=False),
    st.integers(min_value=canonical.MAX_SAFE_INTEGER + 1),
    st.integers(max_value=-canonical.MAX_SAFE_INTEGER - 1),
    st.sampled_from(["e\u0301", "A\u030a", "\u212b"]),
    st.just(b"bytes"),
    st.just({1, 2}),
)
odd_keys = st.sampled_from(["A", "a-b", "", "key\n", "é"])
mixed_values = st.recursive(
    json_values | refused_leaves,
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(keys | odd_keys, children, max_size=4),
    max_leaves=20,
)


def explained_verdict(value) -> bool:
    try:
        canonical._explain(value, "$", 0)
    except canonical.CanonicalError:
        return False
    return True


@given(mixed_values)
def test_the_fast_test_and_the_explanation_agree(value):
    assert canonical._allowed(value, 0) == explained_verdict(value)


@given(json_values)
def test_every_allowed_value_passes_the_fast_test(value):
    assert canonical._allowed(value, 0)


def test_both_refuse_nesting_past_the_limit():
    value = "leaf"
    for _ in range(canonical.MAX_NESTING + 1):
        value = {"a": [value]}
    assert not canonical._allowed(value, 0)
    assert not explained_verdict(value)


def test_a_non_nfc_string_deep_inside_is_refused_by_both():
    value = {"a": [{"b": unicodedata.normalize("NFD", "Å")}]}
    assert not canonical._allowed(value, 0)
    assert not explained_verdict(value)
