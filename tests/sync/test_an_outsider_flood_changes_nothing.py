"""Issue 10's attack, replayed: 10,000 identities from keys nobody admitted and 1,000 fork
proofs for unknown keys, pushed through the function behind the push endpoint and once through
the endpoint itself. The frontier and the state do not change, no rebuild runs, and a member's
write in the middle of it succeeds."""

import orjson
import pytest

from commoning.core import canonical
from commoning.core import entry as entry_format
from commoning.core.bundle_format import entry_line, fork_line
from commoning.core.signing import SigningKey
from commoning.log import clock, projection
from commoning.log.models import Entry as EntryRow
from commoning.log.models import ForkProof, QuarantinedEntry, RefusalTally
from commoning.log.projection import state_hash
from commoning.sync.local import local_frontier
from commoning.sync.models import Peer
from commoning.sync.receive import receive_lines
from commoning.sync.tests.kit import REMOTE_NODE, signed_frontier

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

IDENTITIES = 10_000
PROOFS = 1_000


def pair(net: str, node_key: str) -> None:
    """Let the pushing node in, as an operator pairing it would: a flood from a paired node is
    the hard case (an unpaired one is refused before a line is read)."""
    Peer.objects.update_or_create(net=net, node_key=node_key, url="",
                                  defaults={"paired": True, "confirmed": True})


def throwaway_first_entry(net: str, key: SigningKey, name: str):
    return entry_format.build(key, net=net, seq=1, prev=None, ts=clock.now_ms(),
                              type="accounts.identity", data={"name": name, "custody": "self"})


def flood_lines(net: str) -> tuple[list[bytes], list[bytes]]:
    """(fork proof lines, identity lines), every one signed by a fresh key."""
    proofs = []
    for number in range(PROOFS):
        key = SigningKey.generate()
        one = throwaway_first_entry(net, key, f"Fork {number} a")
        two = throwaway_first_entry(net, key, f"Fork {number} b")
        proofs.append(fork_line(one.envelope_bytes(), two.envelope_bytes()))
    identities = [
        entry_line(throwaway_first_entry(net, SigningKey.generate(), f"Junk {n}").envelope_bytes())
        for n in range(IDENTITIES)
    ]
    return proofs, identities


@pytest.fixture
def rebuilds(monkeypatch):
    calls = []
    real = projection.rebuild

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(projection, "rebuild", counted)
    monkeypatch.setattr("commoning.log.ingest.rebuild", counted)
    return calls


def snapshot(net: str):
    frontier = local_frontier(net)
    return frontier.heads, len(canonical.encode(frontier.payload())), state_hash()


def test_a_pushed_flood_of_outsiders_changes_nothing_and_members_keep_writing(
    client, net, alice, bob, rebuilds
):
    proofs, identities = flood_lines(net)
    before = snapshot(net)
    client.force_login(alice)
    after_the_write = {}

    def stream():
        yield from proofs
        yield from identities[: IDENTITIES // 2]
        # Half-way through the push: nothing changed so far, and Alice's write goes through.
        assert snapshot(net) == before
        answer = client.post("/commons/new/", {"name": "Well", "licence": "CC0-1.0",
                                               "description": "Water for all"})
        assert answer.status_code == 303
        after_the_write["snapshot"] = snapshot(net)
        yield from identities[IDENTITIES // 2 :]

    received = receive_lines(stream(), net=net)
    assert received.report.counts == {"unadmitted": PROOFS, "quarantined": IDENTITIES}
    assert rebuilds == []
    assert not ForkProof.objects.exists()
    assert snapshot(net) == after_the_write["snapshot"] != before
    assert EntryRow.objects.filter(type="commons.create", status="applied").count() == 1
    assert QuarantinedEntry.objects.count() <= 1000


def test_the_same_flood_through_the_push_endpoint_changes_nothing(client, net, alice, rebuilds):
    proofs, identities = flood_lines(net)
    before = snapshot(net)
    frontier_answer = client.get(f"/sync/{net}/frontier").json()
    pair(net, REMOTE_NODE.public_hex)
    head = orjson.dumps({"frontier": signed_frontier(net)}) + b"\n"
    answer = client.post(f"/sync/{net}/push", head + b"".join(proofs + identities),
                         content_type="application/x-ndjson")
    assert answer.status_code == 200
    assert answer.json()["counts"] == {"unadmitted": PROOFS, "quarantined": IDENTITIES}
    assert rebuilds == []
    assert snapshot(net) == before
    after = client.get(f"/sync/{net}/frontier").json()
    assert len(after["frontier"]) == len(frontier_answer["frontier"])
    tally = RefusalTally.objects.get(source=f"node {REMOTE_NODE.public_hex}")
    assert (tally.entries, tally.fork_proofs) == (IDENTITIES, PROOFS)
