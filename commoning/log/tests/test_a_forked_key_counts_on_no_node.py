"""Two entries by one key at one (net, seq) are a fork: proved, refused after, cut on every node."""

from django.db import transaction

from commoning.accounts.models import Member
from commoning.commons.models import Commons
from commoning.log.fork_proofs import ingest_fork_proof
from commoning.log.models import Entry as EntryRow
from commoning.log.models import ForkProof
from commoning.log.projection import state_hash
from commoning.log.tests.kit import (
    exported_envelopes,
    ingest,
    is_parked,
    key_of,
    next_entry,
    status_of,
    wipe_node,
)


def fork_of(user, net):
    """Two branches of `user`'s feed from the same head: (one, one_next), (two, two_next)."""
    key = key_of(user)
    one = next_entry(key, net, "accounts.profile", {"name": "Branch one"})
    two = next_entry(key, net, "accounts.profile", {"name": "Branch two"})
    assert (one.seq, one.prev) == (two.seq, two.prev) and one.id != two.id
    one_next = next_entry(key, net, "accounts.profile", {"name": "One again"}, after=one)
    two_next = next_entry(key, net, "accounts.profile", {"name": "Two again"}, after=two)
    return (one, one_next), (two, two_next)


def test_two_entries_at_one_seq_produce_a_fork_proof(net, eve):
    (one, _), (two, _) = fork_of(eve, net)
    assert ingest(one) == {"applied": 1}
    assert ingest(two) == {"fork": 1}
    proof = ForkProof.objects.get()
    assert {proof.first_id, proof.second_id} == {one.id, two.id}
    assert (proof.author, proof.seq) == (one.author, one.seq)
    assert status_of(one) == "cut" and status_of(two) is None


def test_later_entries_of_a_forked_key_are_refused(net, eve):
    (one, _), (two, two_next) = fork_of(eve, net)
    ingest(one, two)
    later = next_entry(key_of(eve), net, "accounts.profile", {"name": "Still me"}, after=one)
    report = ingest(two_next, later)
    assert report == {"refused": 2}
    assert status_of(two_next) is None and status_of(later) is None


def test_entries_before_the_fork_still_count(net, eve):
    before = next_entry(key_of(eve), net, "accounts.profile", {"name": "Eve before"})
    ingest(before)
    (one, _), (two, _) = fork_of(eve, net)
    ingest(one, two)
    assert status_of(before) == "applied"
    assert Member.objects.filter(name="Eve before").exists()
    assert not Member.objects.filter(name__startswith="Branch").exists()


def test_an_entry_relying_on_a_forked_entry_is_cut(net, eve, bob):
    (one, _), (two, _) = fork_of(eve, net)
    ingest(one)
    relying = next_entry(key_of(bob), net, "commons.create",
                         {"name": "Eve's idea", "licence": "MIT"}, deps=[one.id])
    assert ingest(relying) == {"applied": 1}
    assert Commons.objects.filter(id=relying.id).exists()
    ingest(two)
    assert status_of(relying) == "cut"
    assert not Commons.objects.filter(id=relying.id).exists()


def test_nodes_that_saw_different_branches_first_agree_once_both_have_the_proof(net, eve, bob):
    (one, one_next), (two, two_next) = fork_of(eve, net)
    relying = next_entry(key_of(bob), net, "commons.create",
                         {"name": "Eve's idea", "licence": "MIT"}, deps=[one.id])
    shared = exported_envelopes()
    hashes = {}
    for node, first_seen, then in (
        ("A", [one, one_next, relying], [two, two_next]),
        ("B", [two, two_next], [one, one_next, relying]),
    ):
        with transaction.atomic():
            wipe_node()
            ingest_envelopes_of(shared)
            ingest(*first_seen)
            hashes[node, "before"] = state_hash()
            ingest(*then)
            assert ForkProof.objects.count() == 1
            assert not Member.objects.filter(name__in=["Branch one", "Branch two"]).exists()
            hashes[node] = state_hash()
            transaction.set_rollback(True)
    assert hashes["A", "before"] != hashes["B", "before"]
    assert hashes["A"] == hashes["B"]


def test_a_fork_proof_sent_by_a_peer_cuts_the_feed(net, eve):
    (one, one_next), (two, _) = fork_of(eve, net)
    ingest(one, one_next)
    outcome = ingest_fork_proof(one.envelope(), two.envelope())
    assert outcome.status == "fork"
    assert status_of(one) == status_of(one_next) == "cut"
    assert ingest_fork_proof(two.envelope(), one.envelope()).status == "duplicate"


def test_an_entry_waiting_on_a_losing_branch_never_counts(net, eve):
    (one, one_next), (two, _) = fork_of(eve, net)
    assert ingest(one_next) == {"parked": 1}
    ingest(two, one)
    assert is_parked(one_next) and status_of(one_next) is None
    assert EntryRow.objects.filter(status="applied", id__in=[one.id, two.id]).count() == 0


def ingest_envelopes_of(envelopes):
    from commoning.log.ingest import ingest_envelopes

    report = ingest_envelopes(envelopes)
    assert set(report.counts) == {"applied"}, report.counts
