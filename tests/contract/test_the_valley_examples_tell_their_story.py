"""The example files in docs/examples (the valley's vote on a shared machine, its farms' and
workshops' debts) are what the docs tell a member to try with `commoning decide tally` and
`commoning credit clear`; this keeps their story true: the commands, run as a member would
with no node, give the outcome the docs describe."""

import json
import subprocess
import sys
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
COMMONING = Path(sys.executable).parent / "commoning"


def run(*args) -> str:
    result = subprocess.run([str(COMMONING), *args], capture_output=True, text=True,
                            timeout=120, env={}, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_machine_vote_goes_to_the_grain_mill_after_two_eliminations():
    outcome = json.loads(run("decide", "tally", str(EXAMPLES / "valley-machine-vote.json")))
    assert outcome["quorum_reached"] is True
    assert outcome["winners"] == ["grain-mill"]
    eliminated = [option for round_ in outcome["rounds"] for option in round_["eliminated"]]
    assert eliminated == ["laser-cutter", "seed-cleaner"]
    # The mill led the first count; the seed cleaner's voters carried it past the router.
    first, last = outcome["rounds"][0]["tallies"], outcome["rounds"][-1]["tallies"]
    assert first["grain-mill"] > first["cnc-router"] and last == {"cnc-router": 13,
                                                                   "grain-mill": 15}
    # member-21 voted twice: only the later ballot (seq 2) counts, so 29 ballots, not 30.
    assert sum(first.values()) == 28  # 29 ballots, one of them empty


def test_the_valley_debts_clear_their_cycles_and_leave_the_chain():
    outcome = json.loads(run("credit", "clear", str(EXAMPLES / "valley-debts.csv"), "--json"))
    assert outcome["certificate_ok"] is True
    assert (outcome["total"], outcome["cleared"], outcome["remaining"]) == (146000, 113000, 33000)
    set_off = outcome["set_off"]
    # The fab lab's debt to the mill lies on no cycle: nothing of it can be set off.
    assert set_off["inv-108"] == 0
    # The bakery and the orchard owe each other: the smaller debt clears both ways.
    assert set_off["inv-106"] == set_off["inv-107"] == 9000
