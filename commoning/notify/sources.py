"""The registry of notification sources, and the merged, keyset-paged list they feed.

A source is `fn(net, member_id, before, limit) -> [Notice]`: at most `limit` notices for one
member, newest first, each strictly before `before` (a (ts, key) pair, or None for the newest).
It reads indexed ranges of its own tables, so a page of notifications costs what it shows
(sources x one short query), never a scan of history. Later apps feed it:

    notify.sources.register("proposals", proposals_opened)

Notices are worked out when read, never stored: time-dependent ones (a claim about to end)
appear when their time comes, and nothing has to be kept in step with the log.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q

KEY_MAX = 140


@dataclass(frozen=True)
class Notice:
    key: str  # stable: "<source>:<id>", the same each time it is worked out
    ts: int  # ms since the epoch: when it happened (or became due)
    text: str  # plain words, translated
    link: str  # the page to open (a path on this node)

    @property
    def place(self) -> tuple[int, str]:
        return (self.ts, self.key)


Before = tuple[int, str] | None
_sources: dict[str, Callable] = {}


def register(name: str, fn: Callable) -> None:
    if name in _sources:
        raise RuntimeError(f"notification source {name} registered twice")
    _sources[name] = fn


def names() -> list[str]:
    return sorted(_sources)


def notices_for(net: str, member_id: str, *, before: Before = None, limit: int = 25) -> list:
    """The member's notices, newest first (ties by key), up to `limit`, before `before`.
    Each source gives at most `limit`, so merging them keeps only the newest `limit`."""
    found = []
    for name in names():
        found.extend(notice for notice in _sources[name](net, member_id, before, limit)
                     if before is None or notice.place < before)
    found.sort(key=lambda notice: notice.place, reverse=True)
    return found[:limit]


def before_q(before: Before, *, prefix: str, ts_field: str = "ts", id_field: str = "id") -> Q:
    """The rows whose notice ("prefix" + id, at ts) comes strictly before `before` in the
    newest-first order of (ts, key): a keyed range a source adds to its query."""
    if before is None:
        return Q()
    ts, key = before
    if key.startswith(prefix):
        same_ts_lower_key = Q(**{ts_field: ts, f"{id_field}__lt": key[len(prefix):]})
        return Q(**{f"{ts_field}__lt": ts}) | same_ts_lower_key
    # Same ts: every key of this source sorts before `key` or after it, by the prefix alone.
    return Q(**{f"{ts_field}__lte" if prefix < key else f"{ts_field}__lt": ts})
