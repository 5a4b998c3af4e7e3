"""Every node checks a run's certificate in one pass: a hostile node that alters one
obligation's set-off, a potential or a net position has its run rejected."""

import copy

from commoning.obligations.models import ClearingRun
from commoning.obligations.tests.kit import cycle, proposal_for
from commoning.testing import HostileNode


def _write(user, data, deps):
    return HostileNode.of(user).write("clearing.run", data, deps=deps)


def test_the_honest_proposal_is_applied(alice, bob, carol):
    cycle(alice, bob, carol)
    data, deps = proposal_for(alice)
    assert _write(alice, data, deps).applied


def test_an_altered_set_off_is_rejected(alice, bob, carol):
    cycle(alice, bob, carol)
    data, deps = proposal_for(alice)
    altered = copy.deepcopy(data)
    altered["items"][0][2] -= 1  # a net position would move
    altered["cleared"] -= 1
    written = _write(alice, altered, deps)
    assert written.status == "rejected"
    assert "certificate" in written.reason
    assert not ClearingRun.objects.exists()


def test_an_altered_potential_is_rejected(alice, bob, carol):
    cycle(alice, bob, carol, amounts=(3000, 2000, 2500))
    data, deps = proposal_for(alice)
    altered = copy.deepcopy(data)
    member = next(iter(altered["potentials"]))
    altered["potentials"][member] += 5
    written = _write(alice, altered, deps)
    assert written.status == "rejected"
    assert "potentials" in written.reason


def test_an_altered_net_position_is_rejected(alice, bob, carol):
    cycle(alice, bob, carol)
    data, deps = proposal_for(alice)
    altered = copy.deepcopy(data)
    member = next(iter(altered["positions"]))
    altered["positions"][member] += 100
    written = _write(alice, altered, deps)
    assert written.status == "rejected"
    assert "net positions" in written.reason


def test_a_set_off_that_is_not_the_most_is_rejected(alice, bob, carol):
    cycle(alice, bob, carol)
    data, deps = proposal_for(alice)
    altered = copy.deepcopy(data)
    for item in altered["items"]:
        item[2] -= 1  # still a circulation: net positions hold, but less is cleared
    altered["cleared"] -= 3
    written = _write(alice, altered, deps)
    assert written.status == "rejected"
