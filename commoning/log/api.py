"""API of the log: entries (with their envelopes and outcomes) and the state hash."""

import orjson
from django.conf import settings
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.pagination import paginate

from commoning.accounts import ratelimit, security
from commoning.accounts.actions import default_network
from commoning.apikit import Pagination, error
from commoning.log.models import Entry
from commoning.log.projection import cached_state_hash

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


class StateHashOut(Schema):
    net: str
    state_hash: str


def _net() -> str:
    net = default_network()
    if net is None:
        raise Http404("this node serves no network yet")
    return net


@router.get("/entries", response=list[EntryOut])
@paginate(Pagination)
def entries(request, type: str = "", author: str = ""):
    queryset = Entry.objects.filter(net=_net()).order_by("-apply_order")
    if type:
        queryset = queryset.filter(type=type[:64])
    if author:
        queryset = queryset.filter(author=author[:64])
    return queryset


@router.get("/entries/{entry_id}", response=EntryOut)
def entry(request, entry_id: str):
    row = Entry.objects.filter(net=_net(), id=entry_id[:64]).first()
    if row is None:
        raise Http404("no such entry")
    return row


@router.get("/state-hash", response={200: StateHashOut, 429: ErrorOut})
def get_state_hash(request):
    """The digest of every projection; cached per log position and rate-limited per address,
    since anyone may ask."""
    capacity, per_minute = settings.COMMONING_STATE_HASH_RATE
    address = security.client_ip(request)
    if not ratelimit.take(f"log:state_hash:{address}", capacity=capacity, per_minute=per_minute):
        response = error(429, "rate_limited", _("Too many state-hash requests; wait a minute."))
        response["Retry-After"] = "60"
        return response
    net = _net()
    return {"net": net, "state_hash": cached_state_hash()}
