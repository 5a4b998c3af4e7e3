"""Demo data of mutual credit: the valley's time bank and its local currency, with a few dozen
payments among the demo members, some waiting for an answer, one declined, and a member who
settled with the stewards and left. Made through the same actions members use."""

from commoning.credit.actions import (
    create_currency,
    do_accept,
    do_close,
    do_decline,
    do_transfer,
    do_write_off,
    set_limit,
)

# (payer, payee, amount in minor units, what for): hours in hundredths, pounds in pence.
HOURS = [
    ("gus", "farah", 300, "Tuesday workshop: lathe basics"),
    ("farah", "alice", 150, "Welding the trailer hitch"),
    ("alice", "bob", 225, "Debugging the press controller"),
    ("bob", "hana", 100, "Soil sample analysis"),
    ("hana", "carol", 200, "Trial plot layout"),
    ("carol", "eve", 175, "Translating the seed handbook chapter"),
    ("eve", "gus", 125, "Proofreading the workshop notes"),
    ("dave", "farah", 250, "Milking cover for a weekend"),
    ("farah", "dave", 100, "Seedlings for the spring plots"),
    ("alice", "gus", 200, "Machining the ram guide"),
    ("bob", "eve", 75, "Portuguese sensor guide"),
    ("hana", "dave", 150, "Cover-crop seed cleaning"),
    ("carol", "farah", 300, "Hosting the field day"),
    ("gus", "alice", 100, "Borrowed the fab lab for an evening"),
    ("dave", "carol", 125, "Germination tests"),
    ("eve", "hana", 50, "Lab bench notes transcribed"),
    ("farah", "bob", 200, "Fixing the milking parlour sensor"),
    ("alice", "hana", 100, "Soil test for the block press"),
]
POUNDS = [
    ("carol", "dave", 1250, "Two crates of tomatoes"),
    ("alice", "farah", 800, "Cheese for the build day"),
    ("bob", "gus", 2000, "Used bench vice"),
    ("hana", "alice", 1500, "Laser-cut sample trays"),
    ("gus", "carol", 600, "Seed packets"),
    ("farah", "hana", 950, "Soil carbon test"),
    ("dave", "bob", 1200, "Greenhouse controller repair"),
    ("eve", "dave", 450, "Salad boxes"),
    ("carol", "bob", 700, "Sensor for the trial plots"),
    ("gus", "farah", 500, "Milk and eggs"),
    ("hana", "eve", 900, "Translating the lab protocol"),
    ("alice", "dave", 350, "Seedlings"),
]
WAITING = [  # left for the payee to answer
    ("bob", "alice", 150, "hours", "Help moving the CNC"),
    ("dave", "eve", 600, "pounds", "Newsletter layout"),
    ("farah", "carol", 100, "hours", "Advice on the clover trial"),
]


def _id(user) -> str:
    return user.account.member_id


def seed_credit(users: dict, progress=print) -> None:
    progress("Starting Valley hours and the Valley pound...")
    hours = create_currency(users["gus"], name="Valley hours", symbol="h", exponent=2,
                            default_limit_minor=1000)
    pounds = create_currency(users["carol"], name="Valley pound", symbol="V£", exponent=2,
                             default_limit_minor=5000, ceiling_minor=50_000)
    set_limit(users["carol"], pounds.id, _id(users["farah"]), 10_000)  # a dairy's cash flow
    by_name = {"hours": hours, "pounds": pounds}
    for currency, payments in ((hours, HOURS), (pounds, POUNDS)):
        for payer, payee, amount, memo in payments:
            transfer_id = do_transfer(users[payer], currency.id, _id(users[payee]), amount,
                                      memo=memo)
            do_accept(users[payee], transfer_id)
    declined = do_transfer(users["eve"], pounds.id, _id(users["gus"]), 300, memo="Bread?")
    do_decline(users["gus"], declined)  # Gus had given the bread as a gift
    for payer, payee, amount, currency, memo in WAITING:
        do_transfer(users[payer], by_name[currency].id, _id(users[payee]), amount, memo=memo)
    # Eve leaves the time bank: the stewards write her balance off, then she closes.
    from commoning.credit.access import balance_of

    eve_hours = balance_of(hours.net, hours.id, _id(users["eve"]))
    if eve_hours:
        do_write_off(users["gus"], hours.id, _id(users["eve"]), -eve_hours)
    do_close(users["eve"], hours.id)
