"""Helpers for log tests: raw entries on a member's feed, a node wiped clean, envelopes."""

import orjson
from django.db import transaction

from commoning.accounts.access import signing_key_for
from commoning.core import entry as entry_format
from commoning.core.entry import Entry
from commoning.core.signing import SigningKey
from commoning.log import clock, registry
from commoning.log.append import feed_head
from commoning.log.ingest import ingest_entries, ingest_envelopes
from commoning.log.models import Entry as EntryRow
from commoning.log.models import ForkProof, ParkedEntry, ParkedWait
from commoning.log.projection import state_hash


def key_of(user) -> SigningKey:
    return signing_key_for(user)[1]


def next_entry(key: SigningKey, net: str, type: str, data: dict, *, deps=(), ts=None,
               after: Entry | None = None, att=None) -> Entry:
    """A signed entry on `key`'s feed, after `after` or else after the stored feed head.

    It is only built, not stored: tests deliver it through ingest (as a peer would).
    """
    if after is not None:
        seq, prev, min_ts = after.seq + 1, after.id, after.ts + 1
    else:
        head = feed_head(net, key.public_hex)
        seq, prev, min_ts = (head[0] + 1, head[1], head[2] + 1) if head else (1, None, 0)
    # Like append: strictly after the prev, so a feed's own edits keep their order.
    return entry_format.build(
        key, net=net, seq=seq, prev=prev, ts=ts if ts is not None else max(clock.now_ms(), min_ts),
        type=type, data=data, deps=deps, att=att,
    )


def admitted_identity(key: SigningKey, net: str, name: str, *, custody: str = "self",
                      **options) -> Entry:
    """The identity of a newly admitted key, built and not stored; its admission (by the
    founder's key, which the test node holds, as at sign-up) is stored here first."""
    from commoning.accounts.admitting import admit_key

    admit = admit_key(net, key.public_hex)
    return next_entry(key, net, "accounts.identity", {"name": name, "custody": custody},
                      deps=[admit.id, *options.pop("deps", ())], **options)


def ingest(*entries: Entry) -> dict:
    """Deliver entries as a peer would (envelopes, verified first); return outcome counts."""
    return ingest_envelopes([entry.envelope() for entry in entries]).counts


def ingest_one(entry: Entry) -> str:
    """Deliver one entry; return its single outcome."""
    report = ingest_entries([entry])
    assert sum(report.counts.values()) >= 1, report.counts
    return next(iter(report.counts))


def exported_envelopes() -> list[dict]:
    """Every stored entry as its envelope, in this node's apply order."""
    return [
        {"payload": bytes(payload).decode(), "sigs": orjson.loads(sigs)}
        for payload, sigs in EntryRow.objects.order_by("apply_order").values_list("payload", "sigs")
    ]


def wipe_node() -> None:
    """Forget the log and every projection, as if this were a fresh node with the same users."""
    assert transaction.get_connection().in_atomic_block
    ParkedWait.objects.all().delete()
    ParkedEntry.objects.all().delete()
    ForkProof.objects.all().delete()
    EntryRow.objects.all().delete()
    for model in reversed(registry.PROJECTIONS):
        model.objects.all().delete()


def status_of(entry: Entry) -> str | None:
    return EntryRow.objects.filter(id=entry.id).values_list("status", flat=True).first()


def is_parked(entry: Entry) -> bool:
    return ParkedEntry.objects.filter(id=entry.id).exists()


__all__ = ["admitted_identity", "exported_envelopes", "ingest", "next_entry", "state_hash",
           "wipe_node"]


def assert_same_in_any_order(envelopes, *, observe=lambda: None, examples: int = 10) -> None:
    """The property every app keeps: the same envelopes, delivered in any order hypothesis
    picks to a node wiped of its log and projections, give the same state hash and the same
    `observe()` (what people see, e.g. verdicts or holders) as the node has now."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import strategies as st

    reference = (state_hash(), observe())

    # No shrinking: a failing order is printed whole, and shrinking a log is slow.
    @settings(max_examples=examples, deadline=None, phases=[Phase.explicit, Phase.generate],
              suppress_health_check=[HealthCheck.too_slow], database=None)
    @given(st.permutations(envelopes))
    def same_state_in_any_order(shuffled):
        savepoint = transaction.savepoint()
        try:
            wipe_node()
            ingest_envelopes(shuffled)
            assert (state_hash(), observe()) == reference
        finally:
            transaction.savepoint_rollback(savepoint)

    same_state_in_any_order()
