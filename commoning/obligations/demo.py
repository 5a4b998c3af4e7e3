"""Demo debts in the valley, in euros: a cycle among the seed library (Hana, at the
cooperative), the Tuesday workshop (Gus) and a dairy farm (Farah) that a clearing run removed
with everyone's consent; a second cycle whose run still waits for answers; and a debt that
waits for its debtor's confirmation."""

from commoning.accounts.access import member_for
from commoning.obligations import actions

SETTLED_CYCLE = [  # (creditor, debtor, euro cents, what for)
    ("gus", "hana", 12000, "Repairs to the seed cleaner at the workshop"),
    ("farah", "gus", 8000, "Milk and cheese for the Tuesday workshop, spring"),
    ("hana", "farah", 9500, "Seed of the valley's open-pollinated maize, and soil tests"),
]
OPEN_CYCLE = [
    ("bob", "alice", 4500, "Two sensor boards for the press"),
    ("dave", "bob", 3000, "Vegetable box, May and June"),
    ("alice", "dave", 6000, "Welding the harrow frame"),
]


def _record(users, creditor, debtor, amount, memo, *, confirm=True):
    obligation = actions.record_obligation(
        users[creditor], debtor_id=member_for(users[debtor]).id, amount=amount, unit="EUR",
        memo=memo,
    )
    if confirm:
        actions.confirm_obligation(users[debtor], obligation.id)
    return obligation


def seed_obligations(users: dict, progress=print) -> None:
    for creditor, debtor, amount, memo in SETTLED_CYCLE:
        _record(users, creditor, debtor, amount, memo)
    settled = actions.start_run(users["hana"], unit="EUR")
    for name in ("hana", "gus", "farah"):
        actions.consent_to_run(users[name], settled.id)
    for creditor, debtor, amount, memo in OPEN_CYCLE:
        _record(users, creditor, debtor, amount, memo)
    waiting = actions.start_run(users["alice"], unit="EUR")
    actions.consent_to_run(users["alice"], waiting.id)
    _record(users, "eve", "carol", 4000, "Translating the field-trial guide into Portuguese",
            confirm=False)
    progress("7 debts in EUR, a clearing run that removed a cycle and one waiting for consent")
