"""Greedy selection, hand-computed: most approvals first; what no longer fits is skipped while
cheaper projects further down may still fit; ties go to the cheaper, then the lower id."""

from commoning.core.budgeting.greedy import greedy_selection


def test_it_skips_a_project_that_no_longer_fits_and_takes_a_cheaper_one_after_it():
    costs = {"a": 600, "b": 500, "c": 300}
    approvals = {"a": 3, "b": 2, "c": 1}
    assert greedy_selection(1000, costs, approvals) == ["a", "c"]


def test_a_tie_in_approvals_goes_to_the_cheaper_project():
    assert greedy_selection(500, {"a": 400, "b": 300}, {"a": 2, "b": 2}) == ["b"]


def test_a_tie_in_approvals_and_cost_goes_to_the_lower_id_numbers_as_numbers():
    costs = {"10": 300, "9": 300, "x": 300}
    assert greedy_selection(300, costs, {"10": 1, "9": 1, "x": 1}) == ["9"]
    assert greedy_selection(900, costs, {"10": 1, "9": 1, "x": 1}) == ["9", "10", "x"]


def test_a_project_nobody_approved_is_never_selected():
    assert greedy_selection(100, {"a": 10, "b": 10}, {"a": 1}) == ["a"]


def test_a_project_costing_exactly_what_is_left_fits():
    assert greedy_selection(100, {"a": 60, "b": 40}, {"a": 2, "b": 1}) == ["a", "b"]
