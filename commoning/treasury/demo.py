"""Demo data of the treasury: the valley association's books over a year: monthly dues, a few
donations, transfers to the reserve, and payments under granted spending decisions, each
approved by two stewards (one payment still waits for its second approval).

Seeded after the association (assoc's `seed_association`): its stewards open the books. Each
movement is dated in its month through the log's clock seam, but never before the latest entry
(an entry is never dated before what it depends on): on a node whose association was founded
today, the year collapses into today's month, each movement a moment after the last.
"""

from contextlib import contextmanager

from commoning.log import clock
from commoning.log.models import Entry
from commoning.treasury import actions, governance

MONTH_MS = 30 * 24 * 3600 * 1000
# (month, what the grant pays for, to whom, amount in cents)
GRANTS = [
    (2, "Hydraulic cylinder for the block press", "Valley Hydraulics", 42_000),
    (5, "Sensor boards, batch of 40", "Open Hardware Supply", 61_500),
    (8, "Seed library shelves and jars", "Mill Street Carpentry", 18_900),
    (10, "Soil lab reagents for the winter trials", "Agro Lab Supplies", 27_350),
]
DONATIONS = [(1, "Regional food cooperative", "250"), (4, "Anonymous, at the open day", "75.50"),
             (7, "Fab lab visitors' jar", "43.20"), (9, "Municipal small-projects fund", "1200")]


@contextmanager
def _dated(target_ts: int):
    """Move the log's clock to `target_ts`, or just after the latest entry if that is later (the
    clock never goes back, so no entry is dated before one it follows), while seeding."""
    latest = max(Entry.objects.values_list("ts", flat=True), default=0)
    moment = max(target_ts, latest + 1)
    real = clock.now_ms
    clock.now_ms = lambda: moment
    try:
        yield
    finally:
        clock.now_ms = real


def seed_treasury(users: dict, progress=print) -> None:
    stewards = _stewards(users)
    if len(stewards) < 2:
        progress("treasury: the association has fewer than two stewards; no books seeded")
        return
    first, second = stewards[0], stewards[1]
    now = clock.now_ms()
    start = now - 12 * MONTH_MS

    def month(number: int, day_ms: int = 0) -> int:
        return min(now, start + number * MONTH_MS + day_ms)

    with _dated(month(0)):
        treasury = actions.open_treasury(first, name="Valley Commons Association",
                                         currencies=[("EUR", 2)])

        def account(name, kind):
            return actions.open_account(first, treasury.id, name=name, kind=kind, currency="EUR")

        bank, cash = account("Cooperative bank account", "assets"), account("Cash box", "assets")
        dues, donations = account("Members' dues", "income"), account("Donations", "income")
        reserve = account("Repair reserve", "reserves")
        expenses = {pays_for: account(pays_for, "expenses") for _m, pays_for, _t, _a in GRANTS}
    for number in range(12):
        with _dated(month(number, 3_600_000)):
            for member_number in range(len(users)):
                actions.record_income(first, treasury.id, into=bank.id, source=dues.id,
                                      amount="5", memo=f"Dues, member {member_number + 1}")
            if number % 3 == 2:
                actions.record_transfer(second, treasury.id, from_account=bank.id,
                                        to_account=reserve.id, amount="20",
                                        memo="Quarterly repair reserve")
        for donation_month, donor, amount in DONATIONS:
            if donation_month == number:
                with _dated(month(number, 5 * 86_400_000)):
                    into = cash if "jar" in donor else bank
                    actions.record_income(second, treasury.id, into=into.id,
                                          source=donations.id, amount=amount, memo=donor)
        for grant_month, pays_for, payee, amount in GRANTS:
            if grant_month == number:
                _pay_grant(users, stewards, treasury, bank, expenses[pays_for], payee, amount,
                           month(number, 10 * 86_400_000), last=grant_month == GRANTS[-1][0])
    progress("treasury: a year of dues, donations and granted payments")


def _stewards(users: dict) -> list:
    from commoning.accounts.models import Account
    from commoning.association.roster import view_at

    net = Entry.objects.values_list("net", flat=True).exclude(net=None).first()
    view = view_at(net, governance.current_heads(net))
    member_of_user = dict(Account.objects.filter(user__in=users.values())
                          .values_list("user_id", "member_id"))
    return [user for _name, user in sorted(users.items())
            if member_of_user.get(user.id) in view.stewards]


def _pay_grant(users, stewards, treasury, bank, expenses, payee, amount, ts, *, last):
    from commoning.decisions.testing import pass_decision
    from commoning.treasury.testing import grant_effect

    effect = grant_effect(treasury.id, "EUR", amount, payee, expenses.id)
    with _dated(ts):
        decision = pass_decision(treasury.net, stewards[0], list(users.values()),
                                 _teller(users), effect=effect, kind="spending")
    # A day later (never past the real time), or just after the close if that is later.
    with _dated(min(ts + 86_400_000, clock.now_ms())):
        euros = f"{amount // 100}.{amount % 100:02d}"
        payment = actions.propose_payment(stewards[0], decision=decision,
                                          from_account=bank.id, amount=euros)
        for steward in stewards[: 1 if last else 2]:  # the last one still waits
            actions.approve_payment(steward, payment.id)


def _teller(users: dict):
    from commoning.accounts.models import Account
    from commoning.association.roster import view_at

    net = Entry.objects.values_list("net", flat=True).exclude(net=None).first()
    tellers = view_at(net, governance.current_heads(net)).tellers
    for user in users.values():
        if Account.objects.filter(user=user, member_id__in=tellers).exists():
            return user
    raise LookupError("the demo association has no teller")
