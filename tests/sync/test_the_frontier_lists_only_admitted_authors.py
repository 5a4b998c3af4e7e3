"""The frontier lists only admitted authors: entries of keys nobody admitted leave it exactly as
it was, byte for byte, and so does any sync that carries them."""

from commoning.core import canonical
from commoning.core.bundle_format import entry_line
from commoning.core.frontier import Frontier, plan_missing
from commoning.sync.local import entry_rows, local_frontier
from commoning.sync.receive import receive_lines
from commoning.sync.tests.kit import remote_member
from commoning.testing import HostileNode


def frontier_bytes(net) -> bytes:
    return canonical.encode(local_frontier(net).payload())


def outsider_lines(net, count, keys=None):
    lines = []
    for number in range(count):
        outsider = HostileNode.outsider(net)
        if keys is not None:
            keys.add(outsider.public_hex)
        identity = outsider.entry("accounts.identity", {"name": f"Junk {number}",
                                                        "custody": "self"})
        profile = outsider.entry("accounts.profile", {"name": "Junk"}, after=identity)
        lines += [entry_line(identity.envelope_bytes()), entry_line(profile.envelope_bytes())]
    return lines


def test_entries_of_unadmitted_authors_leave_the_frontier_unchanged(net, alice):
    before = frontier_bytes(net)
    received = receive_lines(outsider_lines(net, 50), net=net)
    assert received.report.counts == {"quarantined": 100}
    assert frontier_bytes(net) == before


def test_an_admitted_newcomer_enters_the_frontier_and_outsiders_do_not(net, alice):
    key, identity = remote_member(net)  # admitted by the founder, whose admission is stored
    outsiders = set()
    lines = [*outsider_lines(net, 5, outsiders), entry_line(identity.envelope_bytes())]
    receive_lines(lines, net=net)
    heads = local_frontier(net).heads
    assert heads[key.public_hex] == (1, identity.id)
    assert not set(heads) & outsiders
    assert len(heads) == 3  # the founder, Alice and the newcomer


def test_a_sync_relays_no_entry_of_an_unadmitted_author(net, alice):
    receive_lines(outsider_lines(net, 5), net=net)
    frontier = local_frontier(net)
    ranges = plan_missing(frontier, Frontier(net))
    relayed_authors = {range_.author for range_ in ranges}
    assert relayed_authors == set(frontier.heads)
    # The genesis and the founder's admission of Alice, and Alice's identity: nothing else.
    assert len(list(entry_rows(net, ranges))) == 3
