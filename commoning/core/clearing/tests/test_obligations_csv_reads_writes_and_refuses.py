"""Obligations go out and come back through the same CSV unchanged, and a file that breaks a
rule or a bound is refused with the line it is about."""

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commoning.core import limits
from commoning.core.clearing.obligations import (
    Obligation,
    ObligationError,
    check_obligations,
    read_csv,
    write_csv,
)

HEADER = "id,debtor,creditor,amount\n"

# Names as members write them: commas, quotes, accents and line breaks inside, but no spaces
# at the ends (the reader strips cells, so check_obligation refuses those).
names = st.text(
    st.characters(blacklist_categories=["Cs", "Cc"])
    | st.sampled_from([",", '"', "\n"]),
    min_size=1, max_size=12,
).map(str.strip).filter(bool)


def read_text(text: str) -> list[Obligation]:
    return read_csv(io.BytesIO(text.encode()))


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(names, names, st.integers(1, limits.MAX_CLEARING_AMOUNT)),
                max_size=8))
def test_what_it_writes_it_reads_back_unchanged(rows):
    obligations = [Obligation(f"o-{number}", debtor, creditor, amount)
                   for number, (debtor, creditor, amount) in enumerate(rows) if debtor != creditor]
    out = io.StringIO(newline="")
    assert write_csv(obligations, out) == len(obligations)
    assert read_csv(io.BytesIO(out.getvalue().encode())) == obligations


def test_it_reads_a_spreadsheet_s_byte_order_mark_crlf_and_blank_lines():
    text = "\ufeffid,debtor,creditor,amount\r\n1,alice,bob,5\r\n\r\n2,bob,alice,3\r\n"
    assert read_text(text) == [Obligation("1", "alice", "bob", 5),
                               Obligation("2", "bob", "alice", 3)]


@pytest.mark.parametrize(("text", "line", "words"), [
    ("", None, "empty"),
    ("id;debtor;creditor;amount\n", 1, "header"),
    ("1,alice,bob,5\n", 1, "header"),
    (HEADER + "1,alice,bob\n", 2, "4 fields"),
    (HEADER + "1,alice,bob,5,6\n", 2, "4 fields"),
    (HEADER + "1,alice,bob,5\n2,bob,carol,1.5\n", 3, "whole number"),
    (HEADER + "1,alice,bob,-3\n", 2, "whole number"),
    (HEADER + "1,alice,bob,1e3\n", 2, "whole number"),
    (HEADER + "1,alice,bob,\n", 2, "whole number"),
    (HEADER + "1,alice,bob,0\n", 2, "positive"),
    (HEADER + "1,alice,alice,5\n", 2, "owe themselves"),
    (HEADER + "1,,bob,5\n", 2, "debtor is empty"),
    (HEADER + ",alice,bob,5\n", 2, "id is empty"),
    (HEADER + "1,alice,bob,5\n\n1,bob,alice,2\n", 4, "used on line 2"),
    (HEADER + f"1,alice,bob,{limits.MAX_CLEARING_AMOUNT + 1}\n", 2, "above"),
    (HEADER + f"1,{'a' * (limits.MAX_CLEARING_FIELD_CHARS + 1)},bob,5\n", 2, "longer than"),
    (HEADER + '1,"alice,bob,5\n', 2, "not a valid CSV"),
])
def test_it_refuses_a_bad_file_naming_the_line(text, line, words):
    with pytest.raises(ObligationError) as refused:
        read_text(text)
    assert refused.value.line == line
    assert words in str(refused.value)


def test_it_refuses_a_file_that_is_not_utf8_naming_the_line():
    with pytest.raises(ObligationError) as refused:
        read_csv(io.BytesIO(HEADER.encode() + b"1,alice,bob,5\n2,b\xe9b,alice,5\n"))
    assert refused.value.line == 3
    assert "UTF-8" in str(refused.value)


def test_it_refuses_a_file_past_its_byte_bound(monkeypatch):
    monkeypatch.setattr(limits, "MAX_CLEARING_CSV_BYTES", 64)
    with pytest.raises(ObligationError, match="larger than 64 bytes"):
        read_text(HEADER + "".join(f"{n},alice,bob,5\n" for n in range(10)))


def test_it_refuses_a_file_past_its_row_bound(monkeypatch):
    monkeypatch.setattr(limits, "MAX_CLEARING_OBLIGATIONS", 3)
    with pytest.raises(ObligationError) as refused:
        read_text(HEADER + "".join(f"{n},alice,bob,5\n" for n in range(5)))
    assert refused.value.line == 5
    assert "more than 3 obligations" in str(refused.value)


def test_it_refuses_amounts_that_add_up_past_the_total_bound(monkeypatch):
    monkeypatch.setattr(limits, "MAX_CLEARING_TOTAL", 9)
    with pytest.raises(ObligationError, match="add up to more than 9"):
        read_text(HEADER + "1,alice,bob,5\n2,bob,alice,5\n")
    with pytest.raises(ObligationError, match="add up to more than 9"):
        check_obligations([Obligation("1", "a", "b", 5), Obligation("2", "b", "a", 5)])


def test_it_refuses_obligations_handed_in_with_an_id_twice_or_a_float_amount():
    with pytest.raises(ObligationError, match="appears twice"):
        check_obligations([Obligation("1", "a", "b", 5), Obligation("1", "b", "a", 5)])
    with pytest.raises(ObligationError, match="positive whole number"):
        check_obligations([Obligation("1", "a", "b", 5.0)])
    with pytest.raises(ObligationError, match="positive whole number"):
        check_obligations([Obligation("1", "a", "b", True)])
