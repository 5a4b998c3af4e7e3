"""Test helpers for mutual credit, shared with the apps that pay in credit (market)."""

from commoning.credit.actions import create_currency


def make_currency(net, steward_user, name: str = "Valley hours", symbol: str = "h",
                  exponent: int = 2, default_limit: int = 10_000,
                  ceiling: int | None = None) -> str:
    """A currency stewarded by `steward_user`; returns its id. `net` is the steward's network
    (kept in the signature so callers read as the contract says)."""
    currency = create_currency(steward_user, name=name, symbol=symbol, exponent=exponent,
                               default_limit_minor=default_limit, ceiling_minor=ceiling)
    assert currency.net == net
    return currency.id
