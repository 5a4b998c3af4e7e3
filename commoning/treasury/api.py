"""API of the treasury: the public books (treasuries, accounts, movements) and the stewards'
writes (income, payments, approvals). Amounts go out and come in as integer minor units."""

from django.http import Http404, StreamingHttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from commoning.accounts.actions import default_network
from commoning.apikit import Keyed, KeysetPagination, TokenAuth
from commoning.treasury import access, actions
from commoning.treasury.csv_export import csv_lines
from commoning.treasury.money import format_minor

router = Router(tags=["treasury"])
ID = Field(..., min_length=64, max_length=64, pattern="^[0-9a-f]{64}$")


class AccountOut(Schema):
    id: str
    name: str
    kind: str
    currency: str
    balance_minor: int = Field(description="Sum of the postings with effect; debits positive.")


class TreasuryOut(Schema):
    id: str
    name: str
    currencies: dict[str, int] = Field(description="Currency code -> exponent (minor units).")
    opened_ts: int


class MovementOut(Schema):
    id: str
    kind: str = Field(description="income, transfer or payment")
    status: str = Field(description="effective, pending (a payment waiting for approvals) or "
                        "over_grant (approved, but its grant had no room left)")
    currency: str
    amount_minor: int
    memo: str
    author_id: str
    ts: int
    decision_id: str
    payee: str
    approvals_needed: int
    approvers: list[str]
    postings: list[tuple[str, int]] = Field(description="(account id, amount): debits positive")


class IncomeIn(Schema):
    into: str = ID
    source: str = ID
    amount_minor: int = Field(..., gt=0, le=10**15)
    memo: str = Field("", max_length=200)


class PaymentIn(Schema):
    decision: str = ID
    from_account: str = ID
    amount_minor: int = Field(..., gt=0, le=10**15)
    memo: str = Field("", max_length=200)


def _net() -> str:
    net = default_network()
    if net is None:
        raise Http404(_("This node serves no network yet."))
    return net


def _treasury(treasury_id: str):
    treasury = access.get_treasury(_net(), treasury_id)
    if treasury is None:
        raise Http404(_("No such treasury."))
    return treasury


def _with_postings(rows):
    postings = access.postings_by_movement([row.id for row in rows])
    for row in rows:
        row.postings = postings.get(row.id, [])
    return rows


@router.get("", response=list[TreasuryOut])
@paginate(KeysetPagination)
def list_treasuries(request):
    """The network's treasuries, oldest first (keyset pages)."""
    return Keyed(access.treasuries_in(_net()))


@router.get("/{treasury_id}/accounts", response=list[AccountOut])
@paginate(KeysetPagination)
def list_accounts(request, treasury_id: str):
    """The accounts of a treasury with their balances, by kind and name (keyset pages)."""
    return Keyed(access.accounts_of(_treasury(treasury_id)))


@router.get("/{treasury_id}/movements", response=list[MovementOut])
@paginate(KeysetPagination)
def list_movements(request, treasury_id: str):
    """Every movement, newest first, with its postings."""
    return Keyed(access.movements_of(_treasury(treasury_id)), _with_postings)


@router.get("/{treasury_id}/movements.csv")
def movements_csv(request, treasury_id: str):
    """Every movement as CSV (one row per posting), streamed."""
    return StreamingHttpResponse(csv_lines(_treasury(treasury_id)),
                                 content_type="text/csv; charset=utf-8")


def _text_amount(treasury, account_id: str, amount_minor: int) -> str:
    account = access.get_account(treasury, account_id)
    exponent = treasury.currencies.get(account.currency, 2) if account else 2
    return format_minor(amount_minor, exponent)


@router.post("/{treasury_id}/income", response={201: MovementOut}, auth=TokenAuth())
def record_income(request, treasury_id: str, payload: IncomeIn):
    """Record dues or a donation received (stewards only): debit `into` (assets), credit
    `source` (income)."""
    treasury = _treasury(treasury_id)
    movement = actions.record_income(
        request.auth, treasury.id, into=payload.into, source=payload.source,
        amount=_text_amount(treasury, payload.into, payload.amount_minor), memo=payload.memo)
    return Status(201, _with_postings([movement])[0])


@router.post("/{treasury_id}/payments", response={201: MovementOut}, auth=TokenAuth())
def propose_payment(request, treasury_id: str, payload: PaymentIn):
    """Propose a payment under a passed decision that granted it (stewards only); it takes
    effect once the statutes' number of stewards approved it."""
    treasury = _treasury(treasury_id)
    movement = actions.propose_payment(
        request.auth, treasury_id=treasury.id, decision=payload.decision,
        from_account=payload.from_account,
        amount=_text_amount(treasury, payload.from_account, payload.amount_minor),
        memo=payload.memo)
    return Status(201, _with_postings([movement])[0])


@router.post("/payments/{payment_id}/approvals", response={201: MovementOut}, auth=TokenAuth())
def approve_payment(request, payment_id: str):
    """Approve a pending payment (stewards only), by an entry on your own feed."""
    return Status(201, _with_postings([actions.approve_payment(request.auth, payment_id)])[0])
