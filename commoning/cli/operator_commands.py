"""Operators' commands: `commoning doctor` (is this node under attack?), `commoning admit KEY`
(let a key into the network) and `commoning operator-key` (the key a member must admit before
a node that joined a network can sign people up).

Commands stay thin: they set up Django, call the log and accounts and print with Rich.
"""

import typer
from rich.console import Console

from commoning.cli.django_setup import setup
from commoning.cli.tables import add_folding_column, folding_table

console = Console(stderr=True)


def _net() -> str:
    from commoning.accounts.actions import default_network

    net = default_network()
    if net is None:
        console.print("[red]This node serves no network yet: run `commoning init` first.[/]")
        raise typer.Exit(2)
    return net


def _size(count: int) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if count < 1024 or unit == "GiB":
            return f"{count} {unit}" if unit == "B" else f"{count:.1f} {unit}"
        count /= 1024
    return str(count)


def doctor():
    """Report the quarantine, refused pushes per peer, the frontier's size and disk use."""
    setup()
    from commoning.log.doctor import report

    found = report(_net())
    max_entries, max_bytes = found.quarantine_limits
    table = folding_table("", "", title=f"Network {found.net[:16]}…", show_header=False)
    table.add_row("entries in the log", str(found.entries))
    table.add_row("parked (waiting for earlier entries or their time)", str(found.parked))
    table.add_row("fork proofs", str(found.fork_proofs)
                  + (" (re-projection due: run `commoning rebuild`)" if found.reprojection_due
                     else ""))
    table.add_row("quarantine (authors not admitted)",
                  f"{found.quarantined} of {max_entries} entries, "
                  f"{_size(found.quarantined_bytes)} of {_size(max_bytes)}")
    table.add_row("frontier", f"{found.frontier_authors} authors, {_size(found.frontier_bytes)}")
    table.add_row("database", _size(found.database_bytes))
    table.add_row("node home", _size(found.home_bytes))
    console.print(table)
    if found.refusals:
        refused = folding_table("source", title="Sent for authors who are not admitted, by source")
        add_folding_column(refused, "entries", justify="right")
        add_folding_column(refused, "fork proofs", justify="right")
        for source, entries, fork_proofs in found.refusals:
            refused.add_row(source, str(entries), str(fork_proofs))
        console.print(refused)
    else:
        console.print("No source has sent entries of authors who are not admitted.")
    for name, (kept, real) in found.counter_drift.items():
        console.print(f"[red]The kept count of {name} is {kept}, but there are {real}: "
                      "run `commoning rebuild` to recount.[/]")


def admit(key: str = typer.Argument(..., help="The public key (64 hex) to admit.")):
    """Admit a key into the network, signed by a key this node holds for a member."""
    setup()
    from commoning.accounts.admitting import admit_key
    from commoning.core.fields import HEX_ID
    from commoning.log.registry import Rejected

    key = key.strip().lower()
    if not HEX_ID.match(key):
        console.print("[red]A key is 64 hexadecimal characters.[/]")
        raise typer.Exit(2)
    try:
        entry = admit_key(_net(), key)
    except Rejected as error:
        console.print(f"[red]{error.reason}[/]")
        raise typer.Exit(1) from error
    console.print(f"Admitted {key[:16]}…; the admission travels with the next sync.")
    typer.echo(entry.id)


def operator_key():
    """Print this node's operator key, for a member of the network to admit."""
    setup()
    from commoning.accounts.admitting import operator_key as key_of_operator

    typer.echo(key_of_operator().public_hex)


def print_admission_hint(net: str) -> None:
    """After a join: the node signs people up only once a member admitted its operator key."""
    from commoning.accounts.admitting import admitting_key, operator_key
    from commoning.log.registry import Rejected

    try:
        admitting_key(net)
    except Rejected:
        console.print("To sign people up here, ask a member to run [bold]commoning admit "
                      f"{operator_key().public_hex}[/] on their node, then sync.")


def register(app: typer.Typer) -> None:
    app.command()(doctor)
    app.command()(admit)
    app.command("operator-key")(operator_key)
