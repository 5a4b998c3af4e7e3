"""The only reads of the treasury that views, API and CLI use. The books are public (the
transparency page needs no login); what a person may do is asked of `steward_of`."""

from commoning.core.fields import HEX_ID
from commoning.treasury.models import Account, Approval, MonthTotal, Movement, Posting, Treasury


def _is_id(value) -> bool:
    return isinstance(value, str) and bool(HEX_ID.match(value))


def treasuries_in(net: str):
    return Treasury.objects.filter(net=net).order_by("opened_ts", "id")


def get_treasury(net: str, treasury_id: str) -> Treasury | None:
    """A treasury of this network, or None (the same for absent and malformed ids)."""
    if not _is_id(treasury_id):
        return None
    return Treasury.objects.filter(net=net, id=treasury_id).first()


def accounts_of(treasury: Treasury):
    return Account.objects.filter(treasury_id=treasury.id).order_by("kind", "name", "id")


def get_account(treasury: Treasury, account_id) -> Account | None:
    if not _is_id(account_id):
        return None
    return Account.objects.filter(treasury_id=treasury.id, id=account_id).first()


def movements_of(treasury: Treasury):
    """Every movement, newest first (keyset-paged by the callers)."""
    return Movement.objects.filter(treasury_id=treasury.id).order_by("-ts", "-id")


def pending_payments_of(treasury: Treasury):
    return Movement.objects.filter(treasury_id=treasury.id, kind="payment",
                                   status="pending").order_by("ts", "id")


def get_payment(net: str, payment_id) -> Movement | None:
    if not _is_id(payment_id):
        return None
    return Movement.objects.filter(net=net, id=payment_id, kind="payment").first()


def month_totals_of(treasury: Treasury, currency: str, months: int = 12) -> list[MonthTotal]:
    """The last `months` months that saw income or spending, oldest first."""
    rows = MonthTotal.objects.filter(treasury_id=treasury.id, currency=currency).order_by(
        "-month")[:months]
    return list(reversed(rows))


def postings_by_movement(movement_ids) -> dict[str, list[tuple[str, int]]]:
    """{movement id: [(account id, amount), ...]} for one page of movements, in one query."""
    found: dict[str, list] = {}
    for movement_id, account_id, amount in Posting.objects.filter(
            movement_id__in=list(movement_ids)).order_by("id").values_list(
            "movement_id", "account_id", "amount_minor"):
        found.setdefault(movement_id, []).append((account_id, amount))
    return found


def latest_effective_completion(payment: Movement) -> str | None:
    """The completing approval of the latest-dated payment that took effect under the same
    grant, dated after `payment`: what an approval lists so that the rule can refuse a
    backdated payment (events/payments.py)."""
    from commoning.treasury.events.payments import completing_approval

    latest = Movement.objects.filter(decision_id=payment.decision_id, kind="payment",
                                     status="effective").order_by("-ts", "-id").first()
    if latest is None or (latest.ts, latest.id) < (payment.ts, payment.id):
        return None
    return completing_approval(latest.id, latest.approvals_needed)


def approvals_of(payment: Movement):
    return Approval.objects.filter(payment_id=payment.id).order_by("ts", "id")
