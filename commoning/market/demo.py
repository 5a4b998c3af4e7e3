"""Demo market: a dozen offers and wants in the valley (an open-hardware network and a farmers'
learning network), a reply thread, and an agreement paid in the local currency."""

from commoning.accounts.models import Account
from commoning.credit.access import currencies_in
from commoning.credit.actions import create_currency, do_accept
from commoning.market.actions import (
    accept_agreement,
    create_listing,
    pay_agreement,
    propose_agreement,
)
from commoning.talk.actions import post_comment

LOCAL_CURRENCY = ("Valley pound", "VP")
UPPER, LOWER, MILL = (46_530_000, 6_610_000), (46_490_000, 6_580_000), (46_510_000, 6_640_000)
# (who, side, kind, category, title, place, coordinates, price in pence or None for a gift,
#  description)
LISTINGS = [
    ("bob", "offer", "service", "repair", "Bicycle and small-engine repair", "Lower Valley",
     LOWER, 2_500, "Chains, brakes, carburettors, pull-starts. Bring it Saturday morning."),
    ("bob", "offer", "hospitality", "lodging", "A bed for a travelling member", "Lower Valley",
     LOWER, None, "A spare room for one or two nights; breakfast from the garden."),
    ("dave", "offer", "goods", "food", "Seed swap: beans, squash and tomatoes", "Upper Valley",
     UPPER, None, "Open-pollinated, saved last autumn. Bring seed of your own to swap."),
    ("carol", "want", "goods", "food", "Old maize varieties for the field trial", "Upper Valley",
     UPPER, None, "Any local flint or dent maize your grandparents grew."),
    ("gus", "offer", "service", "farming", "Two-wheel tractor hours, with implements",
     "Old Mill", MILL, 1_500, "Per hour: harrow, seeder or flail mower, with me driving."),
    ("farah", "want", "skill", "repair", "A welder for a cattle-trailer hitch", "Upper Valley",
     UPPER, 4_000, "The hitch plate cracked; it needs a proper repair before the autumn fair."),
    ("alice", "offer", "skill", "tools", "CNC plasma cutting at the fab lab", "Old Mill", MILL,
     2_000, "Per job up to an hour; bring a DXF or a sketch with measurements."),
    ("hana", "offer", "service", "farming", "Soil test: pH, nitrogen and organic carbon",
     "Cooperative", UPPER, 1_200, "Results within a week, explained in plain words."),
    ("eve", "offer", "skill", "learning", "Translation into Portuguese or Spanish", "", None,
     1_000, "Per page of a build guide or a handbook chapter."),
    ("farah", "offer", "goods", "food", "Raw milk, two litres a day", "Upper Valley", UPPER,
     300, "Collect at the farm gate before nine."),
    ("hana", "want", "hospitality", "lodging", "Two nights for a visiting researcher",
     "Upper Valley", None, None, "In early spring, for the cover-crop field day."),
    ("gus", "offer", "skill", "learning", "Lathe lessons on Tuesday evenings", "Old Mill", MILL,
     None, "Free for anyone building something for a commons."),
]


def _local_currency(users) -> str:
    """The valley's local currency: the credit demo's if it made one (found by name, since the
    time bank also counts in hundredths), else one stewarded by Alice."""
    net = Account.objects.get(user=users["alice"]).net
    name, symbol = LOCAL_CURRENCY
    for currency in currencies_in(net):
        if currency.name == name:
            return currency.id
    return create_currency(users["alice"], name=name, symbol=symbol, exponent=2,
                           default_limit_minor=50_000).id


def seed_market(users: dict, progress=print) -> None:
    currency_id = _local_currency(users)
    listings = {}
    for who, side, kind, category, title, place, at, price, description in LISTINGS:
        lat, lon = at or (None, None)
        listings[title] = create_listing(
            users[who], side=side, kind=kind, category=category, title=title, place=place,
            lat=lat, lon=lon, currency=currency_id if price is not None else "",
            amount_minor=price, description=description)
    welder = listings["A welder for a cattle-trailer hitch"]
    post_comment(users["dave"], welder.id, body="I weld now and then; I could look at it on "
                                                "Thursday. Is the plate steel or cast?")
    post_comment(users["farah"], welder.id, body="Steel, 10 mm. Thursday suits me.")
    # Farah takes three hours of Gus's tractor; he accepts, she pays, he accepts the payment.
    tractor = listings["Two-wheel tractor hours, with implements"]
    agreement = propose_agreement(users["farah"], tractor.id, currency=currency_id,
                                  amount_minor=3 * 1_500)
    accept_agreement(users["gus"], agreement.id)
    do_accept(users["gus"], pay_agreement(users["farah"], agreement.id))
    progress(f"market: {len(LISTINGS)} offers and wants, an agreement paid in the local currency")
