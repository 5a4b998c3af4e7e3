"""The board lists the members with most credit, a page of them, in the order the full list
has, and says how many more there are."""

import pytest

from commoning.work import access
from commoning.work.tests.credit_kit import build_log_with_windows, moments


@pytest.mark.django_db
def test_it_lists_the_first_members_in_the_full_order_and_counts_them_all(
    alice, bob, carol, dave, eve
):
    commons_ids = build_log_with_windows(alice, bob, carol, dave, eve)
    for commons_id in commons_ids:
        for now in moments():
            every = access.credits_in(commons_id, now)
            for limit in (1, 2, 3):
                shown, total = access.top_credits_in(commons_id, limit, now)
                assert shown == every[:limit]
                assert total == len(every)
    later = moments()[-1]  # the tie-breaking and cut must have something to cut
    assert any(len(access.credits_in(commons_id, later)) > 1 for commons_id in commons_ids)
