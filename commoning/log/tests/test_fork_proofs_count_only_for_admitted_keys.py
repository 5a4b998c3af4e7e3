"""Fork proofs count only for keys of admitted members, and a cut re-projects only when it
changes a stored entry's status: at most once per push, however many proofs it carries."""

import pytest

from commoning.core.bundle_format import fork_line
from commoning.log import projection
from commoning.log.fork_proofs import ingest_fork_proof
from commoning.log.models import ForkProof, NodeSetting
from commoning.log.projection import state_hash
from commoning.log.tests.kit import ingest, key_of, next_entry, status_of
from commoning.sync.receive import receive_lines
from commoning.testing import HostileNode


@pytest.fixture
def rebuilds(monkeypatch):
    """Count the rebuilds that run (the real one still runs)."""
    calls = []
    real = projection.rebuild

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(projection, "rebuild", counted)
    monkeypatch.setattr("commoning.log.ingest.rebuild", counted)
    return calls


def two_firsts(node: HostileNode):
    """Two different first entries of one key: a fork at seq 1."""
    one = node.entry("accounts.identity", {"name": "One", "custody": "self"})
    two = node.entry("accounts.identity", {"name": "Two", "custody": "self"})
    return one, two


def test_it_refuses_a_proof_for_a_key_nobody_admitted(net, alice, rebuilds):
    before = state_hash()
    one, two = two_firsts(HostileNode.outsider(net))
    outcome = ingest_fork_proof(one.envelope(), two.envelope())
    assert outcome.status == "unadmitted"
    assert not ForkProof.objects.exists()
    assert rebuilds == []
    assert state_hash() == before


def test_a_proof_that_cuts_nothing_stored_runs_no_rebuild(net, eve, rebuilds):
    # Eve forks at a seq beyond anything this node holds of her feed.
    key = key_of(eve)
    head = next_entry(key, net, "accounts.profile", {"name": "Eve now"})
    one = next_entry(key, net, "accounts.profile", {"name": "One"}, after=head)
    two = next_entry(key, net, "accounts.profile", {"name": "Two"}, after=head)
    before = state_hash()
    assert ingest_fork_proof(one.envelope(), two.envelope()).status == "fork"
    assert ForkProof.objects.count() == 1
    assert rebuilds == []
    assert state_hash() == before
    # The cut still holds for what comes later: neither branch enters.
    ingest(head)
    assert ingest(one) == {"cut": 1}


def test_a_proof_that_cuts_stored_entries_re_projects(net, eve, rebuilds):
    key = key_of(eve)
    one = next_entry(key, net, "accounts.profile", {"name": "Eve one"})
    two = next_entry(key, net, "accounts.profile", {"name": "Eve two"})
    ingest(one)
    assert ingest_fork_proof(one.envelope(), two.envelope()).status == "fork"
    assert len(rebuilds) == 1
    assert status_of(one) == "cut"
    assert not NodeSetting.objects.filter(key=projection.REPROJECTION_DUE).exists()


def test_many_proofs_in_one_push_re_project_once(net, alice, bob, carol, dave, eve, rebuilds):
    lines = []
    for user in (alice, bob, carol, dave, eve):
        key = key_of(user)
        one = next_entry(key, net, "accounts.profile", {"name": "One"})
        two = next_entry(key, net, "accounts.profile", {"name": "Two"})
        ingest(one)
        lines.append(fork_line(one.envelope_bytes(), two.envelope_bytes()))
    received = receive_lines(lines, net=net)
    assert received.report.counts == {"fork": 5}
    assert len(rebuilds) == 1
    assert ForkProof.objects.count() == 5
