"""The only write paths of sync: add and remove peers, sync with a peer over HTTP, export and
import bundles, and join a network from a peer or a bundle.

Entries enter the log only through the log's ingest; this module writes node-local Peer rows
and the security log.
"""

import gzip
import hashlib
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import orjson
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commoning.accounts import security
from commoning.accounts.actions import DEFAULT_NET_SETTING, default_network
from commoning.accounts.keystore import node_key
from commoning.core.bundle_format import (
    BundleError,
    BundleHeader,
    entry_from_verified,
    entry_line,
    header_line,
    read_bundle,
)
from commoning.core.frontier import (
    Frontier,
    FrontierError,
    plan_missing,
    resolve,
    sign_frontier,
    verify_frontier,
)
from commoning.log import clock
from commoning.log.ingest import ingest_entries
from commoning.log.models import Network, NodeSetting
from commoning.log.registry import Rejected
from commoning.sync import local
from commoning.sync.addresses import UnsafeAddress, checked_addresses
from commoning.sync.client import PeerClient, PeerError
from commoning.sync.models import Peer
from commoning.sync.receive import BATCH, Received, receive_lines, take_att, take_fork

PUSH_PAGE = 1000


class SyncError(RuntimeError):
    """A sync, a join or a bundle could not be done; the message says why, for people."""


# -- peers ------------------------------------------------------------------------------------
def normalise_url(url: str) -> str:
    """A peer URL's form alone (no lookup): http(s), a host, no credentials or query."""
    url = (url or "").strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise Rejected(_("a peer URL starts with http:// or https:// and names a host"))
    if parts.username or parts.password or parts.query or parts.fragment:
        raise Rejected(_("a peer URL carries no user name, password, query or fragment"))
    if len(url) > 500:
        raise Rejected(_("a peer URL is at most 500 characters"))
    try:
        parts.port  # noqa: B018  (raises on a port out of range)
    except ValueError as error:
        raise Rejected(_("a peer URL's port is a number from 1 to 65535")) from error
    return url


def clean_url(url: str) -> str:
    """A peer URL this node may connect to: its form, and every address its host resolves to
    (public, unless the operator allows private networks). The transport checks again when it
    connects, so a name that changes its answer later is caught there."""
    url = normalise_url(url)
    parts = urlsplit(url)
    try:
        checked_addresses(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
    except UnsafeAddress as error:
        raise Rejected(str(error)) from error
    return url


def add_peer(net: str, url: str, *, request=None, discovered: bool = False) -> Peer:
    """An operator chooses a peer to sync with (a proposal found on the LAN becomes chosen)."""
    url = clean_url(url)
    peer, created = Peer.objects.get_or_create(net=net, url=url,
                                               defaults={"discovered": discovered})
    if created:
        security.record("sync:peer:added", request=request, detail=url)
    elif not peer.confirmed:
        confirm_peer(net, peer.id, request=request)
        peer.refresh_from_db()
    return peer


def propose_peer(net: str, url: str) -> Peer | None:
    """LAN discovery found a node of our network: list it as a proposal, never synced with
    until an operator confirms it. Nothing is fetched, so only the URL's form is checked."""
    try:
        url = normalise_url(url)
    except Rejected:
        return None
    peer, created = Peer.objects.get_or_create(
        net=net, url=url, defaults={"discovered": True, "confirmed": False})
    if created:
        security.record("sync:peer:proposed", detail=url)
    return peer


def confirm_peer(net: str, peer_id: int, *, request=None) -> Peer:
    """An operator confirms a proposed peer: from now on this node syncs with it."""
    peer = Peer.objects.filter(net=net, id=peer_id).exclude(url="").first()
    if peer is None:
        raise Rejected(_("no such peer"), status=404)
    clean_url(peer.url)  # the address rule applies before the first connection
    if not peer.confirmed:
        Peer.objects.filter(id=peer.id).update(confirmed=True)
        peer.confirmed = True
        security.record("sync:peer:confirmed", request=request, detail=peer.url)
    return peer


def remove_peer(net: str, peer_id: int, *, request=None) -> None:
    peer = Peer.objects.filter(net=net, id=peer_id).first()
    if peer is None:
        raise Rejected(_("no such peer"), status=404)
    peer.delete()
    security.record("sync:peer:removed", request=request, detail=peer.url or peer.node_key)


def report_invalid(peer: Peer | None, invalid: list, *, request=None, node: str = "",
                   source: str = "") -> None:
    """A peer sent entries that do not verify: count it on the peer and in the security log."""
    if not invalid:
        return
    where, reason = invalid[0]
    who = source or (peer.url if peer else "") or node[:16]
    security.record(
        "sync:peer:invalid_entries", request=request,
        detail=f"{who}: {len(invalid)} invalid line(s); first: {where}: {reason}",
    )
    rows = [peer] if peer is not None else list(Peer.objects.filter(node_key=node)) if node else []
    for row in rows:
        Peer.objects.filter(id=row.id).update(invalid_entries_seen=row.invalid_entries_seen
                                              + len(invalid))


# -- HTTP sync --------------------------------------------------------------------------------
@dataclass
class SyncResult:
    peer: str
    received: Received = field(default_factory=Received)
    sent_entries: int = 0
    sent_forks: int = 0
    push_counts: dict = field(default_factory=dict)
    bytes_in: int = 0
    bytes_out: int = 0
    round_trips: int = 0
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error and not self.received.invalid


def _page(net, ranges, after):
    lines = []
    result = yield_from_into(local.entry_page_lines(net, ranges, after=after, limit=PUSH_PAGE),
                             lines)
    return lines, *result


def yield_from_into(generator, sink: list):
    """Run a generator that yields lines and returns a value; keep the lines in `sink`."""
    while True:
        try:
            sink.append(next(generator))
        except StopIteration as stop:
            return stop.value


def _pull(client: PeerClient, peer: Peer, ours: Frontier, signed: dict, result: SyncResult,
          progress):
    """Pull every page; return the peer's verified (whole) frontier."""
    after, remote = 0, None
    while True:
        lines = client.pull(peer.net, signed, after)
        result.round_trips += 1
        first = next(lines, None)
        try:
            remote = resolve(
                verify_frontier(orjson.loads(first or b"null").get("frontier"), net=peer.net),
                ours, signed["frontier"],
            )
        except (orjson.JSONDecodeError, AttributeError, FrontierError) as error:
            raise PeerError(_("the peer sent no valid signed frontier")) from error
        end = {}

        def body(lines=lines, end=end):
            for line in lines:
                if line.startswith(b'{"end":'):
                    end.update(orjson.loads(line)["end"])
                    return
                yield line

        got = receive_lines(body(), net=peer.net, progress=progress)
        result.received.report.merge(got.report)
        result.received.invalid.extend(got.invalid)
        result.received.entries += got.entries
        result.received.forks += got.forks
        result.received.atts += got.atts
        if not end:
            raise PeerError(_("the peer's answer was cut short; what arrived is kept"))
        if end.get("next") is None:
            return remote
        after = end["next"]


def _push(client: PeerClient, peer: Peer, signed: dict, remote: Frontier, result: SyncResult):
    ours = local.local_frontier(peer.net)
    ranges = plan_missing(ours, remote, local.id_at(peer.net))
    forks = list(local.fork_lines(peer.net, remote.forks))
    if not ranges and not forks:
        return ours, ranges
    head = orjson.dumps({"frontier": signed}) + b"\n"
    after = 0
    while True:
        lines, next_after, count = _page(peer.net, ranges, after)
        answer = client.push(peer.net, [head, *forks, *lines])
        result.round_trips += 1
        result.sent_forks += len(forks)
        result.sent_entries += count
        forks = []
        for status, number in answer.get("counts", {}).items():
            result.push_counts[status] = result.push_counts.get(status, 0) + number
        if next_after is None:
            return ours, ranges
        after = next_after


def _pin_node_key(peer: Peer, node: str) -> None:
    """The first sync with a URL an operator chose pairs the node key it signs with (so that
    node may push to us); a later change of key is refused until an operator pairs again."""
    if not node:
        return
    if peer.paired and peer.node_key and peer.node_key != node:
        raise PeerError(_("the peer now signs with another node key: pair with it again"))
    peer.node_key, peer.paired = node, True


def sync_with_peer(peer: Peer, *, progress=None, transport=None) -> SyncResult:
    """Pull what the peer has and we miss, then push what it misses. An idle sync is one
    round trip: our frontier goes out, the peer's frontier comes back with nothing else."""
    result = SyncResult(peer=peer.url)
    if not peer.url or not peer.confirmed:
        # Pulls go only to peers an operator chose; a LAN proposal waits for confirmation.
        result.error = _("this peer is not confirmed by an operator")
        return result
    client = PeerClient(peer.url, transport=transport)
    try:
        ours_before = local.local_frontier(peer.net)
        signed = sign_frontier(node_key(), ours_before, clock.now_ms())
        remote = _pull(client, peer, ours_before, signed, result, progress)
        _pin_node_key(peer, remote.node)
        ours, pushed = _push(client, peer, signed, remote, result)
        believed = dict(remote.heads)
        for feed_range in pushed:
            if ours.heads[feed_range.author][0] == feed_range.last_seq:
                believed[feed_range.author] = ours.heads[feed_range.author]
        peer.believed_heads = local.heads_json(believed)
        peer.believed_forks = orjson.dumps(sorted(remote.forks | ours.forks)).decode()
    except (PeerError, FrontierError) as error:
        result.error = str(error)
    except (ValueError, KeyError, TypeError, AttributeError):  # a malformed answer
        # Never the peer's own bytes: a page showing them would let a URL read other servers.
        result.error = _("the peer's answer was not a valid sync answer")
    finally:
        client.close()
        result.bytes_in, result.bytes_out = client.bytes_in, client.bytes_out
    if result.received.invalid:
        report_invalid(peer, result.received.invalid)
        peer.refresh_from_db(fields=["invalid_entries_seen"])
    peer.last_sync_at = timezone.now()
    peer.last_result = "failed" if result.error else "invalid" if result.received.invalid else "ok"
    peer.last_error = result.error or (
        f"{len(result.received.invalid)} invalid line(s): {result.received.invalid[0][1]}"
        if result.received.invalid else ""
    )
    peer.last_received = result.received.new_entries
    peer.last_sent = result.sent_entries
    peer.save()
    return result


def sync_all(net: str, *, progress=None) -> list[SyncResult]:
    return [sync_with_peer(peer, progress=progress)
            for peer in Peer.objects.filter(net=net, confirmed=True).exclude(url="")]


# -- bundles ----------------------------------------------------------------------------------
@dataclass
class BundleSummary:
    net: str
    entries: int
    forks: int
    atts: int
    for_node: str


def export_bundle(net: str, handle, *, for_peer: Peer | None = None) -> BundleSummary:
    """Write a bundle: a signed header, then fork proofs, entries and attachments. With a peer,
    only what we believe it misses (its last frontier or bundle acknowledgement)."""
    key = node_key()
    ours = local.local_frontier(net)
    assumed = Frontier(net)
    if for_peer is not None:
        assumed = Frontier(net, local.heads_from_json(for_peer.believed_heads),
                           frozenset(orjson.loads(for_peer.believed_forks or "[]")))
    ranges = plan_missing(ours, assumed, local.id_at(net))
    counts = {"entries": 0, "forks": 0, "atts": 0}
    digest = hashlib.sha256()
    with tempfile.TemporaryFile() as body:
        def write(line: bytes, kind: str):
            body.write(line)
            digest.update(line)
            counts[kind] += 1

        for line in local.fork_lines(net, assumed.forks):
            write(line, "forks")
        pending = []
        for _order, envelope, att_hash in local.entry_rows(net, ranges):
            write(entry_line(envelope), "entries")
            if att_hash:
                pending.append(att_hash)
            if len(pending) >= 200:
                for line in local.att_lines(pending):
                    write(line, "atts")
                pending = []
        for line in local.att_lines(pending):
            write(line, "atts")
        header = BundleHeader(
            net=net, node=key.public_hex, ts=clock.now_ms(),
            for_node=for_peer.node_key if for_peer is not None else "",
            assumed=assumed.heads, acks=ours.heads, forks_acked=tuple(sorted(ours.forks)),
            digest=digest.hexdigest(), **counts,
        )
        body.seek(0)
        with gzip.GzipFile(filename="", fileobj=handle, mode="wb", mtime=0) as stream:
            stream.write(header_line(key, header))
            shutil.copyfileobj(body, stream, 1024 * 1024)
    return BundleSummary(net, counts["entries"], counts["forks"], counts["atts"],
                         header.for_node)


@dataclass
class ImportResult:
    header: BundleHeader
    received: Received
    verify_seconds: float = 0.0  # reading and checking the whole file
    ingest_seconds: float = 0.0  # the log's ingest and projections, in one transaction


def _peer_for_node(net: str, node: str) -> Peer:
    peer = Peer.objects.filter(net=net, node_key=node).order_by("-url").first()
    return peer or Peer.objects.create(net=net, node_key=node, url="")


def import_bundle(handle, *, request=None, joining: bool = False, progress=None) -> ImportResult:
    """Verify a whole bundle, then ingest it in one transaction: all or nothing. Importing the
    same bundle twice changes nothing the second time."""
    started = time.perf_counter()
    try:
        bundle = read_bundle(handle)
        header = bundle.header
        hosted = Network.objects.filter(id=header.net).exists()
        if not hosted and not joining:
            raise BundleError("this bundle is for a network this node does not serve "
                              f"({header.net[:12]}…); use `commoning init --from-bundle`")
        if joining and default_network() not in (None, header.net):
            raise BundleError("this node already serves another network")
        if not hosted and not any(item[2] == header.net for item in bundle.entries[:1000]):
            raise BundleError("this bundle does not hold the network's genesis entry, so a new "
                              "node cannot join from it: export one without --for")
    except BundleError as error:
        security.record("sync:bundle:refused", request=request, detail=str(error))
        raise
    verified_at = time.perf_counter()
    received = Received()
    named = set()  # attachment hashes the bundle's entries name
    for item in bundle.entries:
        if b'"att":{' in item[0]:
            att = entry_from_verified(item).att
            if att:
                named.add(att["hash"])
    with transaction.atomic():
        for fork in bundle.forks:
            take_fork(fork, received)
        for start in range(0, len(bundle.entries), BATCH):
            chunk = [entry_from_verified(item) for item in bundle.entries[start : start + BATCH]]
            received.report.merge(ingest_entries(chunk))
            received.entries += len(chunk)
            if progress:
                progress(len(chunk))
        for att in bundle.atts:
            take_att(att, received, named)
        if Network.objects.filter(id=header.net).exists():
            peer = _peer_for_node(header.net, header.node)
            # The sender acknowledges holding everything in `acks`.
            peer.believed_heads = local.heads_json(header.acks)
            peer.believed_forks = orjson.dumps(sorted(header.forks_acked)).decode()
            peer.last_sync_at = timezone.now()
            peer.last_result = "ok"
            peer.last_error = ""
            peer.last_received = received.new_entries
            peer.save()
            if joining:
                NodeSetting.objects.get_or_create(key=DEFAULT_NET_SETTING,
                                                  defaults={"value": header.net})
    security.record(
        "sync:bundle:imported", request=request,
        detail=f"from node {header.node[:16]}: {received.entries} entries, "
               f"{received.report.counts}",
    )
    return ImportResult(header, received, verified_at - started,
                        time.perf_counter() - verified_at)


# -- joining ----------------------------------------------------------------------------------
def join_from_url(url: str, *, progress=None, transport=None) -> tuple[str, SyncResult]:
    """Join the network a peer serves: fetch its id, pull the genesis and the log."""
    try:
        url = clean_url(url)
    except Rejected as error:
        raise SyncError(error.reason) from error
    with PeerClient(url, transport=transport) as client:
        try:
            net = client.network_id()
        except (PeerError, KeyError, orjson.JSONDecodeError) as error:
            raise SyncError(f"could not learn the network of {url}: {error}") from error
    current = default_network()
    if current not in (None, net):
        raise SyncError("this node already serves another network")
    node_key()
    peer = add_peer(net, url)
    result = sync_with_peer(peer, progress=progress, transport=transport)
    if result.error:
        raise SyncError(result.error)
    if not Network.objects.filter(id=net).exists():
        raise SyncError(f"{url} did not send the network's genesis entry")
    NodeSetting.objects.get_or_create(key=DEFAULT_NET_SETTING, defaults={"value": net})
    return net, result
