"""A closed round exported as a Pabulib file, re-counted by `commoning budget tally` (no node,
no database), selects exactly what the round selected, in the same order."""

import json
import subprocess
import sys
from pathlib import Path

from commoning.budgets import actions
from commoning.budgets.models import Project
from commoning.budgets.tests import kit
from commoning.core.budgeting.pabulib import read_pb

COMMONING = Path(sys.executable).parent / "commoning"


def closed_round(alice, bob, carol, dave, moved):
    round_row = kit.open_round(alice, moved.now, budget=1_000_00)
    costs = {"Lathe": 600_00, "Shelves": 500_00, "Labels": 300_00, "Kiln": 250_50}
    projects = {title: actions.propose_project(carol, round_row.id, title=title, cost_minor=cost)
                for title, cost in costs.items()}
    kit.to_voting(moved, round_row)
    ids = {title: project.id for title, project in projects.items()}
    actions.cast_ballot(alice, round_row.id, approve=[ids["Lathe"], ids["Shelves"]])
    actions.cast_ballot(carol, round_row.id, approve=[ids["Lathe"], ids["Kiln"]])
    actions.cast_ballot(dave, round_row.id, approve=[ids["Shelves"], ids["Labels"]])
    kit.to_counting(moved, round_row)
    actions.close_round(bob, round_row.id)
    return round_row


def test_budget_tally_of_the_export_gives_the_rounds_result(client, valley, alice, bob, carol,
                                                            dave, moved, tmp_path):
    round_row = closed_round(alice, bob, carol, dave, moved)
    response = client.get(f"/budgets/{round_row.id}/round.pb")
    assert response.status_code == 200
    (tmp_path / "round.pb").write_bytes(response.content)
    tallied = subprocess.run([str(COMMONING), "budget", "tally", "round.pb", "--json"],
                             capture_output=True, text=True, timeout=120, env={}, cwd=tmp_path,
                             check=True)
    outcome = json.loads(tallied.stdout)
    selected = Project.objects.filter(round_id=round_row.id, selected_rank__isnull=False)
    assert outcome["selected"] == [p.id for p in selected.order_by("selected_rank")]
    assert outcome["selected"]  # something was funded: the comparison is not empty = empty
    content = read_pb(response.content)
    # Kiln costs 250.50 EUR: the file keeps exact minor units and says so.
    assert content.meta["cost_unit"] == "minor"
    assert len(content.votes) == 3


def test_the_api_serves_the_same_file(client, valley, alice, bob, carol, dave, moved):
    round_row = closed_round(alice, bob, carol, dave, moved)
    page = client.get(f"/budgets/{round_row.id}/round.pb").content
    assert client.get(f"/api/budgets/{round_row.id}/round.pb").content == page
