"""Helpers shared by the credit tests."""

from commoning.credit.models import Account


def member_id(user) -> str:
    return user.account.member_id


def account(currency_id: str, user) -> Account:
    return Account.objects.get(currency_id=currency_id, member_id=member_id(user))


def pay_data(currency_id: str, payee, amount: int, **extra) -> tuple[dict, list]:
    """A `credit.transfer` entry's data and deps, as a hostile node would write them."""
    data = {"currency": currency_id, "payee": member_id(payee), "amount": amount, **extra}
    return data, [currency_id, member_id(payee)]
