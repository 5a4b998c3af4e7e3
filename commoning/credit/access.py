"""The only reads of mutual credit that views, API and CLI use."""

from commoning.core.fields import HEX_ID
from commoning.credit.events.feed import account_id
from commoning.credit.models import Account, Currency, LimitGrant, Movement, Outcome, Transfer

HISTORY_PAGE = 25


def _is_id(value) -> bool:
    return isinstance(value, str) and bool(HEX_ID.match(value))


def currencies_in(net: str):
    """The currencies of a network, by name."""
    return Currency.objects.filter(net=net).order_by("name", "id")


def currency_by_id(net: str, currency_id: str) -> Currency | None:
    """A currency of this network, or None (the same for absent, elsewhere and malformed)."""
    if not _is_id(currency_id):
        return None
    return Currency.objects.filter(net=net, id=currency_id).first()


def account_in(net: str, currency_id: str, member_id: str) -> Account | None:
    if not (_is_id(currency_id) and _is_id(member_id)):
        return None
    return Account.objects.filter(net=net, id=account_id(currency_id, member_id)).first()


def balance_of(net: str, currency_id: str, member_id: str) -> int:
    """A member's shared balance in minor units (0 for a member who never used the currency)."""
    account = account_in(net, currency_id, member_id)
    return account.balance_minor if account else 0


def limit_of(currency: Currency, account: Account | None) -> int:
    """The limit that binds the member's next payment: the latest grant, else the one named."""
    if account is None:
        return currency.default_limit_minor
    newer_grant = account.granted_limit_clock > account.limit_clock
    if account.granted_limit_minor is not None and newer_grant:
        return account.granted_limit_minor
    return account.limit_minor


def latest_grant(currency_id: str, member_id: str) -> LimitGrant | None:
    return (LimitGrant.objects.filter(currency_id=currency_id, member_id=member_id)
            .order_by("-clock").first())


def unseen_outcomes(currency_id: str, member_id: str, limit: int):
    """Outcomes the member's feed has not yet named: what its next entry will count."""
    return list(Outcome.objects.filter(currency_id=currency_id, member_id=member_id, seen=False)
                .exclude(transfer_id__in=Transfer.objects.filter(
                    payer_id=member_id, currency_id=currency_id, payer_seen=True)
                    .values("id"))
                .order_by("id")[:limit])


def waiting_for(net: str, member_id: str, currency_id: str | None = None):
    """Transfers waiting for this member to accept or decline them."""
    queryset = Transfer.objects.filter(net=net, payee_id=member_id, status="pending",
                                       answer_seq__isnull=True)
    if currency_id:
        queryset = queryset.filter(currency_id=currency_id)
    return queryset.order_by("-ts", "id")


def sent_pending(net: str, member_id: str, currency_id: str):
    return Transfer.objects.filter(net=net, payer_id=member_id, currency_id=currency_id,
                                   status="pending").order_by("-ts", "id")


def transfer_by_id(net: str, transfer_id: str) -> Transfer | None:
    if not _is_id(transfer_id):
        return None
    return Transfer.objects.filter(net=net, id=transfer_id).first()


def history_of(currency_id: str, member_id: str, *, before: tuple | None = None,
               page: int = HISTORY_PAGE) -> list[Movement]:
    """One page of an account's history, newest first; `before` is the (ts, id) of the last
    row of the previous page (keyset paging: each page costs the same)."""
    queryset = Movement.objects.filter(currency_id=currency_id, member_id=member_id)
    if before is not None:
        ts, row_id = before
        queryset = queryset.filter(ts__lt=ts) | queryset.filter(ts=ts, id__lt=row_id)
    return list(queryset.order_by("-ts", "-id")[:page])


def accounts_of(currency: Currency, *, after: str = "", page: int = 50) -> list[Account]:
    """One page of a currency's accounts, by member id."""
    return list(Account.objects.filter(currency_id=currency.id, member_id__gt=after)
                .order_by("member_id")[:page])


def wallets_of(net: str, member_id: str) -> list[Account]:
    return list(Account.objects.filter(net=net, member_id=member_id).order_by("currency_id"))
