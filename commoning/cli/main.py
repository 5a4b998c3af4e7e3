"""The `commoning` command: init, serve, demo, rebuild, state-hash, log export/import.

Commands stay thin: they set up Django, call actions and print with Rich.
"""

import os
import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import Progress

from commoning.accounts.cli import accounts_app, security_app
from commoning.association.cli import association_app
from commoning.cli import credit_commands, decide_commands, operator_commands, sync_commands
from commoning.cli.django_setup import setup
from commoning.core import limits
from commoning.search import cli as search_cli
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
decide_commands.register(app)  # decide tally, budget tally: no node needed
app.add_typer(security_app, name="security")  # pruning the security log
search_cli.register(app)  # search QUERY
app.add_typer(association_app, name="association")  # show, members, found
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


WORKERS_HELP = "Server processes (default: one per core; 1 serves from this process alone)."
MAX_WORKERS = limits.SERVER_MAX_WORKERS


@app.command()
def serve(
    port: int = typer.Option(8000, help="TCP port to listen on."),
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    workers: int = typer.Option(None, "--workers", min=1, max=MAX_WORKERS, help=WORKERS_HELP),
    sync_every: float = typer.Option(0, "--sync-every", help="Sync with peers every N seconds."),
    discover: bool = typer.Option(False, "--discover", help="Find peers on the LAN (zeroconf)."),
):
    """Serve this node's web UI and API (waitress, in one process per core)."""
    setup()

    def start_jobs():
        # Jobs that must run once per node: started in one process only (see _serve).
        if sync_every > 0:
            from commoning.cli.sync_commands import start_periodic_sync

            start_periodic_sync(sync_every)
        if discover:
            from commoning.sync.discovery import start as start_discovery

            start_discovery(host, port)
        from commoning.notify import mailer

        if mailer.enabled():
            mailer.start_mail_job()

    _serve(host, port, workers, start_jobs)


def _listen(host: str, port: int):
    """Bind the port, or say in one line why not (with a hint) and exit 2."""
    from commoning.cli import serving

    try:
        return serving.bind(host, port)
    except serving.PortInUse as error:
        console.print(f"[red]Port {port} on {host} is already in use (another node or program "
                      f"listens there): stop it, or choose another with --port.[/]")
        raise typer.Exit(2) from error
    except OSError as error:
        console.print(f"[red]Cannot listen on {host}:{port}: {error.strerror}.[/]")
        raise typer.Exit(2) from error


def _serve(host: str, port: int, workers: int | None, start_jobs=None, listener=None) -> None:
    """Check the configuration, bind the port, then serve: from this process alone with one
    worker, else from N forked workers (commoning.cli.serving), jobs in worker 0."""
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError
    from django.db import connections

    from commoning.cli import serving

    # Django's call_command skips the system checks; a node should not serve misconfigured.
    try:
        call_command("check", fail_level="ERROR")
    except SystemCheckError as error:
        console.print(f"[red]{error}[/]")
        raise typer.Exit(2) from error

    if listener is None:
        listener = _listen(host, port)

    # Loaded once here, so forked workers share the imported code instead of each loading it.
    from commoning.wsgi import application

    workers = workers or serving.default_workers()
    if not hasattr(os, "fork"):  # forking workers needs a POSIX system
        workers = 1
    bounds = server_bounds()
    console.print(f"Serving on [bold]http://{host}:{port}/[/] with {workers} "
                  f"{'worker' if workers == 1 else 'workers'} (Ctrl+C stops)")
    if workers == 1:
        if start_jobs:
            start_jobs()
        serving.run_waitress(application, listener, bounds)
        return
    # A connection opened here would be shared by every forked worker: close it first.
    connections.close_all()

    def run_worker(slot: int) -> None:
        if slot == 0 and start_jobs:
            start_jobs()
        serving.run_waitress(application, listener, bounds)

    serving.Supervisor(workers, run_worker, say=console.print).run()
    listener.close()


def server_bounds() -> dict:
    """waitress options that bound what one client may hold (commoning.core.limits): waitress
    reads request bodies itself before any thread runs a view, so a body that drips holds a
    connection, not a thread; idle connections close after the channel timeout, bodies past
    the request limit get 413, and no answer waits long on a client that stopped reading.
    With several workers, each holds these bounds."""
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
    workers: int = typer.Option(None, "--workers", min=1, max=MAX_WORKERS, help=WORKERS_HELP),
):
    """Seed a demo network (once) and serve it."""
    setup()
    from commoning.demo import DEMO_PASSWORD, seed_demo

    # Seeding takes a while: a port already taken is said before it, not after.
    listener = None if seed_only else _listen(host, port)

    created = seed_demo(progress=lambda message: console.print(f"  {message}"))
    console.print("Demo network ready." if created else "Demo network already seeded.")
    console.print(
        f"Log in as [bold]alice[/], [bold]bob[/], [bold]carol[/], … with password "
        f"[bold]{DEMO_PASSWORD}[/]"
    )
    if not seed_only:
        _serve(host, port, workers, listener=listener)


@app.command()
def rebuild():
    """Drop every projection and replay the log from scratch."""
    setup()
    from commoning.log.models import Entry
    from commoning.log.projection import rebuild as do_rebuild
    from commoning.search.index import catch_up

    total = Entry.objects.count()
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("Replaying the log", total=total)
        counts = do_rebuild(progress=lambda done, _total: progress.advance(task, done))
        progress.add_task("Indexing for search", total=None)
        catch_up()  # the triggers queued every object the replay touched
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
