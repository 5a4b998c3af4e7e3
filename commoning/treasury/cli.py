"""`commoning treasury show|csv`: the network's books in a terminal, and every movement as CSV.

Mounted by the CLI with `app.add_typer(treasury_app, name="treasury")`. Reads only, through
access.py and the same CSV writer the transparency page streams.
"""

import sys

import typer
from rich.console import Console

from commoning.cli.django_setup import setup
from commoning.cli.tables import folding_table

treasury_app = typer.Typer(help="The association's treasury: balances and movements.",
                           no_args_is_help=True)
errors = Console(stderr=True)


def _treasury(treasury_id: str | None):
    from commoning.accounts.actions import default_network
    from commoning.treasury import access

    net = default_network() or ""
    treasury = (access.get_treasury(net, treasury_id[:64]) if treasury_id
                else access.treasuries_in(net).first())
    if treasury is None:
        errors.print("[red]No such treasury on this node.[/]")
        raise typer.Exit(1)
    return treasury


@treasury_app.command()
def show(treasury_id: str = typer.Argument(None, help="Id of the treasury (default: the "
                                            "first opened).")):
    """Print the balances of every account, and the payments waiting for approval."""
    setup()
    from commoning.treasury import access
    from commoning.treasury.money import format_minor

    treasury = _treasury(treasury_id)
    table = folding_table("account", "kind", "balance", "currency")
    for account in access.accounts_of(treasury):
        shown = -account.balance_minor if account.kind == "income" else (
            account.balance_minor)
        table.add_row(account.name, account.kind,
                      format_minor(shown, treasury.currencies.get(account.currency, 2)),
                      account.currency)
    console = Console()
    console.print(f"[bold]{treasury.name}[/] ({treasury.id})")
    console.print(table)
    pending = folding_table("payment", "to", "amount", "approvals")
    for payment in access.pending_payments_of(treasury)[:100]:
        pending.add_row(payment.id[:12], payment.payee,
                        format_minor(payment.amount_minor,
                                     treasury.currencies.get(payment.currency, 2)),
                        f"{len(payment.approvers)}/{payment.approvals_needed}")
    console.print("Payments waiting for approval:")
    console.print(pending)


@treasury_app.command()
def csv(treasury_id: str = typer.Argument(None, help="Id of the treasury (default: the "
                                           "first opened).")):
    """Write every movement as CSV (one row per posting) to standard output."""
    setup()
    from commoning.treasury.csv_export import csv_lines

    for line in csv_lines(_treasury(treasury_id)):
        sys.stdout.write(line)
