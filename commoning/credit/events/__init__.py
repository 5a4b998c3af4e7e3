"""Entry types of mutual credit (DESIGN section 4, "Balances"): registered here."""

from commoning.credit.events import currencies, transfers
from commoning.credit.models import (
    Account,
    Currency,
    LimitGrant,
    Movement,
    Outcome,
    Transfer,
)
from commoning.log.registry import register, register_projection

register("credit.currency", check=currencies.check_currency, apply=currencies.apply_currency)
register("credit.limit", check=currencies.check_limit, apply=currencies.apply_limit)
register("credit.writeoff", check=currencies.check_writeoff, apply=currencies.apply_writeoff)
register("credit.close", check=currencies.check_close, apply=currencies.apply_close)
register("credit.transfer", check=transfers.check_transfer, apply=transfers.apply_transfer)
register("credit.accept", check=transfers.check_accept, apply=transfers.apply_accept)
register("credit.decline", check=transfers.check_decline, apply=transfers.apply_decline)
register("credit.expire", check=transfers.check_expire, apply=transfers.apply_expire)
for model in (Currency, Account, Transfer, Outcome, LimitGrant, Movement):
    register_projection(model)
