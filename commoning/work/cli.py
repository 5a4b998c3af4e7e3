"""`commoning work …`: the task board and a member's reputation, in a terminal.

Mounted by the CLI with `app.add_typer(work_app, name="work")`. Reads only, through access.py.
"""

import typer
from rich.console import Console

from commoning.cli.django_setup import setup
from commoning.cli.tables import folding_table

work_app = typer.Typer(help="Peer production: task boards and reputation.", no_args_is_help=True)
errors = Console(stderr=True)


def _console() -> Console:
    # Made per command, so it measures the terminal (COLUMNS) when it prints, not at import.
    return Console()


@work_app.command()
def board(commons_id: str = typer.Argument(..., help="Id of the commons.")):
    """Print a commons' task board: open, stale, claimed, submitted and done tasks."""
    setup()
    from commoning.accounts.actions import default_network
    from commoning.commons.access import get_commons
    from commoning.work import access

    if get_commons(default_network() or "", commons_id[:64]) is None:
        _unknown("commons", commons_id)
    table = folding_table("status", "task", "kind", "held by")
    names = _names()
    for status, views in access.board(commons_id[:64]).items():
        for view in views:
            holder = ", ".join(names.get(member_id, "?") for member_id in view.holder_ids)
            table.add_row(status, view.task.title, view.task.kind, holder)
    _console().print(table)


@work_app.command()
def reputation(member_id: str = typer.Argument(..., help="Id of the member.")):
    """Print a member's validated contributions and effort by kind and by commons."""
    setup()
    from commoning.accounts.models import Member
    from commoning.work import access

    if not Member.objects.filter(id=member_id[:64]).exists():
        _unknown("member", member_id)
    found = access.reputation(member_id[:64])
    console = _console()
    console.print(
        f"{found['validated']} validated contributions, {found['effort_minutes']} minutes; "
        f"{found['pending']} awaiting validation"
    )
    table = folding_table("kind", "validated", "minutes")
    for kind, sums in found["kinds"].items():
        table.add_row(kind, str(sums["count"]), str(sums["effort_minutes"]))
    console.print(table)
    for row in found["commons"]:
        console.print(f"  {row['name']}: {row['count']} ({row['effort_minutes']} min)")


def _unknown(what: str, given: str):
    """An id that names nothing is an error (stderr, exit 1), never an empty table."""
    errors.print(f"[red]No {what} with the id {given[:64]!r} on this node.[/]", highlight=False)
    raise typer.Exit(1)


def _names() -> dict:
    from commoning.accounts.models import Member

    return dict(Member.objects.values_list("id", "name"))
