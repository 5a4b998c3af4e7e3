"""The hostile-node persona writes entries that skip every action; the domain rule answers."""

from commoning.testing import HostileNode
from commoning.work.tests.helpers import rules_led_commons


def test_it_writes_an_entry_the_rule_refuses(alice, bob):
    commons = rules_led_commons(alice)
    written = HostileNode.of(bob).write("work.task", {"commons": commons.id, "title": "",
                                                      "kind": "code"}, deps=[commons.id])
    assert written.status == "rejected"
    assert "title" in written.reason


def test_it_writes_an_entry_the_rule_accepts(alice, bob):
    commons = rules_led_commons(alice)
    written = HostileNode.of(bob).write("work.task", {"commons": commons.id, "title": "Probe",
                                                      "kind": "code"}, deps=[commons.id])
    assert written.applied
