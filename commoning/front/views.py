"""Node-wide pages: the network home and the public log (recent entries, one entry).

Both cost what they show: counts come from maintained counters (`log.counters`), the log is
paged by cursor, and its rows are not verified again (every stored entry was verified when it
arrived; the page of one entry checks its signatures again, for a reader who wants to see it).
"""

import orjson
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from commoning.accounts.access import NotAMember, member_for, with_author_names
from commoning.accounts.actions import default_network
from commoning.commons.access import commons_in
from commoning.core.entry import EntryError, parse
from commoning.core.fields import HEX_ID
from commoning.front.entry_words import object_url
from commoning.front.errors import error_page
from commoning.log import counters
from commoning.log.models import Entry, ForkProof
from commoning.log.paging import BadCursor, Cursor, entries_page
from commoning.work.access import matches_for

LOG_PAGE_SIZE = 50
# What the log page shows of each row: not the payload, which only the entry's own page needs.
LOG_ROW_COLUMNS = ("id", "net", "author", "seq", "ts", "type", "status", "reason", "apply_order")


def member_or_none(user):
    try:
        return member_for(user)
    except NotAMember:
        return None


def home(request):
    net = default_network()
    context = {"recent_commons": [], "recent_entries": [], "member_count": 0}
    if net:
        context.update(
            recent_commons=commons_in(net)[:6],
            recent_entries=with_author_names(
                Entry.objects.filter(net=net).only(*LOG_ROW_COLUMNS).order_by("-apply_order")[:8]
            ),
        )
        counted = counters.counts(net)
        context.update(
            member_count=counted["members"],
            commons_count=counted["commons"],
            entry_count=counted["entries"],
        )
        current = member_or_none(request.user)
        if current is not None:
            # Just-in-time matching: open tasks that fit what this member already does.
            context["matches"] = matches_for(current.id, limit=5)
    return render(request, "front/home.html", context)


def _verified(entry_row) -> bool:
    """Check the stored bytes and signatures again, as a reader would."""
    try:
        parsed = parse(bytes(entry_row.payload), orjson.loads(entry_row.sigs))
    except EntryError:
        return False
    return parsed.id == entry_row.id


def log_list(request):
    net = default_network()
    type_filter = request.GET.get("type", "").strip()[:64]
    try:
        before, after = (
            Cursor.decode(request.GET[name]) if request.GET.get(name) else None
            for name in ("before", "after")
        )
    except BadCursor:
        return error_page(request, _("This page link is not one of this log's."), 400)
    page = entries_page(
        net,
        limit=LOG_PAGE_SIZE,
        type=type_filter,
        before=before,
        after=after,
        columns=LOG_ROW_COLUMNS,
    )
    return render(
        request,
        "front/log_list.html",
        {
            "entries": with_author_names(page.rows),
            "older": page.older.encode() if page.older else None,
            "newer": page.newer.encode() if page.newer else None,
            "paged": before is not None or after is not None,
            "type_filter": type_filter,
            "parked_count": counters.counts(net)["parked"] if net else 0,
            "forks": ForkProof.objects.filter(net=net) if net else [],
        },
    )


def _entry_or_404(entry_id: str):
    row = Entry.objects.filter(id=entry_id).first() if HEX_ID.match(entry_id) else None
    if row is None:
        raise Http404(_("No such entry."))
    return with_author_names([row])[0]


def log_entry_object(request, entry_id: str):
    """The page of what one entry changed (the log's list links here, since it reads no
    payloads); the entry's own page when no page shows that object."""
    row = _entry_or_404(entry_id)
    payload = orjson.loads(bytes(row.payload))
    target = object_url(row.id, row.type, payload.get("data"), getattr(row, "member_id", None))
    return redirect(target) if target else redirect("log_entry", row.id)


def log_entry(request, entry_id: str):
    row = _entry_or_404(entry_id)
    row.verified = _verified(row)
    payload = orjson.loads(bytes(row.payload))
    return render(
        request,
        "front/log_entry.html",
        {
            "entry": row,
            "payload_pretty": orjson.dumps(payload, option=orjson.OPT_INDENT_2).decode(),
            "sigs": orjson.loads(row.sigs),
            "deps": payload["deps"],
            "changed_url": object_url(
                row.id, row.type, payload.get("data"), getattr(row, "member_id", None)
            ),
        },
    )
