"""The only reads of mutual credit that views, API and CLI use."""

from django.db.models import Sum

from commoning.accounts.models import DeviceKey
from commoning.core.fields import HEX_ID
from commoning.credit.events.feed import account_id
from commoning.credit.models import Account, Currency, LimitGrant, Movement, Outcome, Transfer
from commoning.log.models import ForkProof

HISTORY_PAGE = 25
CHART_POINTS = 60  # movements the wallet's balance chart draws
ACCOUNTS_PAGE = 50


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


def history_query(currency_id: str, member_id: str):
    """An account's history, newest first, for keyset pages (commoning.front.pagination)."""
    return Movement.objects.filter(currency_id=currency_id, member_id=member_id).order_by(
        "-ts", "-id")


def balance_sum(currency: Currency) -> int:
    """The sum of every account's balance and the loss account's: zero, always. One row per
    account (never per payment), so the page costs its members, not its history."""
    total = Account.objects.filter(currency_id=currency.id).aggregate(total=Sum("balance_minor"))
    return (total["total"] or 0) + currency.loss_minor


def frozen_accounts(currency: Currency) -> list[Account]:
    """Accounts whose member's key forked (a fork proof is held): the log cuts their feed at
    the fork, so nothing after it counts; what they owe at the fork is at most their limit and
    is the currency's exposure to loss, shown beside the loss account."""
    forked_keys = ForkProof.objects.filter(net=currency.net).values("author")
    members = DeviceKey.objects.filter(net=currency.net, public_key__in=forked_keys) \
        .values("member_id")
    return list(Account.objects.filter(currency_id=currency.id, member_id__in=members)
                .order_by("member_id"))


def accounts_of(currency: Currency, *, after: str = "", page: int = ACCOUNTS_PAGE) -> list[Account]:
    """One page of a currency's accounts, by member id."""
    return list(Account.objects.filter(currency_id=currency.id, member_id__gt=after)
                .order_by("member_id")[:page])


def wallets_of(net: str, member_id: str) -> list[Account]:
    return list(Account.objects.filter(net=net, member_id=member_id).order_by("currency_id"))
