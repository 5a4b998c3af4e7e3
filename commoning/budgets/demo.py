"""Demo data of participatory budgets: one closed round in the valley, shared between the
workshop's machine hours and the seed library, voted by the association's members.

Called by commoning/demo.py after the association is seeded; without one it does nothing."""

from contextlib import contextmanager

from django.db.models import Max

from commoning.accounts.models import Account
from commoning.budgets import actions, electorate
from commoning.log import clock
from commoning.log.models import Entry

TITLE = "Workshop machine hours and seed-library shelves, 2026"
BUDGET_MINOR = 3_000_00
PROJECTS = [
    ("Lathe hours for the press frame", 1_200_00,
     "Forty hours on the mill's lathe to turn the press cylinder mounts."),
    ("Seed-library shelves", 800_00,
     "Oak shelves and labelled jars for the seed library in the cooperative's barn."),
    ("CNC router spindle repair", 1_500_00,
     "A new spindle and bearings, so the router cuts the sensor enclosures again."),
    ("Germination test kit", 450_00,
     "Trays, a heat mat and a hygrometer to test every seed lot before it is shared."),
    ("Tuesday workshop consumables", 600_00,
     "Welding rods, cutting discs and safety glasses for a year of the Tuesday workshop."),
    ("Sensor board test jig", 900_00,
     "A pogo-pin jig that tests a soil-sensor board in ten seconds."),
]
# Which projects (by index above) each voter approves, in the order voters are found.
APPROVALS = [(0, 1, 3), (0, 2), (1, 3, 4), (0, 1), (2, 5), (1, 3), (0, 4, 5), (1, 2, 3)]
SECOND = 1_000


@contextmanager
def _clock_ahead(by_ms: int):
    """Run the demo's round a little ahead of the real clock, inside the log's ten-minute
    tolerance, so one seeding shows a closed round without waiting for its windows."""
    real = clock.now_ms
    clock.now_ms = lambda: real() + by_ms
    try:
        yield
    finally:
        clock.now_ms = real


def seed_budgets(progress=print) -> None:
    accounts = {account.member_id: account.user for account in
                Account.objects.select_related("user").exclude(user=None)}
    net = next((account.net for account in Account.objects.all()[:1]), None)
    seen = electorate.view(net, electorate.current_heads(net)) if net else None
    if seen is None or not seen.stewards or not seen.tellers:
        progress("no association with stewards and tellers: no budgeting round")
        return
    steward = accounts[sorted(seen.stewards & accounts.keys())[0]]
    teller = accounts[sorted(seen.tellers & accounts.keys())[0]]
    voters = [accounts[member] for member in sorted(seen.members & accounts.keys())]
    # The demos before this one (decisions) run their votes minutes ahead: start after the
    # latest entry, so the round's own entries are never bumped past its windows.
    latest = Entry.objects.filter(net=net).aggregate(latest=Max("ts"))["latest"] or 0
    start = max(clock.now_ms(), latest) + SECOND
    with _clock_ahead(start - clock.now_ms()):
        round_row = actions.open_round(
            steward, title=TITLE, budget_minor=BUDGET_MINOR, currency="EUR",
            proposing_closes_ms=start + 20 * SECOND, voting_closes_ms=start + 40 * SECOND)
        proposers = voters or [steward]
        projects = [
            actions.propose_project(proposers[i % len(proposers)], round_row.id, title=title,
                                    cost_minor=cost, description=description)
            for i, (title, cost, description) in enumerate(PROJECTS)
        ]
    with _clock_ahead(round_row.proposing_closes_ms + SECOND - clock.now_ms()):
        for voter, chosen in zip(voters, APPROVALS, strict=False):
            actions.cast_ballot(voter, round_row.id, approve=[projects[i].id for i in chosen])
    with _clock_ahead(round_row.voting_closes_ms + SECOND - clock.now_ms()):
        actions.close_round(teller, round_row.id)
    progress(f"a closed budgeting round: {len(projects)} projects, {len(voters)} ballots")
