"""Recalls, the maintainer acts they void and the recalls that void each other give the same
state hash in any delivery order, late recalls included."""

import pytest

from commoning.commons.actions import create_commons
from commoning.log.models import Entry
from commoning.log.tests.kit import assert_same_in_any_order
from commoning.log.writer import entry_from_row
from commoning.testing import HostileNode
from commoning.work import access, actions
from commoning.work.tests.helpers import member_id
from commoning.work.tests.test_recalled_maintainer_loses_powers import _recall_entry


def build_recall_log(alice, bob, carol, dave, eve):
    commons = create_commons(alice, name="Tool library", licence="CC-BY-SA-4.0")
    bob_grant = actions.appoint_maintainer(alice, commons.id, member_id(bob))
    dave_grant = actions.appoint_maintainer(alice, commons.id, member_id(dave))
    carol_grant = actions.appoint_maintainer(alice, commons.id, member_id(carol))
    works = [
        actions.record_contribution(eve, commons.id, kind="care", effort_minutes=5,
                                    description=f"post {n}")
        for n in range(4)
    ]
    objection = actions.validate(carol, works[3].id, verdict="object", reason="not done")
    actions.hide_contribution(bob, works[0].id, reason="spam")  # seen by the founder's recall
    founder_recall = _recall_entry(alice, commons, member_id(bob), bob_grant, seen_user=bob)
    actions.hide_contribution(bob, works[1].id, reason="spam")  # unseen: void
    actions.settle_objection(bob, objection, reason="done after all")  # unseen: void
    # Dave and Carol recall each other without seeing the other's recall: both stand.
    dave_recall = _recall_entry(dave, commons, member_id(carol), carol_grant, seen_user=carol,
                                extra_deps=[dave_grant])
    actions.recall_maintainer(carol, commons.id, member_id(dave), reason="Gone quiet")
    # Dave hides after his recall of Carol, on his own feed: void, as Carol's recall of him
    # had not seen it.
    dave_hide = HostileNode.of(dave).entry(
        "work.hide", {"contribution": works[2].id, "reason": "spam"},
        deps=sorted([works[2].id, dave_grant]), after=dave_recall,
    )
    for entry in (founder_recall, dave_recall, dave_hide):
        assert HostileNode.deliver(entry).applied
    return commons, works


@pytest.mark.django_db(transaction=False)
def test_recalls_in_any_delivery_order_give_the_same_state(alice, bob, carol, dave, eve):
    commons, works = build_recall_log(alice, bob, carol, dave, eve)
    assert access.maintainers(commons.id) == []
    hidden = [access.get_contribution(commons.net, w.id).hidden for w in works]
    assert hidden == [True, False, False, False]
    assert access.get_contribution(commons.net, works[3].id).standing_objections == 1
    envelopes = [entry_from_row(row).envelope() for row in Entry.objects.order_by("apply_order")]

    assert_same_in_any_order(envelopes, examples=15,
                             observe=lambda: Entry.objects.filter(status="applied").count())
