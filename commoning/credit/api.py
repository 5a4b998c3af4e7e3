"""API of mutual credit under /api/credit: currencies, balances, history, paying and answering.
Amounts are integers of minor units; every write is an action, so the same rules apply."""

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from commoning.accounts.access import current_member
from commoning.accounts.actions import default_network
from commoning.apikit import KeysetPagination, TokenAuth
from commoning.credit import access, actions
from commoning.credit.rules import AMOUNT_MAX_MINOR, LIMIT_MAX_MINOR, MEMO_MAX

router = Router(tags=["credit"])


class CurrencyOut(Schema):
    id: str
    name: str
    symbol: str
    exponent: int
    default_limit_minor: int
    ceiling_minor: int | None
    steward_id: str
    volume_minor: int
    accepted_count: int
    loss_minor: int
    account_count: int
    created_ts: int


class CurrencyIn(Schema):
    name: str = Field(max_length=80, examples=["Valley hours"])
    symbol: str = Field(max_length=8, examples=["h"])
    exponent: int = Field(2, ge=0, le=4, description="Decimal places.")
    default_limit_minor: int = Field(0, ge=0, le=LIMIT_MAX_MINOR)
    ceiling_minor: int | None = Field(None, ge=1, le=LIMIT_MAX_MINOR)


class AccountOut(Schema):
    currency_id: str
    member_id: str
    balance_minor: int
    pending_out_minor: int
    limit_minor: int
    closed: bool


class MovementOut(Schema):
    entry_id: str
    counterparty_id: str
    amount_minor: int
    kind: str
    memo: str
    ts: int


class TransferIn(Schema):
    payee: str = Field(max_length=64, description="The member id of the payee.")
    amount_minor: int = Field(ge=1, le=AMOUNT_MAX_MINOR)
    memo: str = Field("", max_length=MEMO_MAX)


class TransferOut(Schema):
    id: str
    currency_id: str
    payer_id: str
    payee_id: str
    amount_minor: int
    memo: str
    ts: int
    status: str


class LimitIn(Schema):
    member: str = Field(max_length=64)
    limit: int = Field(ge=0, le=LIMIT_MAX_MINOR)


class IdOut(Schema):
    id: str


def _net() -> str:
    net = default_network()
    if net is None:
        raise Http404(_("This node serves no network yet."))
    return net


def _currency(currency_id: str):
    currency = access.currency_by_id(_net(), currency_id)
    if currency is None:
        raise Http404(_("No such currency."))
    return currency


@router.get("/currencies", response=list[CurrencyOut])
@paginate(KeysetPagination)
def list_currencies(request):
    """The network's currencies, by name."""
    return access.currencies_in(_net())


@router.post("/currencies", response={201: CurrencyOut}, auth=TokenAuth())
def create_currency(request, payload: CurrencyIn):
    """Start a currency; you are its first steward. Send an Idempotency-Key."""
    return Status(201, actions.create_currency(request.auth, **payload.dict()))


@router.get("/currencies/{currency_id}", response=CurrencyOut)
def get_currency(request, currency_id: str):
    """One currency: its name, symbol, decimal places, limits and totals."""
    return _currency(currency_id)


@router.get("/currencies/{currency_id}/accounts/{member_id}", response=AccountOut)
def get_account(request, currency_id: str, member_id: str):
    """A member's account: balance, payments waiting to be accepted, the binding limit."""
    currency = _currency(currency_id)
    account = access.account_in(_net(), currency.id, member_id)
    if account is None:
        raise Http404(_("No such account."))
    account.limit_minor = access.limit_of(currency, account)
    return account


@router.get("/currencies/{currency_id}/accounts/{member_id}/history",
            response=list[MovementOut])
@paginate(KeysetPagination)
def account_history(request, currency_id: str, member_id: str):
    """An account's accepted payments and write-offs, newest first (keyset pages)."""
    currency = _currency(currency_id)
    return access.history_query(currency.id, member_id[:64])


@router.post("/currencies/{currency_id}/transfers", response={201: IdOut}, auth=TokenAuth())
def pay(request, currency_id: str, payload: TransferIn):
    """Pay a member: a `credit.transfer` entry, pending until they accept. Send an
    Idempotency-Key, so a retry never pays twice."""
    currency = _currency(currency_id)
    return Status(201, {"id": actions.do_transfer(request.auth, currency.id, payload.payee,
                                                  payload.amount_minor, memo=payload.memo)})


@router.post("/currencies/{currency_id}/limits", response={201: IdOut}, auth=TokenAuth())
def set_limit(request, currency_id: str, payload: LimitIn):
    """A steward sets a member's credit limit."""
    currency = _currency(currency_id)
    return Status(201, {"id": actions.set_limit(request.auth, currency.id, payload.member,
                                                payload.limit)})


@router.get("/waiting", response=list[TransferOut], auth=TokenAuth())
@paginate(KeysetPagination)
def waiting(request):
    """Payments waiting for your answer."""
    member = current_member(request.auth)
    return access.waiting_for(_net(), member.id if member else "")


@router.post("/transfers/{transfer_id}/accept", response={201: IdOut}, auth=TokenAuth())
def accept(request, transfer_id: str):
    """Accept a payment made to you; it counts in both balances from now on."""
    return Status(201, {"id": actions.do_accept(request.auth, transfer_id)})


@router.post("/transfers/{transfer_id}/decline", response={201: IdOut}, auth=TokenAuth())
def decline(request, transfer_id: str):
    """Decline a payment made to you; the payer's amount is released."""
    return Status(201, {"id": actions.do_decline(request.auth, transfer_id)})


class WriteOffIn(Schema):
    member: str = Field(max_length=64)
    amount_minor: int = Field(ge=-LIMIT_MAX_MINOR, le=LIMIT_MAX_MINOR,
                              description="Moved from the loss account to the member: a debt "
                                          "of 30 is written off with 30.")


@router.post("/currencies/{currency_id}/writeoffs", response={201: IdOut}, auth=TokenAuth())
def write_off(request, currency_id: str, payload: WriteOffIn):
    """A steward settles a member's balance against the currency's loss account."""
    currency = _currency(currency_id)
    return Status(201, {"id": actions.do_write_off(request.auth, currency.id, payload.member,
                                                   payload.amount_minor)})


@router.post("/currencies/{currency_id}/close", response={201: IdOut}, auth=TokenAuth())
def close(request, currency_id: str):
    """Close your account: only at balance zero, with every payment you sent answered."""
    currency = _currency(currency_id)
    return Status(201, {"id": actions.do_close(request.auth, currency.id)})
