"""A snapshot of shared state, to show that a refused request changed nothing.

It counts the log's rows and every registered projection's rows, and fingerprints the
projection rows themselves, so an edit that slipped through (same count, new name) shows too.
"""

import hashlib

from commoning.log.models import Attachment, Entry, ParkedEntry
from commoning.log.registry import PROJECTIONS


def shared_state() -> dict:
    state = {
        "entries": Entry.objects.count(),
        "parked": ParkedEntry.objects.count(),
        "attachments": Attachment.objects.count(),
    }
    for model in PROJECTIONS:
        rows = list(model.objects.order_by("pk").values_list())
        state[model._meta.label] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
    return state
