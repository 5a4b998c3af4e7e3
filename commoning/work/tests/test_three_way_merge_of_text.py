"""The three-way merge of artifact text: changes on one side are taken, the same change on both
sides is taken once, overlapping changes are conflicts with both sides kept between markers."""

from hypothesis import given
from hypothesis import strategies as st

from commoning.work.textmerge import has_conflict_markers, merge_texts

BASE = "one\ntwo\nthree\nfour\nfive\n"


def test_it_takes_changes_from_both_sides_when_they_do_not_overlap():
    theirs = BASE.replace("one", "ONE")
    yours = BASE.replace("five", "FIVE")
    result = merge_texts(BASE, theirs, yours)
    assert result.clean
    assert result.text == "ONE\ntwo\nthree\nfour\nFIVE\n"


def test_it_takes_the_same_change_once():
    both = BASE.replace("three", "3")
    assert merge_texts(BASE, both, both).text == both


def test_it_keeps_both_sides_of_an_overlapping_change_between_markers():
    result = merge_texts(BASE, BASE.replace("three", "drei"), BASE.replace("three", "tres"))
    assert not result.clean
    (conflict,) = result.conflicts
    assert (conflict.line, conflict.base, conflict.theirs, conflict.yours) == (
        3, ["three"], ["drei"], ["tres"]
    )
    assert result.text == (
        "one\ntwo\n<<<<<<< saved meanwhile\ndrei\n=======\ntres\n>>>>>>> your version\n"
        "four\nfive\n"
    )
    assert has_conflict_markers(result.text)


def test_a_last_line_without_newline_never_runs_into_a_marker():
    result = merge_texts("a\nb", "a\nB", "a\nb2")
    assert "B\n=======\nb2\n>>>>>>>" in result.text


lines = st.lists(st.sampled_from(["a", "b", "c", "d", ""]), max_size=6)


@given(lines, lines)
def test_a_change_on_one_side_only_is_taken_whole(base, theirs):
    base_text, their_text = "\n".join(base) + "\n", "\n".join(theirs) + "\n"
    assert merge_texts(base_text, their_text, base_text).text == their_text
    assert merge_texts(base_text, base_text, their_text).text == their_text
