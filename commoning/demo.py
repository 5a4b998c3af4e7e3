"""The demo network: a valley where an open-hardware group and a farmers' learning network
share one log. Seeded once; every object in it is made through the same actions members use.
"""

from contextlib import contextmanager

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max

from commoning.accounts.actions import create_network, default_network, sign_up, update_profile
from commoning.accounts.operators import grant as grant_operator
from commoning.association.demo import seed_association
from commoning.budgets.demo import seed_budgets
from commoning.commons.access import commons_in
from commoning.commons.actions import create_commons, update_commons
from commoning.credit.demo import seed_credit
from commoning.decisions.demo import seed_decisions
from commoning.log import clock
from commoning.log.models import Entry
from commoning.market.demo import seed_market
from commoning.obligations.demo import seed_obligations
from commoning.search.index import catch_up
from commoning.talk.demo import seed_conversation
from commoning.treasury.demo import seed_treasury
from commoning.work.demo import seed_peer_production

DEMO_PASSWORD = "commons-demo-2026"
NETWORK_NAME = "Valley Commons Network"

MEMBERS = [
    ("alice", "Alice Moreau", "Runs the fab lab in the old mill; CNC, welding and hydraulics."),
    ("bob", "Bob Okafor", "Electronics and firmware; keeps the sensor boards alive."),
    ("carol", "Carol Nguyen", "Agronomist; coordinates the farmers' field trials."),
    ("dave", "Dave Lindqvist", "Market gardener, seed saver, occasional welder."),
    ("eve", "Eve Santos", "Documentation and translation; Portuguese and Spanish."),
    ("farah", "Farah Haddad", "Dairy farmer; tests every machine in real mud."),
    ("gus", "Gus Petrov", "Retired machinist; teaches the Tuesday workshop."),
    ("hana", "Hana Kimura", "Soil scientist at the cooperative; runs the lab bench."),
]

COMMONS = [
    (
        "alice",
        "Compressed Earth Block Press",
        "CERN-OHL-S-2.0",
        "An open-source hydraulic press that makes building blocks from local soil.\n\n"
        "Mission: a press any regional fab lab can build from steel stock and a salvaged "
        "hydraulic cylinder, with drawings, a bill of materials and a build guide.",
    ),
    (
        "bob",
        "Open Soil Moisture Sensor",
        "CERN-OHL-W-2.0",
        "A capacitive soil-moisture probe with a LoRa radio, solar powered, under 20 EUR in parts.",
    ),
    (
        "carol",
        "Seed Saving Handbook",
        "CC-BY-SA-4.0",
        "A field handbook on saving seed of the valley's open-pollinated varieties, written by the "
        "farmers who grow them, in four languages.",
    ),
    (
        "hana",
        "Soil Health Field Trials",
        "ODbL-1.0",
        "An open dataset of cover-crop trials on twelve farms: plots, treatments, yields, "
        "soil carbon.",
    ),
    (
        "gus",
        "Two-Wheel Tractor Implements",
        "CERN-OHL-S-2.0",
        "A family of implements (harrow, seeder, flail mower) for the common two-wheel tractors.",
    ),
    (
        "dave",
        "Valley Seed Library",
        "CC0-1.0",
        "The catalogue and lending records of the seed library at the cooperative.",
    ),
]


# Records change over time: (who, which commons, the fields they change). Applied after the
# peer-production demo, which finds commons by their first names.
COMMONS_UPDATES = [
    (
        "alice",
        "Compressed Earth Block Press",
        {
            "description": "An open-source hydraulic press that makes building blocks from "
            "local soil.\n\nMission: a press any regional fab lab can build from steel stock and "
            "a salvaged hydraulic cylinder, with drawings, a bill of materials and a build guide."
            "\n\nStatus: the second prototype presses 6 blocks a minute; the build guide is in "
            "review.",
        },
    ),
    ("bob", "Open Soil Moisture Sensor", {"name": "Open Soil Moisture Sensor (LoRa)"}),
    ("hana", "Soil Health Field Trials", {"licence": "CC-BY-4.0"}),
]


# The demo's votes, budgeting round and treasury move the log's clock forward to close their
# windows (minutes in all). Seeding the whole history this far back keeps every entry behind
# the real clock, so none is dated beyond the log's ten-minute tolerance for the future.
SEEDED_BEFORE_NOW_MS = 2 * 60 * 60 * 1000


class _SeedingClock:
    """A clock `by_ms` behind the real one that, between parts of the demo, catches up with the
    latest entry: a part that moved time forward to close its votes leaves the clock there for
    the parts after it, as time would have passed. (It catches up only between parts: a part
    that moves the clock itself reads this one as its base.)"""

    def __init__(self, by_ms: int):
        self.real = clock.now_ms
        self.by_ms = by_ms
        self.floor = 0

    def __call__(self) -> int:
        return max(self.real() - self.by_ms, self.floor)

    def catch_up(self) -> None:
        self.floor = Entry.objects.aggregate(latest=Max("ts"))["latest"] or 0


@contextmanager
def _seeded_in_the_past(by_ms: int):
    seeding_clock = _SeedingClock(by_ms)
    clock.now_ms = seeding_clock
    try:
        yield seeding_clock
    finally:
        clock.now_ms = seeding_clock.real


@transaction.atomic
def seed_demo(progress=print) -> bool:
    """Create the demo network, members and commons unless a network exists; True if created."""
    if default_network():
        return False
    with _seeded_in_the_past(SEEDED_BEFORE_NOW_MS) as seeding_clock:
        return _seed(progress, seeding_clock.catch_up)


def _seed(progress, catch_up_clock) -> bool:
    net = create_network(NETWORK_NAME)
    progress(f"network {NETWORK_NAME}")
    users = {}
    for username, name, bio in MEMBERS:
        users[username] = sign_up(net, username=username, password=DEMO_PASSWORD, display_name=name)
        update_profile(users[username], bio=bio)
    progress(f"{len(MEMBERS)} members")
    grant_operator("alice", by="demo")  # she runs the node: peers, sync and bundles
    for username, name, licence, description in COMMONS:
        create_commons(users[username], name=name, licence=licence, description=description)
    progress(f"{len(COMMONS)} commons")
    seed_peer_production(users, progress=progress)
    catch_up_clock()
    seed_conversation(users, progress=progress)
    catch_up_clock()
    seed_credit(users, progress=progress)
    catch_up_clock()
    seed_market(users, progress=progress)
    catch_up_clock()
    seed_association(users, progress=progress)
    catch_up_clock()
    seed_decisions(users, progress=progress)  # after the association's seed
    catch_up_clock()
    seed_obligations(users, progress=progress)
    catch_up_clock()
    seed_treasury(users, progress=progress)
    catch_up_clock()
    seed_budgets(progress=progress)  # after the association is seeded
    catch_up_clock()
    by_name = {commons.name: commons for commons in commons_in(net)}
    for username, commons_name, changes in COMMONS_UPDATES:
        update_commons(users[username], by_name[commons_name].id, **changes)
    progress(f"{len(COMMONS_UPDATES)} commons updates")
    progress(f"{catch_up()} objects indexed for search")
    return True


def demo_user(username: str):
    return get_user_model().objects.get(username=username)
