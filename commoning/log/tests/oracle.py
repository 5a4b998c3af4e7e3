"""The state hash as it was first written (every row of a projection sorted in memory), kept as
the oracle the streaming computation must agree with, digest for digest."""

import hashlib

import orjson
from django.db import models

from commoning.log import registry
from commoning.log.models import Entry as EntryRow
from commoning.log.models import EntryStatus


def _jsonable(value):
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def state_hash_in_memory(net: str | None = None) -> str:
    digest = hashlib.sha256(b"commoning/state/v1\x00")
    for model in sorted(registry.PROJECTIONS, key=lambda m: m._meta.label):
        fields = [
            field.attname
            for field in model._meta.concrete_fields
            if not isinstance(field, models.AutoField | models.BigAutoField)
        ]
        queryset = model.objects.all()
        net_field = getattr(model, "STATE_HASH_NET_FIELD", "net")
        if net is not None and net_field in fields:
            queryset = queryset.filter(**{net_field: net})
        rows = sorted(
            orjson.dumps([_jsonable(value) for value in row], option=orjson.OPT_SORT_KEYS)
            for row in queryset.values_list(*fields)
        )
        digest.update(model._meta.label.encode() + b"\x00" + str(len(rows)).encode() + b"\x00")
        for row in rows:
            digest.update(row + b"\n")
    outcomes = EntryRow.objects.filter(status__in=[EntryStatus.APPLIED, EntryStatus.REJECTED])
    if net is not None:
        outcomes = outcomes.filter(net=net)
    pairs = sorted(outcomes.values_list("id", "status"))
    digest.update(b"entries\x00" + str(len(pairs)).encode() + b"\x00")
    for entry_id, status in pairs:
        digest.update(f"{entry_id}:{status}\n".encode())
    return digest.hexdigest()
