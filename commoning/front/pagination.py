"""Paging lists, shared by every app's pages and API: keyset pages (by the list's order, with
a signed cursor) for every list, and the older page-number form the log's pages still use."""

from django.core import signing
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Q

PAGE_SIZE = 25
CURSOR_MAX = 500  # characters: a signed cursor of a few keys is far shorter


class BadCursor(ValueError):
    """A cursor this list did not give (mangled, forged, or from another list)."""


def paginate(request, queryset, per_page: int = PAGE_SIZE):
    """The requested page; a bad or out-of-range ?page= gives the nearest real page, not a 500."""
    paginator = Paginator(queryset, per_page)
    try:
        return paginator.page(request.GET.get("page") or 1)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


# -- keyset pages --------------------------------------------------------------------------------
def order_of(queryset) -> list[str]:
    """The list's order, ending with a unique key so no row is skipped or sent twice."""
    order = [str(name) for name in queryset.query.order_by] or ["id"]
    order = ["-id" if name == "-pk" else "id" if name == "pk" else name for name in order]
    if not {"id", "-id"} & set(order):
        order.append("id")
    return order


def rows_after(order: list[str], values: list) -> Q:
    """Rows after the one with `values` in `order`: a lexicographic comparison, each key
    ascending or (with "-") descending."""
    condition, equal = Q(), Q()
    for name, value in zip(order, values, strict=True):
        field = name.lstrip("-")
        condition |= equal & Q(**{f"{field}__{'lt' if name.startswith('-') else 'gt'}": value})
        equal &= Q(**{field: value})
    return condition


def reversed_order(order: list[str]) -> list[str]:
    return [name[1:] if name.startswith("-") else "-" + name for name in order]


def _salt(order: list[str]) -> str:
    return "commoning.cursor:" + ",".join(order)


def cursor_for(order: list[str], row) -> str:
    """An opaque cursor naming `row`'s place in a list with this order, signed so that only
    cursors this node gave are taken back."""
    return signing.dumps([getattr(row, name.lstrip("-")) for name in order], salt=_salt(order))


def cursor_values(order: list[str], cursor: str) -> list:
    if len(cursor) > CURSOR_MAX:
        raise BadCursor("too long")
    try:
        values = signing.loads(cursor, salt=_salt(order))
    except signing.BadSignature:
        raise BadCursor("not signed by this node for this list") from None
    if not isinstance(values, list) or len(values) != len(order):
        raise BadCursor("wrong shape")
    return values


def next_rows(queryset, limit: int, cursor: str = "") -> tuple[list, str | None]:
    """Up to `limit` rows after `cursor` in the list's order, and the cursor of the next page
    (None at the end): one query of `limit + 1` rows, however deep the page."""
    order = order_of(queryset)
    queryset = queryset.order_by(*order)
    if cursor:
        queryset = queryset.filter(rows_after(order, cursor_values(order, cursor)))
    rows = list(queryset[: limit + 1])
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    return rows, cursor_for(order, rows[-1])


class KeysetPage(list):
    """One page of a list for a page of HTML: its rows, and cursors for the older (next) and
    newer (previous) pages, or "" where there is none."""

    older: str = ""
    newer: str = ""


def keyset_page(request, queryset, per_page: int = PAGE_SIZE) -> KeysetPage:
    """The page after ?after= (older) or before ?before= (newer), or the first. Raises
    BadCursor for a cursor this list did not give (views answer 400)."""
    order = order_of(queryset)
    after, before = request.GET.get("after", ""), request.GET.get("before", "")
    if before:
        # Walk the list backwards from the cursor, then show those rows in the list's order.
        backwards = queryset.order_by(*reversed_order(order)).filter(
            rows_after(reversed_order(order), cursor_values(order, before))
        )
        rows = list(backwards[: per_page + 1])
        has_newer = len(rows) > per_page
        page = KeysetPage(reversed(rows[:per_page]))
        page.newer = cursor_for(order, page[0]) if has_newer and page else ""
        page.older = cursor_for(order, page[-1]) if page else ""
        return page
    rows, older = next_rows(queryset, per_page, after)
    page = KeysetPage(rows)
    page.older = older or ""
    page.newer = cursor_for(order, page[0]) if after and page else ""
    return page
