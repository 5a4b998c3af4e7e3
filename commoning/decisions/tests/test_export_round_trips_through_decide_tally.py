"""`commoning decide export` writes the file the close tallied; `commoning decide tally` on it,
with no node, prints the digest the node shows."""

import orjson
from typer.testing import CliRunner

from commoning.cli.main import app
from commoning.decisions import actions
from commoning.decisions.export import decision_bytes
from commoning.decisions.outcome import outcome_of
from commoning.decisions.tests.kit import close_at_end, open_vote
from commoning.work.tests.artifact_kit import api_client


def test_the_exported_file_tallies_to_the_nodes_digest(association, net, alice, bob, carol,
                                                       dave, tmp_path):
    proposal = open_vote(alice, method="stv", options=["ana", "ben", "cai", "dia"], seats=2)
    actions.vote(alice, proposal.id, {"ranking": ["ana", "ben"]})
    actions.vote(bob, proposal.id, {"ranking": ["ben", "ana"]})
    actions.vote(carol, proposal.id, {"ranking": ["cai", "ben"]})
    actions.vote(dave, proposal.id, {"ranking": ["ana", "cai"]})
    outcome = outcome_of(net, close_at_end(carol, proposal).id)
    exported = tmp_path / "decision.json"
    exported.write_bytes(decision_bytes(net, proposal.id))
    result = CliRunner().invoke(app, ["decide", "tally", str(exported)])
    assert result.exit_code == 0, result.output
    printed = orjson.loads(result.output)
    assert printed["digest"] == outcome.tally["digest"]
    assert printed["winners"] == outcome.winners
    assert len(outcome.winners) == 2
    # The API serves the same file.
    served = api_client(bob).get(f"/api/decisions/{proposal.id}/export")
    assert served.status_code == 200
    assert served.json() == orjson.loads(exported.read_bytes())


def test_an_open_vote_has_no_export(association, alice, bob):
    proposal = open_vote(alice)
    assert api_client(bob).get(f"/api/decisions/{proposal.id}/export").status_code == 404
