"""Machine-to-machine sync endpoints. No login: entries prove themselves by their signatures,
and frontiers by the node key that signed them; none of these endpoints changes anything but
the log, and only through its ingest.

  GET  /sync/<net>/frontier   this node's signed frontier
  POST /sync/<net>/pull       body {"frontier": signed}; answer JSON lines: our signed frontier,
                              fork proofs the caller lacks, entries it misses (one page), the
                              attachments they name, then {"end": {entries, next}}
  POST /sync/<net>/push       body JSON lines: the caller's signed frontier, then fork, entry
                              and att lines; answer: the ingest report. Only from node keys
                              this node's operator paired (403 not_paired otherwise)
  POST /sync/<net>/pair       body {"code", "frontier": signed}: spend a one-time pairing code;
                              answer {"frontier": ours, signed} (commoning.sync.pairing)
"""

import gzip
import zlib

import orjson
from django.http import JsonResponse, StreamingHttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from commoning.accounts import ratelimit, security
from commoning.accounts.keystore import node_key
from commoning.core.frontier import (
    Frontier,
    FrontierError,
    delta_against,
    plan_missing,
    sign_frontier,
    verify_frontier,
)
from commoning.log import clock, quarantine
from commoning.log.models import Network
from commoning.sync import local, pairing
from commoning.sync.actions import report_invalid
from commoning.sync.models import Peer
from commoning.sync.receive import receive_lines

MAX_FRONTIER_BYTES = 8 * 1024 * 1024
MAX_PAIR_BYTES = 16 * 1024  # a code and an empty signed frontier


def _error(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse({"code": code, "message": message}, status=status)


def _gzipped(request) -> bool:
    return request.headers.get("Content-Encoding", "").strip().lower() == "gzip"


def _read_small_body(request, limit: int) -> bytes | None:
    """The whole request body, gunzipped if it came compressed; None if it exceeds `limit`."""
    raw = request.read(limit + 1)
    if _gzipped(request):
        try:
            raw = zlib.decompressobj(wbits=31).decompress(raw, limit + 1)
        except zlib.error:
            return b""
    return raw if len(raw) <= limit else None


def _compressed(chunks):
    """Gzip a stream of lines as it goes: hex ids and keys shrink to about half."""
    compressor = zlib.compressobj(6, zlib.DEFLATED, 31)
    for chunk in chunks:
        out = compressor.compress(chunk)
        if out:
            yield out
    yield compressor.flush()


def _lines(request, limit: int = 8 * 1024 * 1024):
    """The request body's lines, gunzipped on the fly if it came compressed."""
    source = gzip.GzipFile(fileobj=request, mode="rb") if _gzipped(request) else request
    while True:
        line = source.readline(limit)
        if not line:
            return
        yield line


def _hosted(net: str) -> bool:
    return len(net) == 64 and Network.objects.filter(id=net).exists()


@csrf_exempt
@require_GET
def frontier(request, net: str):
    if not _hosted(net):
        return _error(404, "not_found", "this node does not serve that network")
    return JsonResponse(local.signed_local_frontier(net))


@csrf_exempt
@require_POST
def pull(request, net: str):
    if not _hosted(net):
        return _error(404, "not_found", "this node does not serve that network")
    try:
        after = int(request.GET.get("after", "0"))
    except ValueError:
        return _error(400, "invalid", "after must be an integer")
    raw = _read_small_body(request, MAX_FRONTIER_BYTES)
    if raw is None:
        return _error(413, "too_large", "the frontier is too large")
    try:
        signed_remote = orjson.loads(raw).get("frontier")
        remote = verify_frontier(signed_remote, net=net)
        if remote.base:
            raise FrontierError("a caller sends its whole frontier")
    except (orjson.JSONDecodeError, AttributeError, FrontierError) as error:
        return _error(400, "invalid_frontier", f"send {{\"frontier\": signed}}: {error}")
    ours = local.local_frontier(net)
    # Our frontier as a difference from the caller's: an idle sync answers a few bytes.
    signed = sign_frontier(node_key(), delta_against(ours, remote, signed_remote["frontier"]),
                           clock.now_ms())
    ranges = plan_missing(ours, remote, local.id_at(net))

    def stream():
        yield orjson.dumps({"frontier": signed}) + b"\n"
        if after == 0:
            yield from local.fork_lines(net, remote.forks)
        next_after, count = yield from local.entry_page_lines(net, ranges, after=after)
        yield orjson.dumps({"end": {"entries": count, "next": next_after}}) + b"\n"

    if "gzip" in request.headers.get("Accept-Encoding", ""):
        response = StreamingHttpResponse(_compressed(stream()),
                                         content_type="application/x-ndjson")
        response["Content-Encoding"] = "gzip"
        return response
    return StreamingHttpResponse(stream(), content_type="application/x-ndjson")


@csrf_exempt
@require_POST
def push(request, net: str):
    if not _hosted(net):
        return _error(404, "not_found", "this node does not serve that network")
    lines = _lines(request)
    try:
        first = next(lines, b"")
    except (OSError, EOFError, zlib.error):
        return _error(400, "invalid", "the body is not valid gzip")
    try:
        remote = verify_frontier(orjson.loads(first).get("frontier"), net=net)
    except (orjson.JSONDecodeError, AttributeError, FrontierError) as error:
        return _error(400, "invalid_frontier", f"the first line must be the caller's signed "
                                               f"frontier: {error}")
    if not Peer.objects.filter(net=net, node_key=remote.node, paired=True).exists():
        # Checked before a single entry is read: an unknown node's push stores nothing.
        return _error(403, "not_paired", "this node takes pushes only from nodes its operator "
                                         "paired; ask its operator for a pairing code")
    try:
        received = receive_lines(lines, net=net)
    except (OSError, EOFError, zlib.error):
        return _error(400, "invalid", "the body was cut short or is not valid gzip; "
                                      "what arrived before that is kept")
    counts = received.report.counts
    quarantine.tally(f"node {remote.node}", entries=counts.get("quarantined", 0),
                     fork_proofs=counts.get("unadmitted", 0))
    if received.invalid:
        report_invalid(None, received.invalid, request=request, node=remote.node,
                       source=f"node {remote.node[:16]} (push)")
        Peer.objects.filter(net=net, node_key=remote.node).update(last_result="invalid")
    return JsonResponse(received.summary())


@csrf_exempt
@require_POST
def pair(request, net: str):
    if not _hosted(net):
        return _error(404, "not_found", "this node does not serve that network")
    ip = security.client_ip(request) or "unknown"
    if not (ratelimit.take(f"sync:pair:{ip}", capacity=pairing.PAIR_RATE_PER_ADDRESS[0],
                           per_minute=pairing.PAIR_RATE_PER_ADDRESS[1])
            and ratelimit.take("sync:pair", capacity=pairing.PAIR_RATE_PER_NODE[0],
                               per_minute=pairing.PAIR_RATE_PER_NODE[1])):
        return _error(429, "rate_limited", "too many pairing attempts; wait a minute")
    raw = _read_small_body(request, MAX_PAIR_BYTES)
    if raw is None:
        return _error(413, "too_large", "a pairing request is a code and a signed frontier")
    try:
        offer = orjson.loads(raw)
        theirs = verify_frontier(offer.get("frontier"), net=net)
        code = offer.get("code")
        if not isinstance(code, str):
            raise FrontierError("send the pairing code as text")
    except (orjson.JSONDecodeError, AttributeError, FrontierError) as error:
        return _error(400, "invalid", f"send {{\"code\", \"frontier\": signed}}: {error}")
    ours = node_key()
    if theirs.node == ours.public_hex:
        return _error(400, "invalid", "a node does not pair with itself")
    try:
        pairing.redeem_code(net, code, theirs.node, request=request)
    except pairing.PairingError:
        return _error(403, "bad_code", "the pairing code is wrong, used or expired")
    return JsonResponse({"frontier": sign_frontier(ours, Frontier(net), clock.now_ms())})
