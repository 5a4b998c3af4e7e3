"""Keyset pages of the log, newest first, for the /log/ page and /api/log/entries.

A page costs the rows it shows, however long the log: rows are found from an opaque cursor
(the position of the row at the page's edge) through an index, never by OFFSET and never
with a COUNT. Order is this node's apply order. Filtered by author, the feed's `seq` walks
the same order (a feed is applied in seq order) through the feed's own index.
"""

import base64
import binascii
import re
from dataclasses import dataclass

from commoning.log.models import Entry

CURSOR_SHAPE = re.compile(r"(\d{1,18})\.(\d{1,18})")  # apply_order.seq, each below 2**63


class BadCursor(ValueError):
    """A cursor this node did not make (or made for another list)."""


@dataclass(frozen=True)
class Cursor:
    apply_order: int
    seq: int

    @classmethod
    def of(cls, row: Entry) -> "Cursor":
        return cls(row.apply_order, row.seq)

    def encode(self) -> str:
        raw = f"{self.apply_order}.{self.seq}".encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, text: str) -> "Cursor":
        if not isinstance(text, str) or not 0 < len(text) <= 64:
            raise BadCursor(text)
        try:
            raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode("ascii")
        except (binascii.Error, UnicodeDecodeError, ValueError) as error:
            raise BadCursor(text) from error
        match = CURSOR_SHAPE.fullmatch(raw)
        if match is None:
            raise BadCursor(text)
        return cls(int(match[1]), int(match[2]))


@dataclass
class Page:
    rows: list
    older: Cursor | None  # where the next, older page starts; None at the log's start
    newer: Cursor | None  # where the previous, newer page starts; None at the newest


def entries_page(
    net: str | None,
    *,
    limit: int,
    type: str = "",
    author: str = "",
    before: Cursor | None = None,
    after: Cursor | None = None,
    columns: tuple = (),
) -> Page:
    """Up to `limit` entries, newest first: the newest, those older than `before`, or those
    just newer than `after`. One query (limit + 1 rows, to know whether more follow)."""
    if net is None:
        return Page([], None, None)
    queryset = Entry.objects.filter(net=net)
    if type:
        queryset = queryset.filter(type=type)
    if columns:
        queryset = queryset.only(*columns)
    # Within one author's feed, seq and apply order agree: its own index serves the page.
    key, field = ("seq", "seq") if author else ("apply_order", "apply_order")
    if author:
        queryset = queryset.filter(author=author)
    if after is not None:
        rows = list(
            queryset.filter(**{f"{field}__gt": getattr(after, key)}).order_by(field)[: limit + 1]
        )
        more_newer = len(rows) > limit
        rows = rows[:limit][::-1]
        if not rows:
            return Page([], None, None)
        # The `after` row itself is older than this page, so an older page always exists.
        return Page(rows, Cursor.of(rows[-1]), Cursor.of(rows[0]) if more_newer else None)
    if before is not None:
        queryset = queryset.filter(**{f"{field}__lt": getattr(before, key)})
    rows = list(queryset.order_by(f"-{field}")[: limit + 1])
    more_older = len(rows) > limit
    rows = rows[:limit]
    older = Cursor.of(rows[-1]) if rows and more_older else None
    # Everything newer than a `before` cursor exists: the row it was taken from, at least.
    newer = Cursor.of(rows[0]) if rows and before is not None else None
    if before is not None and not rows:
        newer = before
    return Page(rows, older, newer)
