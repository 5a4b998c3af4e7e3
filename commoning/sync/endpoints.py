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

Every body is bounded (commoning.core.limits): in bytes as sent and unpacked, per line, in
invalid lines, in time, and pushes per peer node. Past a bound the answer is a 4xx (413, 408,
400, 429) and what was valid before it is kept.
"""

import time
import zlib

import orjson
from django.http import JsonResponse, StreamingHttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from commoning.accounts import ratelimit, security
from commoning.accounts.keystore import node_key
from commoning.core import bounded, limits
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
from commoning.sync.receive import Receiver, TooManyInvalid

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
    raw = _read_small_body(request, limits.MAX_FRONTIER_BYTES)
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
    if _declared_length(request) > limits.MAX_REQUEST_BODY_BYTES:
        return _error(413, "too_large", "the body is larger than this node takes")
    # However slowly the body drips in, it is read for at most this long.
    deadline = time.monotonic() + limits.PUSH_BODY_SECONDS
    source = bounded.gunzipped(request) if _gzipped(request) else request
    lines = bounded.lines(source.read, max_total=limits.MAX_PUSH_BODY_BYTES, deadline=deadline,
                          first_line_limit=limits.MAX_FRONTIER_BYTES)
    try:
        first = next(lines, b"")
    except BOUNDS_BROKEN as error:
        return _refused(error)
    try:
        if isinstance(first, bounded.LongLine):
            raise FrontierError("it is too long")
        remote = verify_frontier(orjson.loads(first).get("frontier"), net=net)
    except (orjson.JSONDecodeError, AttributeError, FrontierError) as error:
        return _error(400, "invalid_frontier", f"the first line must be the caller's signed "
                                               f"frontier: {error}")
    if not Peer.objects.filter(net=net, node_key=remote.node, paired=True).exists():
        # Checked before a single entry is read: an unknown node's push stores nothing.
        return _error(403, "not_paired", "this node takes pushes only from nodes its operator "
                                         "paired; ask its operator for a pairing code")
    if not ratelimit.take(f"sync:push:{remote.node}", capacity=limits.PUSH_BURST,
                          per_minute=limits.PUSH_PER_MINUTE):
        return _error(429, "rate_limited", "too many pushes from this node; try again later")
    receiver = Receiver(net=net)
    problem = None
    try:
        for number, raw in enumerate(lines, start=2):
            receiver.take(number, raw)
    except (*BOUNDS_BROKEN, TooManyInvalid) as error:
        problem = error  # what was valid before it is kept
    finally:
        received = receiver.finish()
    if problem is None and received.past_limit:
        problem = TooManyInvalid(f"more than {limits.MAX_INVALID_LINES} invalid lines")
    counts = received.report.counts
    quarantine.tally(f"node {remote.node}", entries=counts.get("quarantined", 0),
                     fork_proofs=counts.get("unadmitted", 0))
    if received.invalid:
        report_invalid(None, received, request=request, node=remote.node,
                       source=f"node {remote.node[:16]} (push)")
        Peer.objects.filter(net=net, node_key=remote.node).update(last_result="invalid")
    if problem is not None:
        refused = _refused(problem)
        return JsonResponse({**orjson.loads(refused.content), **received.summary()},
                            status=refused.status_code)
    return JsonResponse(received.summary())


BOUNDS_BROKEN = (bounded.TooLarge, bounded.TooSlow, bounded.Corrupt)


def _refused(error) -> JsonResponse:
    """The 4xx for a body that broke a bound (or was junk); what came before it is kept."""
    if isinstance(error, bounded.TooLarge):
        return _error(413, "too_large", f"{error}; what came before is kept")
    if isinstance(error, bounded.TooSlow):
        return _error(408, "too_slow", f"{error}; what came before is kept")
    return _error(400, "invalid", f"{error}; what came before is kept")  # junk or bad gzip


def _declared_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


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
