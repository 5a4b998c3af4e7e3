"""A proposal names the roster it freezes, comes from a member, has a window and parameters the
counting core accepts, and an effect of a registered kind; else the rule refuses it."""

from commoning.association.roster import current_heads
from commoning.decisions.models import Delegation, Proposal
from commoning.decisions.tests.kit import member_id
from commoning.log import clock
from commoning.log.models import Entry
from commoning.testing import HostileNode
from commoning.work.tests.artifact_kit import api_client

MINUTE = 60_000


def _proposal(**changes):
    data = {"question": "Buy a laser cutter?", "method": "majority",
            "closes_at": clock.now_ms() + 10 * MINUTE}
    data.update(changes)
    return data


def test_it_refuses_a_proposal_from_outside_the_association(association, net, eve):
    written = HostileNode.of(eve).write("decision.propose", _proposal(),
                                        deps=current_heads(net))
    assert written.status == "rejected"
    assert not Proposal.objects.exists()


def test_it_refuses_a_proposal_that_names_no_roster(association, bob):
    written = HostileNode.of(bob).write("decision.propose", _proposal())
    assert written.status == "rejected"


def test_it_refuses_bad_parameters(association, net, bob):
    node = HostileNode.of(bob)
    for bad in (_proposal(method="dictator"), _proposal(closes_at=clock.now_ms()),
                _proposal(method="irv", options=[]), _proposal(quorum=99),
                _proposal(effect={"kind": "no-such-effect"}), _proposal(question="x" * 301),
                _proposal(method="stv", options=["a", "b"], seats=3)):
        assert node.write("decision.propose", bad, deps=current_heads(net)).status == "rejected"
    assert not Proposal.objects.exists()


def test_the_api_refuses_an_unknown_effect_and_writes_nothing(association, bob):
    entries = Entry.objects.count()
    response = api_client(bob).post(
        "/api/decisions", {**_proposal(), "effect": {"kind": "no-such-effect"}},
        content_type="application/json")
    assert response.status_code == 400
    assert Entry.objects.count() == entries


def test_it_refuses_a_delegation_to_oneself(association, bob):
    node = HostileNode.of(bob)
    written = node.write("decision.delegate", {"topic": "seeds", "delegate": member_id(bob)})
    assert written.status == "rejected"
    written = node.write("decision.revoke", {"topic": "x" * 81})
    assert written.status == "rejected"
    assert not Delegation.objects.exists()
