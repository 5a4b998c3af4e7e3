"""Shared set-up of market tests: the valley's local currency and Bob's repair offer."""

from commoning.credit.testing import make_currency
from commoning.market.actions import create_listing


def local_currency(net, steward) -> str:
    return make_currency(net, steward, name="Valley pounds", symbol="VP", exponent=2,
                         default_limit=50_000)


def repair_offer(bob, currency_id: str, amount_minor: int = 2_500):
    return create_listing(bob, side="offer", kind="service", title="Bicycle repair",
                          category="repair", place="Lower Valley", currency=currency_id,
                          amount_minor=amount_minor)


def member_id(user) -> str:
    from commoning.accounts.access import account_for

    return account_for(user).member_id
