"""Machine-to-machine sync endpoints. No login: entries prove themselves by their signatures,
and frontiers by the node key that signed them; none of these endpoints changes anything but
the log, and only through its ingest.

  GET  /sync/<net>/frontier   this node's signed frontier
  POST /sync/<net>/pull       body {"frontier": signed}; answer JSON lines: our signed frontier,
                              fork proofs the caller lacks, entries it misses (one page), the
                              attachments they name, then {"end": {entries, next}}
  POST /sync/<net>/push       body JSON lines: the caller's signed frontier, then fork, entry
                              and att lines; answer: the ingest report
"""

import orjson
from django.http import JsonResponse, StreamingHttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from commoning.accounts.keystore import node_key
from commoning.core.frontier import FrontierError, plan_missing, sign_frontier, verify_frontier
from commoning.log import clock
from commoning.log.models import Network
from commoning.sync import local
from commoning.sync.actions import report_invalid
from commoning.sync.models import Peer
from commoning.sync.receive import receive_lines

MAX_FRONTIER_BYTES = 8 * 1024 * 1024


def _error(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse({"code": code, "message": message}, status=status)


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
    raw = request.read(MAX_FRONTIER_BYTES + 1)
    if len(raw) > MAX_FRONTIER_BYTES:
        return _error(413, "too_large", "the frontier is too large")
    try:
        remote = verify_frontier(orjson.loads(raw).get("frontier"), net=net)
    except (orjson.JSONDecodeError, AttributeError, FrontierError) as error:
        return _error(400, "invalid_frontier", f"send {{\"frontier\": signed}}: {error}")
    ours = local.local_frontier(net)
    signed = sign_frontier(node_key(), ours, clock.now_ms())
    ranges = plan_missing(ours, remote, local.id_at(net))

    def stream():
        yield orjson.dumps({"frontier": signed}) + b"\n"
        if after == 0:
            yield from local.fork_lines(net, remote.forks)
        next_after, count = yield from local.entry_page_lines(net, ranges, after=after)
        yield orjson.dumps({"end": {"entries": count, "next": next_after}}) + b"\n"

    return StreamingHttpResponse(stream(), content_type="application/x-ndjson")


@csrf_exempt
@require_POST
def push(request, net: str):
    if not _hosted(net):
        return _error(404, "not_found", "this node does not serve that network")
    lines = iter(request)
    first = next(lines, b"")
    try:
        remote = verify_frontier(orjson.loads(first).get("frontier"), net=net)
    except (orjson.JSONDecodeError, AttributeError, FrontierError) as error:
        return _error(400, "invalid_frontier", f"the first line must be the caller's signed "
                                               f"frontier: {error}")
    received = receive_lines(lines, net=net)
    if received.invalid:
        report_invalid(None, received.invalid, request=request, node=remote.node,
                       source=f"node {remote.node[:16]} (push)")
        Peer.objects.filter(net=net, node_key=remote.node).update(last_result="invalid")
    return JsonResponse(received.summary())
