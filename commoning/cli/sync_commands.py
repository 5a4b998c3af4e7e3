"""`commoning peers`, `commoning sync`, `commoning bundle` and `commoning operators`: replicate
the log with other nodes over HTTP or by bundle files, pair with them, name the node's
operators, and the join helpers `init --join` / `--from-bundle` use. Whoever runs these holds
the node's files and keys, so the command line acts as an operator.

Commands stay thin: they set up Django, call commoning.sync.actions and print with Rich.
"""

import threading
import time
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import Progress

from commoning.cli.django_setup import setup
from commoning.cli.tables import folding_table

console = Console(stderr=True)
peers_app = typer.Typer(help="The peers this node syncs with over HTTP.", no_args_is_help=True)
bundle_app = typer.Typer(help="Offline bundles: carry entries on a USB stick.",
                         no_args_is_help=True)
operators_app = typer.Typer(help="Node operators: the logins that manage peers, sync and "
                                 "bundles on this node.", no_args_is_help=True)


def _net() -> str:
    from commoning.accounts.actions import default_network

    net = default_network()
    if net is None:
        console.print("[red]This node serves no network yet: run `commoning init` first.[/]")
        raise typer.Exit(2)
    return net


def _find_peer(net: str, name: str):
    """A peer by id, URL or node key (prefix)."""
    from commoning.log.registry import Rejected
    from commoning.sync.actions import normalise_url
    from commoning.sync.models import Peer

    peers = Peer.objects.filter(net=net)
    if name.isdigit():
        found = peers.filter(id=int(name)).first()
        if found:
            return found
    if name.startswith(("http://", "https://")):
        try:
            url = normalise_url(name)
        except Rejected:
            url = ""
        found = peers.filter(url=url).first() if url else None
        if found:
            return found
    matches = list(peers.filter(node_key__startswith=name.lower())) if len(name) >= 8 else []
    if len(matches) == 1:
        return matches[0]
    console.print(f"[red]No peer {name!r}: see `commoning peers list`.[/]")
    raise typer.Exit(2)


@peers_app.command("add")
def peers_add(url: str = typer.Argument(..., help="Another node's address, http://host:port")):
    """Add a peer URL to sync with."""
    setup()
    from commoning.log.registry import Rejected
    from commoning.sync.actions import add_peer

    try:
        peer = add_peer(_net(), url)
    except Rejected as error:
        console.print(f"[red]{error.reason}[/]")
        raise typer.Exit(2) from error
    console.print(f"Peer {peer.id}: {peer.url}")


@peers_app.command("confirm")
def peers_confirm(peer: str = typer.Argument(..., help="Peer id, URL or node key")):
    """Confirm a peer proposed by LAN discovery, so this node syncs with it."""
    setup()
    from commoning.log.registry import Rejected
    from commoning.sync.actions import confirm_peer

    net = _net()
    try:
        row = confirm_peer(net, _find_peer(net, peer).id)
    except Rejected as error:
        console.print(f"[red]{error.reason}[/]")
        raise typer.Exit(2) from error
    console.print(f"Confirmed peer {row.id}: {row.url}")


@peers_app.command("pair-code")
def peers_pair_code():
    """Make a one-time pairing code for another node's operator (printed on standard output)."""
    setup()
    from commoning.sync.pairing import CODE_LIFETIME, issue_code

    code = issue_code(_net())
    minutes = int(CODE_LIFETIME.total_seconds() // 60)
    console.print(f"Give this code to the other node's operator; it works once, for {minutes} "
                  "minutes. They run: commoning peers pair YOUR-URL CODE")
    typer.echo(code)


@peers_app.command("pair")
def peers_pair(
    url: str = typer.Argument(..., help="The other node's address, https://host:port"),
    code: str = typer.Argument(..., help="The pairing code its operator gave you"),
):
    """Pair with another node by its one-time code: each node then takes the other's pushes."""
    setup()
    from commoning.log.registry import Rejected
    from commoning.sync.actions import SyncError
    from commoning.sync.pairing import pair_with

    _net()
    try:
        peer = pair_with(url, code)
    except Rejected as error:
        console.print(f"[red]{error.reason}[/]")
        raise typer.Exit(2) from error
    except SyncError as error:
        console.print(f"[red]{error}[/]")
        raise typer.Exit(1) from error
    console.print(f"Paired with {peer.url}, node {peer.node_key}")


@peers_app.command("remove")
def peers_remove(peer: str = typer.Argument(..., help="Peer id, URL or node key")):
    """Stop syncing with a peer."""
    setup()
    from commoning.sync.actions import remove_peer

    net = _net()
    remove_peer(net, _find_peer(net, peer).id)
    console.print("Removed.")


@peers_app.command("list")
def peers_list():
    """Peers with their last sync time and result."""
    setup()
    from commoning.sync.models import Peer

    table = folding_table(
        "id", "url", "node", "state", "last sync", "result", "in/out", "invalid"
    )
    for peer in Peer.objects.filter(net=_net()):
        state = ("proposed" if not peer.confirmed
                 else "paired" if peer.paired else "chosen")
        table.add_row(
            str(peer.id), peer.url or "(bundles)", peer.node_key[:12], state,
            peer.last_sync_at.isoformat(timespec="seconds") if peer.last_sync_at else "-",
            peer.last_result + (f": {peer.last_error}" if peer.last_error else ""),
            f"{peer.last_received}/{peer.last_sent}", str(peer.invalid_entries_seen),
        )
    Console().print(table)


def _counts(report) -> dict:
    return {str(status): number for status, number in report.counts.items()}


def print_result(result) -> None:
    if result.error:
        console.print(f"[red]{result.peer}: {result.error}[/]")
        return
    console.print(
        f"{result.peer}: received {result.received.new_entries} new "
        f"({_counts(result.received.report)}), sent {result.sent_entries} ({result.push_counts}); "
        f"{result.round_trips} round trip(s), {result.bytes_in + result.bytes_out} bytes"
    )
    if result.received.invalid:
        console.print(f"[red]{result.received.invalid_count} invalid line(s) refused; "
                      f"first: {result.received.invalid[0]}[/]")


def sync_command(peer: str = typer.Argument(None, help="Peer id, URL or node key; all if omitted")):
    """Pull and push entries with one peer, or with every peer."""
    setup()
    from commoning.sync.actions import sync_with_peer
    from commoning.sync.models import Peer

    net = _net()
    peers = [_find_peer(net, peer)] if peer else list(
        Peer.objects.filter(net=net, confirmed=True).exclude(url=""))
    if not peers:
        console.print("No peers: add one with `commoning peers add URL`.")
        raise typer.Exit(1)
    failed = False
    for row in peers:
        with Progress(console=console, transient=True) as progress:
            task = progress.add_task(f"Syncing with {row.url}", total=None)
            result = sync_with_peer(row, progress=lambda n, task=task: progress.advance(task, n))
        print_result(result)
        failed = failed or not result.ok
    if failed:
        raise typer.Exit(1)


@bundle_app.command("export")
def bundle_export(
    file: Path = typer.Argument(..., dir_okay=False, help="Where to write the bundle"),
    for_peer: str = typer.Option(None, "--for", help="Only what this peer misses"),
):
    """Write a signed bundle of the log (or of what one peer misses) to carry offline."""
    setup()
    from commoning.sync.actions import export_bundle

    net = _net()
    peer = _find_peer(net, for_peer) if for_peer else None
    with file.open("wb") as handle:
        summary = export_bundle(net, handle, for_peer=peer)
    console.print(f"Wrote {file}: {summary.entries} entries, {summary.forks} fork proofs, "
                  f"{summary.atts} attachments.")


def import_file(file: Path, *, joining: bool = False):
    from commoning.core.bundle_format import BundleError
    from commoning.sync.actions import import_bundle

    with file.open("rb") as handle, Progress(console=console, transient=True) as progress:
        task = progress.add_task("Importing", total=None)
        try:
            result = import_bundle(handle, joining=joining,
                                   progress=lambda n: progress.advance(task, n))
        except BundleError as error:
            console.print(f"[red]Bundle refused, nothing was imported: {error}[/]")
            raise typer.Exit(1) from error
    counts = _counts(result.received.report)
    console.print(f"Imported {file}: {result.received.new_entries} new entries, "
                  f"{counts.get('duplicate', 0)} already here ({counts}).")
    if counts.get("parked"):
        console.print(f"[yellow]{counts['parked']} entries wait for earlier ones the sender "
                      "thought you had; they apply when those arrive.[/]")
    return result


@bundle_app.command("import")
def bundle_import(file: Path = typer.Argument(..., exists=True, dir_okay=False, readable=True)):
    """Verify a whole bundle, then import it in one transaction (twice changes nothing)."""
    setup()
    _net()
    import_file(file)


def join(url: str | None, bundle: Path | None) -> str:
    """`init --join URL` or `init --from-bundle FILE`: receive the genesis and the log."""
    from commoning.accounts.keystore import node_key

    node_key()
    if bundle is not None:
        result = import_file(bundle, joining=True)
        return result.header.net
    from commoning.sync.actions import SyncError, join_from_url

    with Progress(console=console, transient=True) as progress:
        task = progress.add_task(f"Joining {url}", total=None)
        try:
            net, result = join_from_url(url, progress=lambda n: progress.advance(task, n))
        except SyncError as error:
            console.print(f"[red]{error}[/]")
            raise typer.Exit(1) from error
    print_result(result)
    return net


def start_periodic_sync(every_seconds: float) -> threading.Thread:
    """`serve --sync-every N`: a background thread that syncs with every peer every N seconds."""
    from django.db import close_old_connections

    def loop():
        from commoning.accounts.actions import default_network
        from commoning.sync.actions import sync_all

        while True:
            time.sleep(every_seconds)
            try:
                net = default_network()
                if net:
                    for result in sync_all(net):
                        if result.error:
                            console.print(f"[yellow]sync {result.peer}: {result.error}[/]")
            except Exception as error:
                console.print(f"[red]periodic sync failed: {error}[/]")
            finally:
                close_old_connections()

    thread = threading.Thread(target=loop, name="periodic-sync", daemon=True)
    thread.start()
    return thread


@operators_app.command("grant")
def operators_grant(username: str = typer.Argument(..., help="A login on this node")):
    """Make a login an operator of this node."""
    setup()
    from commoning.accounts.operators import OperatorError, grant

    try:
        user = grant(username)
    except OperatorError as error:
        console.print(f"[red]{error}[/]")
        raise typer.Exit(2) from error
    console.print(f"{user.get_username()} operates this node.")


@operators_app.command("revoke")
def operators_revoke(username: str = typer.Argument(..., help="A login on this node")):
    """Take the operator role away from a login."""
    setup()
    from commoning.accounts.operators import OperatorError, revoke

    try:
        user = revoke(username)
    except OperatorError as error:
        console.print(f"[red]{error}[/]")
        raise typer.Exit(2) from error
    console.print(f"{user.get_username()} no longer operates this node.")


@operators_app.command("list")
def operators_list():
    """The operators of this node, and since when."""
    setup()
    from commoning.accounts.operators import operators

    table = folding_table("login", "since", "granted by")
    for row in operators():
        table.add_row(row.user.get_username(), row.granted_at.isoformat(timespec="seconds"),
                      row.granted_by)
    Console().print(table)


def register(app: typer.Typer) -> None:
    app.add_typer(peers_app, name="peers")
    app.add_typer(operators_app, name="operators")
    app.add_typer(bundle_app, name="bundle")
    app.command("sync")(sync_command)
