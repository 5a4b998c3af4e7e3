"""Demo decisions of the valley's association: a closed vote of every method (consent,
majority, approval, score, instant runoff, Schulze, and STV electing two stewards), a standing
delegation on a topic, and an open vote members can still cast a ballot in.

The demo runs on a moved clock: each closed vote is open for a minute and closed at its end,
one after another, so the whole history sits within the log's 10-minute tolerance of now.
"""

from commoning.accounts.access import account_for
from commoning.decisions import actions, rules
from commoning.decisions.electorate import current_roster_heads, view_of
from commoning.decisions.testing import clock_at
from commoning.log import clock

DAY_MS = 24 * 3_600_000
TOPIC = "workshop tools"


def _closed(users, teller, start, proposer, question, method, ballots, **options):
    """Propose at `start`, cast `ballots` ({username: content}), close a minute later."""
    closes_at = start + rules.WINDOW_MIN_MS
    with clock_at(start):
        proposal = actions.propose(users[proposer], question=question, method=method,
                                   closes_at=closes_at, **options)
        for username, content in ballots.items():
            actions.vote(users[username], proposal.id, content)
    with clock_at(closes_at):
        actions.close(users[teller], proposal.id)
    return closes_at + 1_000


def seed_decisions(users, progress=print) -> None:
    """Needs the association (assoc's demo seeds it); skipped, saying so, when it is absent."""
    net = account_for(users["alice"]).net
    view = view_of(net, current_roster_heads(net))
    if not view.founded or not view.tellers:
        progress("no association with tellers: no demo decisions")
        return
    by_member = {account_for(user).member_id: name for name, user in users.items()}
    voters = [by_member[member] for member in sorted(view.members) if member in by_member]
    teller = by_member[sorted(view.tellers)[0]]
    yes_no = {name: {"choice": "yes"} for name in voters[:4]} | {
        name: {"choice": "no"} for name in voters[4:5]}
    t = clock.now_ms()
    for name in voters[1:3]:
        actions.delegate(users[name], topic=TOPIC,
                         delegate_id=account_for(users[voters[0]]).member_id)
    t = _closed(users, teller, t, voters[0], "Open the workshop to the farmers on Saturdays?",
                "consent", {voters[0]: {"choice": "yes"}, voters[1]: {"choice": "abstain"},
                            voters[-1]: {"choice": "yes"}})
    t = _closed(users, teller, t, voters[1], "Rent the second barn for the seed library?",
                "majority", yes_no)
    machines = ["bandsaw", "laser cutter", "lathe", "plasma table"]
    t = _closed(users, teller, t, voters[0], "Which machines should the fab lab share first?",
                "approval", {name: {"approve": machines[i % 3: i % 3 + 2]}
                             for i, name in enumerate(voters)}, options=machines, seats=2)
    crops = ["clover", "phacelia", "rye", "vetch"]
    t = _closed(users, teller, t, voters[2], "Rate the cover crops for next year's trials",
                "score", {name: {"scores": {crop: (i + j) % 6 for j, crop in enumerate(crops)}}
                          for i, name in enumerate(voters)}, options=crops)
    days = ["Monday", "Tuesday", "Thursday"]
    t = _closed(users, teller, t, voters[0], "Which evening for the repair café?", "irv",
                {name: {"ranking": days[i % 3:] + days[: i % 3]}
                 for i, name in enumerate(voters)}, options=days, topic=TOPIC)
    names = ["Hydraulics", "Sensors", "Seeds"]
    t = _closed(users, teller, t, voters[1], "Which working group gets the spring grant?",
                "schulze", {name: {"ranking": names[i % 3:] + names[: i % 3]}
                            for i, name in enumerate(voters)}, options=names)
    candidates = [account_for(users[name]).member_id for name in voters[:4]]
    t = _closed(users, teller, t, voters[2], "Elect two stewards for the coming year", "stv",
                {name: {"ranking": candidates[i % 4:] + candidates[: i % 4]}
                 for i, name in enumerate(voters)}, options=candidates, seats=2,
                effect={"kind": "elect", "role": "steward"})
    with clock_at(t):
        actions.propose(users[voters[0]], question="Buy a used CNC router for the fab lab?",
                        method="majority", closes_at=t + 5 * DAY_MS, topic=TOPIC)
    progress("7 closed decisions, one open vote and a delegation")
