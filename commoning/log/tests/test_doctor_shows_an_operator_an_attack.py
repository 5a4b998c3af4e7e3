"""`commoning doctor` shows what an attack leaves behind: the quarantine, what each pushing node
sent for outsiders, the frontier and the disk; `commoning admit` lets a key in."""

import orjson
from typer.testing import CliRunner

from commoning.cli import main as cli
from commoning.cli import operator_commands
from commoning.core.bundle_format import entry_line
from commoning.log.doctor import report
from commoning.log.models import Admission
from commoning.sync.tests.kit import REMOTE_NODE, signed_frontier
from commoning.sync.tests.paired import pair_remote_node
from commoning.testing import HostileNode


def push_outsiders(client, net, count):
    pair_remote_node(net)  # the flood comes from a node the operator paired
    head = orjson.dumps({"frontier": signed_frontier(net)}) + b"\n"
    lines = [entry_line(HostileNode.outsider(net).entry(
        "accounts.identity", {"name": f"Junk {n}", "custody": "self"}).envelope_bytes())
        for n in range(count)]
    answer = client.post(f"/sync/{net}/push", head + b"".join(lines),
                         content_type="application/x-ndjson")
    assert answer.status_code == 200


def test_the_report_counts_the_quarantine_and_who_filled_it(client, net, alice):
    clean = report(net)
    push_outsiders(client, net, 7)
    found = report(net)
    assert (clean.quarantined, found.quarantined) == (0, 7)
    assert found.quarantined_bytes > 0
    assert found.refusals == [(f"node {REMOTE_NODE.public_hex}", 7, 0)]
    assert found.frontier_authors == clean.frontier_authors == 2  # the founder and Alice
    assert found.entries == clean.entries
    assert found.database_bytes > 0


def test_the_doctor_command_prints_the_report(client, net, alice, monkeypatch):
    monkeypatch.setattr(operator_commands, "setup", lambda: None)
    monkeypatch.setenv("COLUMNS", "200")
    push_outsiders(client, net, 3)
    result = CliRunner().invoke(cli.app, ["doctor"])
    assert result.exit_code == 0, result.output
    assert "3 of 1000 entries" in result.output
    assert REMOTE_NODE.public_hex[:16] in result.output


def test_the_admit_command_admits_a_key(net, monkeypatch):
    monkeypatch.setattr(operator_commands, "setup", lambda: None)
    newcomer = HostileNode.outsider(net)
    result = CliRunner().invoke(cli.app, ["admit", newcomer.public_hex])
    assert result.exit_code == 0, result.output
    assert Admission.objects.filter(net=net, key=newcomer.public_hex).exists()
    identity = newcomer.write("accounts.identity", {"name": "Nia", "custody": "self"},
                              deps=[result.stdout.strip().splitlines()[-1]])
    assert identity.applied, identity


def test_the_admit_command_refuses_what_is_not_a_key(net, monkeypatch):
    monkeypatch.setattr(operator_commands, "setup", lambda: None)
    result = CliRunner().invoke(cli.app, ["admit", "not-a-key"])
    assert result.exit_code == 2
    assert not Admission.objects.exists()
