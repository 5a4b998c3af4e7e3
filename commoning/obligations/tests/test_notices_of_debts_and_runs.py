"""A debt to confirm and a run waiting for an answer reach the member as notifications, and
leave once answered."""

from commoning.accounts.access import member_for
from commoning.notify.sources import notices_for
from commoning.obligations import actions
from commoning.obligations.tests.kit import cycle, member_id


def _keys(user, prefix):
    member = member_for(user)
    return [n.key for n in notices_for(member.net, member.id) if n.key.startswith(prefix)]


def test_a_debt_to_confirm_is_a_notice_until_confirmed(alice, bob):
    obligation = actions.record_obligation(alice, debtor_id=member_id(bob), amount=900,
                                           unit="EUR")
    assert _keys(bob, "obligation:") == [f"obligation:{obligation.id}"]
    assert _keys(alice, "obligation:") == []
    actions.confirm_obligation(bob, obligation.id)
    assert _keys(bob, "obligation:") == []


def test_a_run_waiting_for_consent_is_a_notice_until_answered(alice, bob, carol, dave):
    cycle(alice, bob, carol)
    run = actions.start_run(alice, unit="EUR")
    assert _keys(bob, "clearing:") == [f"clearing:{run.id}"]
    assert _keys(dave, "clearing:") == []
    actions.consent_to_run(bob, run.id)
    assert _keys(bob, "clearing:") == []
