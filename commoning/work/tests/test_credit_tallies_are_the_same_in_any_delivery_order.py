"""The credit tallies the apply functions keep are the same in any delivery order, and always
equal a recount of every contribution (the oracle), at any moment."""

import pytest

from commoning.accounts.models import Member
from commoning.log.models import Entry
from commoning.log.tests.kit import assert_same_in_any_order
from commoning.log.writer import entry_from_row
from commoning.work import access
from commoning.work.models import CreditTally
from commoning.work.tests.credit_kit import build_log_with_windows, moments


@pytest.mark.django_db(transaction=False)
def test_it_keeps_the_same_tallies_in_any_order(alice, bob, carol, dave, eve):
    commons_ids = build_log_with_windows(alice, bob, carol, dave, eve)
    envelopes = [entry_from_row(row).envelope() for row in Entry.objects.order_by("apply_order")]
    at = moments()

    def credits_everywhere():
        seen = []
        for commons_id in commons_ids:
            for now in at:
                kept = access.credits_in(commons_id, now)
                assert kept == access.recount_credits_in(commons_id, now), (commons_id, now)
                seen.append(kept)
        for member_id in sorted(Member.objects.values_list("id", flat=True)):  # PG: no order
            for now in at:
                kept = access.reputation(member_id, now)
                assert kept == access.recount_reputation(member_id, now), (member_id, now)
                seen.append(kept)
        tallies = sorted(CreditTally.objects.values_list(
            "id", "count", "effort_minutes", "carried"))
        return seen, tallies

    reference = credits_everywhere()
    # The log must exercise the cases: something in window now that counts later, carried work.
    counted_now = sum(c["count"] for c in access.credits_in(commons_ids[-3], at[0]))
    counted_later = sum(c["count"] for c in access.credits_in(commons_ids[-3], at[-1]))
    assert counted_now < counted_later
    assert any(c["carried"] for c in access.credits_in(commons_ids[-1], at[-1]))
    assert reference[1]
    assert_same_in_any_order(envelopes, examples=6, observe=credits_everywhere)
