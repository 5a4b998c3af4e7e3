"""`commoning work …`: the task board and a member's reputation, in a terminal.

Mounted by the CLI with `app.add_typer(work_app, name="work")`. Reads only, through access.py.
"""

import typer
from rich.console import Console
from rich.table import Table

from commoning.cli.django_setup import setup

work_app = typer.Typer(help="Peer production: task boards and reputation.", no_args_is_help=True)
console = Console()


@work_app.command()
def board(commons_id: str = typer.Argument(..., help="Id of the commons.")):
    """Print a commons' task board: open, stale, claimed, submitted and done tasks."""
    setup()
    from commoning.work import access

    table = Table("status", "task", "kind", "held by")
    names = _names()
    for status, views in access.board(commons_id[:64]).items():
        for view in views:
            holder = ", ".join(names.get(member_id, "?") for member_id in view.holder_ids)
            table.add_row(status, view.task.title, view.task.kind, holder)
    console.print(table)


@work_app.command()
def reputation(member_id: str = typer.Argument(..., help="Id of the member.")):
    """Print a member's validated contributions and effort by kind and by commons."""
    setup()
    from commoning.work import access

    found = access.reputation(member_id[:64])
    console.print(
        f"{found['validated']} validated contributions, {found['effort_minutes']} minutes; "
        f"{found['pending']} awaiting validation"
    )
    table = Table("kind", "validated", "minutes")
    for kind, sums in found["kinds"].items():
        table.add_row(kind, str(sums["count"]), str(sums["effort_minutes"]))
    console.print(table)
    for row in found["commons"]:
        console.print(f"  {row['name']}: {row['count']} ({row['effort_minutes']} min)")


def _names() -> dict:
    from commoning.accounts.models import Member

    return dict(Member.objects.values_list("id", "name"))
