"""API of the log: entries (with their envelopes and outcomes) and the state hash.

Entries are paged by an opaque cursor (`next`), newest first, at a cost that does not grow with
the log; the state hash answers from its cache at once and says whether it is fresh.
"""

import orjson
from django.conf import settings
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from commoning.accounts import ratelimit, security
from commoning.accounts.actions import default_network
from commoning.apikit import PAGE_DEFAULT, PAGE_MAX, error
from commoning.log import state_hash as state_hashes
from commoning.log.models import Entry
from commoning.log.paging import BadCursor, Cursor, entries_page

router = Router(tags=["log"])


class EntryOut(Schema):
    id: str
    author: str
    seq: int
    ts: int
    type: str
    status: str
    reason: str
    envelope: dict

    @staticmethod
    def resolve_envelope(row):
        return {"payload": bytes(row.payload).decode(), "sigs": orjson.loads(row.sigs)}


class ErrorOut(Schema):
    code: str
    message: str


class EntryPageOut(Schema):
    items: list[EntryOut]
    next: str | None = Field(description="Pass as ?cursor= for the older entries; null at the end.")


class EntryFilters(Schema):
    limit: int = Field(PAGE_DEFAULT, ge=1, le=2**31, description="At most 100 are sent.")
    cursor: str = Field("", max_length=64, description="`next` of the page before.")
    type: str = Field("", max_length=64)
    author: str = Field("", max_length=64)


class StateHashOut(Schema):
    net: str
    state_hash: str | None = Field(description="null until the node computed a first digest.")
    position: int = Field(description="The apply position (highest apply order) it describes.")
    fresh: bool = Field(description="False while the log has moved on; a new one is on its way.")


def _net() -> str:
    net = default_network()
    if net is None:
        raise Http404("this node serves no network yet")
    return net


@router.get("/entries", response={200: EntryPageOut, 400: ErrorOut})
def entries(request, filters: Query[EntryFilters]):
    """The log, newest first; `next` leads to older entries."""
    if "offset" in request.GET:
        # Pages by offset cost the whole skipped history; say what to use instead.
        hint = _("This list pages by ?cursor= (its `next`), not by offset.")
        return error(400, "bad_request", hint)
    try:
        before = Cursor.decode(filters.cursor) if filters.cursor else None
    except BadCursor:
        message = _("This cursor was not made by this list; start again without ?cursor=.")
        return error(400, "bad_request", message)
    page = entries_page(
        _net(),
        limit=min(filters.limit, PAGE_MAX),
        type=filters.type,
        author=filters.author,
        before=before,
    )
    return {"items": page.rows, "next": page.older.encode() if page.older else None}


@router.get("/entries/{entry_id}", response=EntryOut)
def entry(request, entry_id: str):
    """One signed entry of the log by its id (404 if this node has not received it)."""
    row = Entry.objects.filter(net=_net(), id=entry_id[:64]).first()
    if row is None:
        raise Http404("no such entry")
    return row


@router.get("/state-hash", response={200: StateHashOut, 429: ErrorOut})
def get_state_hash(request):
    """The last digest of every projection and the log position it describes, at once; if the
    log has moved, a new one is computed in the background (one at a time per node).
    Rate-limited per address, since anyone may ask."""
    capacity, per_minute = settings.COMMONING_STATE_HASH_RATE
    address = security.client_ip(request)
    if not ratelimit.take(f"log:state_hash:{address}", capacity=capacity, per_minute=per_minute):
        response = error(429, "rate_limited", _("Too many state-hash requests; wait a minute."))
        response["Retry-After"] = "60"
        return response
    net = _net()
    answer = state_hashes.latest()
    if not answer.fresh:
        # Answer now with what is known; the next ask finds the new digest.
        state_hashes.refresh_in_background()
    return {
        "net": net,
        "state_hash": answer.state_hash,
        "position": answer.position,
        "fresh": answer.fresh,
    }
