"""`commoning rebuild` recreates every projection from the log alone: the digest is unchanged."""

import pytest
from typer.testing import CliRunner

from commoning.accounts.actions import update_profile
from commoning.accounts.models import Member
from commoning.cli import main as cli
from commoning.commons.actions import create_commons, update_commons
from commoning.commons.models import Commons
from commoning.log.projection import rebuild, state_hash
from commoning.log.tests.kit import ingest, key_of, next_entry


@pytest.fixture
def history(net, alice, bob, carol, seed_library):
    update_commons(alice, seed_library.id, name="Valley seeds")
    create_commons(bob, name="Tool shed", licence="MIT", description="Hammers.")
    update_profile(carol, name="Carol C.", bio="Weaver.")
    ingest(next_entry(key_of(carol), net, "commons.update",
                      {"commons": seed_library.id, "name": "Mine"}, deps=[seed_library.id]))


def test_rebuild_then_state_hash_gives_the_same_digest(history):
    before = state_hash()
    counts = rebuild()
    # genesis, three admissions and identities, two creates, one update, one profile; Carol's
    # update refused
    assert counts == {"applied": 11, "rejected": 1, "cut": 0}
    assert state_hash() == before


def test_rebuild_repairs_projections_that_were_changed_behind_its_back(history):
    before = state_hash()
    Commons.objects.filter(name="Tool shed").update(name="Vandalised")
    Member.objects.filter(name="Carol C.").delete()
    assert state_hash() != before
    rebuild()
    assert state_hash() == before


def test_the_state_hash_of_one_network_ignores_another(history, net):
    from commoning.testing import make_network

    before = state_hash(net)
    make_network("Other Valley")
    assert state_hash(net) == before


def test_the_cli_rebuild_and_state_hash_commands_agree(history, monkeypatch):
    # The test database is already set up and migrated; the commands' own work is what counts.
    monkeypatch.setattr(cli, "setup", lambda: None)
    before = state_hash()
    runner = CliRunner()
    Commons.objects.filter(name="Tool shed").update(name="Vandalised")
    result = runner.invoke(cli.app, ["rebuild"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli.app, ["state-hash"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().splitlines()[-1] == before
