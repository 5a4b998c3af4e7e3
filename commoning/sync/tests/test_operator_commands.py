"""`commoning operators grant|revoke|list` and the operator's peer commands: pair-code and
confirm (the command line acts as an operator: it holds the node's files and keys)."""

import pytest
from typer.testing import CliRunner

from commoning.accounts.operators import is_operator
from commoning.cli.main import app
from commoning.sync.models import PairingCode, Peer

pytestmark = pytest.mark.django_db


def run(*args):
    return CliRunner().invoke(app, list(args))


def test_it_grants_lists_and_revokes_operators(alice):
    granted = run("operators", "grant", "alice")
    assert granted.exit_code == 0, granted.output
    assert is_operator(alice)
    assert "alice" in run("operators", "list").output
    assert run("operators", "revoke", "alice").exit_code == 0
    assert not is_operator(alice)


def test_it_says_when_there_is_no_such_login(db):
    answer = run("operators", "grant", "mallory")
    assert answer.exit_code == 2 and "no login 'mallory'" in answer.output


def test_it_prints_a_one_time_pairing_code(net):
    answer = run("peers", "pair-code")
    assert answer.exit_code == 0, answer.output
    code = answer.stdout.strip().splitlines()[-1]
    assert len(code) == 11 and code[5] == "-"
    assert PairingCode.objects.count() == 1


def test_it_confirms_a_proposed_peer(net):
    peer = Peer.objects.create(net=net, url="http://lan.test:8000", discovered=True,
                               confirmed=False)
    answer = run("peers", "confirm", str(peer.id))
    assert answer.exit_code == 0, answer.output
    peer.refresh_from_db()
    assert peer.confirmed
