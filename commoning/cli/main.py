"""The `commoning` command: init, serve, demo, rebuild, state-hash, log export/import.

Commands stay thin: they set up Django, call actions and print with Rich.
"""

import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import Progress

from commoning.accounts.cli import accounts_app
from commoning.cli import credit_commands, operator_commands, sync_commands
from commoning.cli.django_setup import setup
from commoning.work.cli import work_app

app = typer.Typer(help="Commoning: a node of a commons-based peer-production network.",
                  no_args_is_help=True)
log_app = typer.Typer(help="Export and import the signed log as JSON lines of envelopes.",
                      no_args_is_help=True)
app.add_typer(log_app, name="log")
sync_commands.register(app)  # peers, sync, bundle
operator_commands.register(app)  # doctor, admit, operator-key
credit_commands.register(app)  # credit clear: no node, no database
app.add_typer(work_app, name="work")  # task boards and reputation
app.add_typer(accounts_app, name="accounts")  # password resets by the operator
console = Console(stderr=True)


@app.command()
def init(
    network: str = typer.Option(None, "--network", help="Name of the network to found."),
    join: str = typer.Option(None, "--join", help="Join the network a peer serves (its URL)."),
    from_bundle: Path = typer.Option(None, "--from-bundle", exists=True, dir_okay=False,
                                     help="Join offline from a bundle file."),
    operator: str = typer.Option(None, "--operator", help="Login that will operate this node "
                                 "(default: whoever signs up first)."),
):
    """Create this node's database, then found a network or join one (--join / --from-bundle).
    The first operator is the login named by --operator, or else the first member to sign up:
    sign up right away, or grant the role later with `commoning operators grant`."""
    setup()
    from commoning.accounts.actions import create_network, default_network
    from commoning.accounts.keystore import node_key
    from commoning.accounts.operators import name_first_operator
    from commoning.core.fields import FieldError

    node_key()
    if [network, join, from_bundle].count(None) != 2:
        console.print("[red]Give exactly one of --network NAME, --join URL, --from-bundle FILE.[/]")
        raise typer.Exit(2)
    if default_network():
        console.print(f"[yellow]This node already serves network {default_network()}.[/]")
        raise typer.Exit(1)
    if join or from_bundle:
        from commoning.cli.sync_commands import join as join_network

        net = join_network(join, from_bundle)
        name_first_operator(operator)
        console.print(f"Joined network {net}")
        operator_commands.print_admission_hint(net)
        typer.echo(net)
        return
    try:
        net = create_network(network)
    except FieldError as error:
        console.print(f"[red]{error}[/]")
        raise typer.Exit(2) from error
    name_first_operator(operator)
    console.print(f"Founded network [bold]{network}[/]: {net}")
    typer.echo(net)


@app.command()
def serve(
    port: int = typer.Option(8000, help="TCP port to listen on."),
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    sync_every: float = typer.Option(0, "--sync-every", help="Sync with peers every N seconds."),
    discover: bool = typer.Option(False, "--discover", help="Find peers on the LAN (zeroconf)."),
):
    """Serve this node's web UI and API (waitress)."""
    setup()
    if sync_every > 0:
        from commoning.cli.sync_commands import start_periodic_sync

        start_periodic_sync(sync_every)
    if discover:
        from commoning.sync.discovery import start as start_discovery

        start_discovery(host, port)
    _serve(host, port)


def _serve(host: str, port: int) -> None:
    import waitress
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    from commoning.wsgi import application

    # Django's call_command skips the system checks; a node should not serve misconfigured.
    try:
        call_command("check", fail_level="ERROR")
    except SystemCheckError as error:
        console.print(f"[red]{error}[/]")
        raise typer.Exit(2) from error

    console.print(f"Serving on [bold]http://{host}:{port}/[/] (Ctrl+C stops)")
    waitress.serve(application, host=host, port=port, ident="commoning", **server_bounds())


def server_bounds() -> dict:
    """waitress options that bound what one client may hold (commoning.core.limits): waitress
    reads request bodies itself before any thread runs a view, so a body that drips holds a
    connection, not a thread; idle connections close after the channel timeout, bodies past
    the request limit get 413, and no answer waits long on a client that stopped reading."""
    from commoning.core import limits

    return {
        "threads": limits.SERVER_THREADS,
        "channel_timeout": limits.SERVER_CHANNEL_TIMEOUT_SECONDS,
        "max_request_body_size": limits.MAX_REQUEST_BODY_BYTES,
        "max_request_header_size": 64 * limits.KIB,
        "connection_limit": limits.SERVER_CONNECTION_LIMIT,
        "cleanup_interval": 10,
    }


@app.command()
def demo(
    port: int = typer.Option(8000, help="TCP port to listen on."),
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    seed_only: bool = typer.Option(False, "--seed-only", help="Seed the demo network and exit."),
):
    """Seed a demo network (once) and serve it."""
    setup()
    from commoning.demo import DEMO_PASSWORD, seed_demo

    created = seed_demo(progress=lambda message: console.print(f"  {message}"))
    console.print("Demo network ready." if created else "Demo network already seeded.")
    console.print(
        f"Log in as [bold]alice[/], [bold]bob[/], [bold]carol[/], … with password "
        f"[bold]{DEMO_PASSWORD}[/]"
    )
    if not seed_only:
        _serve(host, port)


@app.command()
def rebuild():
    """Drop every projection and replay the log from scratch."""
    setup()
    from commoning.log.models import Entry
    from commoning.log.projection import rebuild as do_rebuild

    total = Entry.objects.count()
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("Replaying the log", total=total)
        counts = do_rebuild(progress=lambda done, _total: progress.advance(task, done))
    console.print(f"Rebuilt from {total} entries: {counts}")


@app.command("state-hash")
def state_hash_command():
    """Print a digest of every projection; equal on nodes holding the same entries."""
    setup()
    from commoning.log.projection import state_hash

    typer.echo(state_hash())


@log_app.command("export")
def log_export(
    file: Path = typer.Argument(None, help="Where to write; standard output if omitted."),
):
    """Write every entry as a line {"payload": "...", "sigs": [...]}, in apply order."""
    setup()
    from commoning.log.transfer import export_lines

    handle = file.open("wb") if file else sys.stdout.buffer
    try:
        count = export_lines(handle)
    finally:
        if file:
            handle.close()
    console.print(f"Exported {count} entries.")


@log_app.command("import")
def log_import(file: Path = typer.Argument(..., exists=True, dir_okay=False, readable=True)):
    """Ingest envelopes from a JSON-lines file; every entry is verified first."""
    setup()
    from commoning.log.transfer import import_lines

    with file.open("rb") as handle:
        report = import_lines(handle)
    console.print(f"Imported: {report.counts}")
    for where, reason in report.refusals[:20]:
        console.print(f"[red]refused {where}: {reason}[/]")
    if report.refusals:
        raise typer.Exit(1)


if __name__ == "__main__":
    app()
