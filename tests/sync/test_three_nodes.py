"""Three real nodes replicate with no hub, through links that go down and a USB-stick bundle.

Node A founds the network; B joins A over HTTP; C joins offline from a bundle of A's log and
then only ever talks to B. Members act on every node while links are down (A is stopped for a
while, and A and C never talk over HTTP), A's later changes reach C only by a bundle that is
imported twice. At the end every node has the same state hash and holds every entry any node
ever held: nothing any member did is lost.
"""

import time

import pytest

from .nodes import Node

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]


@pytest.fixture
def nodes(tmp_path):
    created = {name: Node(name, tmp_path / name) for name in "ABC"}
    for node in created.values():
        node.home.mkdir()
    yield created
    for node in created.values():
        node.close()


def test_three_nodes_converge_through_outages_and_bundles(nodes, tmp_path):
    a, b, c = nodes["A"], nodes["B"], nodes["C"]
    seen: set = set()  # every entry id any node ever held

    a.cli("init", "--network", "Three Valleys")
    a.start()
    b.cli("init", "--join", a.url)
    b.start()
    assert b.state_hash() == a.state_hash()
    b.pair_with(a)  # A takes B's pushes only once its operator paired B
    # B holds no admitted key: A's operator (the founder's node) admits B's operator key, and
    # B signs people up with it once the admission has reached it.
    a.cli("admit", b.operator_key())
    b.cli("sync")

    alice = a.sign_up("alice", "Alice")
    a.submit(alice, "/commons/new/", {"name": "Seed bank", "licence": "CC-BY-SA-4.0",
                                      "description": "Seeds of the valley"})
    bob = b.sign_up("bob", "Bob")
    b.submit(bob, "/commons/new/", {"name": "Well", "licence": "CC0-1.0", "description": ""})
    b.cli("sync")  # B pulls Alice's work and pushes Bob's
    assert a.state_hash() == b.state_hash()

    # C joins offline: a bundle of A's whole log, carried by hand, with C's operator admitted.
    a.cli("admit", c.operator_key())
    join_bundle = tmp_path / "join.bundle"
    a.cli("bundle", "export", join_bundle)
    c.cli("init", "--from-bundle", join_bundle)
    c.start()
    c.pair_with(b)  # pairing also makes B a peer of C
    carol = c.sign_up("carol", "Carol")
    c.submit(carol, "/commons/new/", {"name": "Mill", "licence": "CC-BY-4.0",
                                      "description": "Grinding together"})
    c.cli("sync")
    seen |= a.entry_ids() | b.entry_ids() | c.entry_ids()

    # The link to A goes down; B and C keep working and syncing with each other.
    a.stop()
    b.submit(bob, "/profile/", {"name": "Bob the Well-digger", "bio": "Digs wells."})
    c.submit(carol, "/commons/new/", {"name": "Bakery", "licence": "CC-BY-SA-4.0",
                                      "description": ""})
    failed = b.cli("sync", check=False)  # A is unreachable: reported, nothing breaks
    assert failed.returncode == 1
    c.cli("sync")
    seen |= b.entry_ids() | c.entry_ids()

    # A comes back but stays cut off; Alice works there, and A's news travels by USB stick.
    a.start()
    a.submit(alice, "/profile/", {"name": "Alice of the Seeds", "bio": "Keeps the seed bank."})
    a.submit(alice, "/commons/new/", {"name": "Orchard", "licence": "CC0-1.0",
                                      "description": "Trees for all"})
    dave = a.sign_up("dave", "Dave")
    a.submit(dave, "/commons/new/", {"name": "Forge", "licence": "CC-BY-4.0", "description": ""})
    seen |= a.entry_ids()
    stick = tmp_path / "usb.bundle"
    a.cli("bundle", "export", stick)
    first = " ".join(c.cli("bundle", "import", stick).stderr.decode().split())
    hash_after_first = c.state_hash()
    second = " ".join(c.cli("bundle", "import", stick).stderr.decode().split())
    assert "0 new entries" in second, second
    assert c.state_hash() == hash_after_first, "importing a bundle twice must change nothing"
    assert "new entries" in first

    # Links come back: C tells B, B and A exchange over HTTP, and C, restarted with periodic
    # sync, catches up on its own.
    c.cli("sync")
    b.cli("sync")
    c.stop()
    c.start("--sync-every", "1")
    deadline = time.monotonic() + 60
    while c.state_hash() != b.state_hash() and time.monotonic() < deadline:
        time.sleep(0.5)

    hashes = {node.name: node.state_hash() for node in (a, b, c)}
    assert len(set(hashes.values())) == 1, hashes
    for node in (a, b, c):
        held = node.entry_ids()
        assert seen <= held, f"{node.name} lost {len(seen - held)} entries"
        assert node.commons_names() == {"Seed bank", "Well", "Mill", "Bakery", "Orchard", "Forge"}
