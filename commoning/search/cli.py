"""`commoning search QUERY`: the search box in a terminal. Reads only (and indexes what is
queued, as every search does)."""

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from commoning.cli.django_setup import setup

console = Console()


def register(app: typer.Typer) -> None:
    app.command(name="search")(search_command)


def search_command(
    query: Annotated[list[str], typer.Argument(help="Words to find (all of them).")],
    kind: Annotated[str, typer.Option("--kind", help="Only commons, task, contribution, "
                                      "artifact or member.")] = "",
    limit: Annotated[int, typer.Option("--limit", min=1, max=100,
                                       help="At most this many results.")] = 20,
):
    """Search the network's commons, tasks, contributions, artifacts and members by words."""
    setup()
    from django.utils.html import strip_tags

    from commoning.accounts.actions import default_network
    from commoning.search.query import QueryRefused, search
    from commoning.search.registry import KINDS

    try:
        results = search(default_network(), " ".join(query), kind=kind, limit=limit)
    except QueryRefused as refusal:
        console.print(f"[red]{refusal}[/]")
        raise typer.Exit(2) from None
    if not results.items:
        console.print("Nothing found: check the spelling, or try fewer words.")
        raise typer.Exit(1)
    table = Table("kind", "title", "found in", "link")
    for item in results.items:
        table.add_row(str(KINDS[item.kind].label()), strip_tags(item.title),
                      strip_tags(item.snippet), item.link)
    console.print(table)
