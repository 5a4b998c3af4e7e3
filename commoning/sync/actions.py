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
from commoning.core import bounded, limits
from commoning.core.bundle_format import (
    BodyCheck,
    BundleError,
    BundleHeader,
    entry_line,
    header_line,
    open_bundle,
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
from commoning.log.models import Network, NodeSetting
from commoning.log.registry import Rejected
from commoning.sync import local
from commoning.sync.addresses import UnsafeAddress, checked_addresses
from commoning.sync.client import PeerClient, PeerError
from commoning.sync.models import Peer
from commoning.sync.receive import Received, Receiver, TooManyInvalid

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


def report_invalid(peer: Peer | None, received: Received, *, request=None, node: str = "",
                   source: str = "") -> None:
    """A peer sent lines that do not verify: count them on the peer and in the security log."""
    if not received.invalid_count:
        return
    where, reason = received.invalid_reasons[0]
    who = source or (peer.url if peer else "") or node[:16]
    security.record(
        "sync:peer:invalid_entries", request=request,
        detail=f"{who}: {received.invalid_count} invalid line(s); first: {where}: {reason}",
    )
    rows = [peer] if peer is not None else list(Peer.objects.filter(node_key=node)) if node else []
    for row in rows:
        Peer.objects.filter(id=row.id).update(invalid_entries_seen=row.invalid_entries_seen
                                              + received.invalid_count)


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
                if isinstance(line, bytes) and line.startswith(b'{"end":'):
                    end.update(orjson.loads(line)["end"])
                    return
                yield line

        receiver = Receiver(net=peer.net, progress=progress)
        try:
            for number, raw in enumerate(body(), start=1):
                receiver.take(number, raw)
        except TooManyInvalid as error:
            raise PeerError(f"{peer.url} sent {error}; what was valid before is kept") from error
        finally:
            result.received.merge(receiver.finish())
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
        page: dict = {}

        def page_lines(after=after, forks=forks, page=page):
            # A generator, so the client compresses the page as it goes, never holding it raw.
            yield head
            yield from forks
            page["next"], page["count"] = yield from local.entry_page_lines(
                peer.net, ranges, after=after, limit=PUSH_PAGE)

        answer = client.push(peer.net, page_lines())
        result.round_trips += 1
        result.sent_forks += len(forks)
        result.sent_entries += page["count"]
        forks = []
        for status, number in answer.get("counts", {}).items():
            result.push_counts[status] = result.push_counts.get(status, 0) + number
        if page["next"] is None:
            return ours, ranges
        after = page["next"]


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
        report_invalid(peer, result.received)
        peer.refresh_from_db(fields=["invalid_entries_seen"])
    peer.last_sync_at = timezone.now()
    peer.last_result = "failed" if result.error else "invalid" if result.received.invalid else "ok"
    peer.last_error = result.error or (
        f"{result.received.invalid_count} invalid line(s): {result.received.invalid[0][1]}"
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
    seconds: float = 0.0  # reading, checking and ingesting the whole file, in one pass


def _peer_for_node(net: str, node: str) -> Peer:
    peer = Peer.objects.filter(net=net, node_key=node).order_by("-url").first()
    return peer or Peer.objects.create(net=net, node_key=node, url="")


BUNDLE_BATCH_ENTRIES = 20_000  # large enough that a big bundle's checks share a worker


def _refuse_line(where: str, reason: str):
    raise BundleError(f"{where} is invalid: {reason}")


def import_bundle(handle, *, request=None, joining: bool = False, progress=None) -> ImportResult:
    """Import a bundle in one pass and one transaction: all or nothing. Lines are read as they
    come (never the whole file in memory) and taken through the log's one checked ingest; if
    anything is invalid, or the body does not match its signed header, everything rolls back.
    Importing the same bundle twice changes nothing the second time."""
    started = time.perf_counter()
    try:
        header, lines = open_bundle(handle)
        hosted = Network.objects.filter(id=header.net).exists()
        if not hosted and not joining:
            raise BundleError("this bundle is for a network this node does not serve "
                              f"({header.net[:12]}…); use `commoning init --from-bundle`")
        if joining and default_network() not in (None, header.net):
            raise BundleError("this node already serves another network")
        with transaction.atomic():
            received = _take_bundle_body(header, lines, progress)
            if not Network.objects.filter(id=header.net).exists():
                raise BundleError("this bundle does not hold the network's genesis entry, so a "
                                  "new node cannot join from it: export one without --for")
            _remember_sender(header, received, joining)
    except BundleError as error:
        security.record("sync:bundle:refused", request=request, detail=str(error))
        raise
    security.record(
        "sync:bundle:imported", request=request,
        detail=f"from node {header.node[:16]}: {received.entries} entries, "
               f"{received.report.counts}",
    )
    return ImportResult(header, received, time.perf_counter() - started)


def _take_bundle_body(header: BundleHeader, lines, progress) -> Received:
    """Take every body line through the receiver, strictly: the first invalid line refuses the
    whole bundle (the caller's transaction rolls back)."""
    check = BodyCheck()
    receiver = Receiver(net=header.net, progress=progress, on_invalid=_refuse_line,
                        batch_entries=BUNDLE_BATCH_ENTRIES)
    try:
        for number, raw in enumerate(lines, start=2):
            if isinstance(raw, bytes):
                if not raw.endswith(b"\n"):
                    raise BundleError(f"line {number} is cut short: the bundle is truncated")
                check.add(raw)
            receiver.take(number, raw)
    except bounded.TooLarge as error:
        raise BundleError(f"the bundle is larger than this node takes "
                          f"({limits.MAX_BUNDLE_BYTES // limits.MIB} MiB unpacked)") from error
    except bounded.Corrupt as error:
        raise BundleError(f"the bundle file is truncated or corrupted ({error})") from error
    received = receiver.finish()
    problem = check.problem(header)
    if problem:
        raise BundleError(problem)
    return received


def _remember_sender(header: BundleHeader, received: Received, joining: bool) -> None:
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
