"""`commoning credit currencies|balance|pay`: mutual credit in a terminal, on this node.

Mounted beside `credit clear` by commoning/cli/credit_commands.py. Reads go through access.py;
`pay` goes through the same action as the pages, as a member whose key this node holds.
"""

import typer
from rich.console import Console

from commoning.cli.django_setup import setup
from commoning.cli.tables import folding_table

errors = Console(stderr=True)


def _fail(message: str) -> typer.Exit:
    errors.print(message, style="red", markup=False, highlight=False)
    return typer.Exit(2)


def _currency(currency_id: str):
    from commoning.accounts.actions import default_network
    from commoning.credit import access

    currency = access.currency_by_id(default_network() or "", currency_id[:64])
    if currency is None:
        raise _fail(f"No currency {currency_id[:64]!r} on this node.")
    return currency


def _user(username: str):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username=username[:150]).first()
    if user is None:
        raise _fail(f"No member with the login {username[:150]!r} on this node.")
    return user


def currencies():
    """List the network's currencies with their volume and loss account."""
    setup()
    from commoning.accounts.actions import default_network
    from commoning.credit import access
    from commoning.credit.money import format_amount

    table = folding_table("id", "name", "accounts", "volume", "loss account")
    for currency in access.currencies_in(default_network() or "")[:1000]:
        table.add_row(currency.id[:12], currency.name, str(currency.account_count),
                      format_amount(currency.volume_minor, currency.exponent, currency.symbol),
                      format_amount(currency.loss_minor, currency.exponent, currency.symbol))
    Console().print(table)


def balance(
    currency_id: str = typer.Argument(..., help="Id of the currency."),
    username: str = typer.Option(..., "--as", help="The member's login on this node."),
):
    """Print a member's balance, credit limit and payments waiting to be accepted."""
    setup()
    from commoning.credit import access
    from commoning.credit.money import format_amount

    currency, user = _currency(currency_id), _user(username)
    account = access.account_in(currency.net, currency.id, user.account.member_id)

    def money(amount):
        return format_amount(amount, currency.exponent, currency.symbol)

    typer.echo(f"balance:  {money(account.balance_minor if account else 0)}")
    typer.echo(f"limit:    {money(access.limit_of(currency, account))}")
    typer.echo(f"pending:  {money(account.pending_out_minor if account else 0)}")


def pay(
    currency_id: str = typer.Argument(..., help="Id of the currency."),
    payee: str = typer.Argument(..., help="Member id of the payee."),
    amount: str = typer.Argument(..., help="Amount in the currency's units, e.g. 2.50."),
    username: str = typer.Option(..., "--as", help="The paying member's login on this node."),
    memo: str = typer.Option("", "--memo", help="What the payment is for."),
):
    """Pay a member; the payment counts once they accept it."""
    setup()
    from commoning.core.fields import FieldError
    from commoning.credit.actions import do_transfer
    from commoning.credit.money import AmountError, parse_amount
    from commoning.log.registry import Rejected

    currency, user = _currency(currency_id), _user(username)
    try:
        transfer_id = do_transfer(user, currency.id, payee[:64],
                                  parse_amount(amount, currency.exponent), memo=memo[:200])
    except (AmountError, FieldError, Rejected) as error:
        raise _fail(str(getattr(error, "reason", error))) from error
    typer.echo(transfer_id)


def register(credit_app: typer.Typer) -> None:
    credit_app.command("currencies")(currencies)
    credit_app.command("balance")(balance)
    credit_app.command("pay")(pay)
