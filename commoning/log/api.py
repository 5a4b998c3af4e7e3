"""API of the log: entries (with their envelopes and outcomes) and the state hash."""

import orjson
from django.http import Http404
from ninja import Router, Schema
from ninja.pagination import paginate

from commoning.accounts.actions import default_network
from commoning.apikit import Pagination
from commoning.log.models import Entry
from commoning.log.projection import state_hash

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


@router.get("/state-hash", response=StateHashOut)
def get_state_hash(request):
    net = _net()
    return {"net": net, "state_hash": state_hash()}
