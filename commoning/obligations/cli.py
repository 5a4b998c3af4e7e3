"""`commoning obligations import|export`: a member's debts in and out as the CSV
`id,debtor,creditor,amount` that `commoning credit clear` reads.

Mounted by the CLI with `app.add_typer(obligations_app, name="obligations")`. Import acts as a
login of this node (the operator runs it for a member whose key the node holds); export reads.
"""

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from commoning.cli.django_setup import setup

obligations_app = typer.Typer(help="Debts between members: import and export them as CSV.",
                              no_args_is_help=True)
errors = Console(stderr=True)


@obligations_app.command("import")
def import_command(
    file: Annotated[Path, typer.Argument(
        exists=True, dir_okay=False, readable=True,
        help="CSV with the header id,debtor,creditor,amount (member ids, minor units).")],
    as_login: Annotated[str, typer.Option("--as", help="The login of the rows' creditor.")],
    unit: Annotated[str, typer.Option("--unit", help="The unit of every row, e.g. EUR.")],
):
    """Record every row as a debt owed to the member: all rows or none."""
    setup()
    from django.contrib.auth import get_user_model

    from commoning.core.fields import FieldError
    from commoning.log.registry import Rejected
    from commoning.obligations.actions import import_obligations

    user = get_user_model().objects.filter(username=as_login).first()
    if user is None:
        errors.print(f"No login {as_login!r} on this node.")
        raise typer.Exit(2)
    try:
        with file.open("rb") as stream:
            recorded = import_obligations(user, stream, unit=unit)
    except (FieldError, Rejected) as error:
        errors.print(f"Nothing imported: {getattr(error, 'reason', None) or error}")
        raise typer.Exit(1) from error
    Console().print(f"{len(recorded)} debts recorded; each waits for its debtor's confirmation.")


@obligations_app.command("export")
def export_command(
    unit: Annotated[str, typer.Option("--unit", help="The unit to export, e.g. EUR.")],
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="A file to write (default: standard output).")] = None,
):
    """Write the network's confirmed debts still owed in a unit (what is left of each)."""
    setup()
    from commoning.accounts.actions import default_network
    from commoning.core.clearing.obligations import Obligation, write_csv
    from commoning.obligations import access

    rows = (Obligation(o.id, o.debtor_id, o.creditor_id, o.remaining)
            for o in access.open_obligations(default_network() or "", unit).iterator())
    if output is None:
        write_csv(rows, sys.stdout)
        return
    with output.open("w", newline="", encoding="utf-8") as stream:
        count = write_csv(rows, stream)
    errors.print(f"{count} debts written to {output}.")
