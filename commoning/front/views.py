"""Node-wide pages: the network home and the public log (recent entries, one entry)."""

import orjson
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from commoning.accounts.access import NotAMember, member_for, members_of, with_author_names
from commoning.accounts.actions import default_network
from commoning.commons.access import commons_in
from commoning.core.entry import EntryError, parse
from commoning.core.fields import HEX_ID
from commoning.front.pagination import paginate
from commoning.log.models import Entry, ForkProof, ParkedEntry
from commoning.work.access import matches_for


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
                Entry.objects.filter(net=net).order_by("-apply_order")[:8]
            ),
            member_count=members_of(net).count(),
            commons_count=commons_in(net).count(),
            entry_count=Entry.objects.filter(net=net).count(),
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
    entries = (
        Entry.objects.filter(net=net).order_by("-apply_order") if net else Entry.objects.none()
    )
    type_filter = request.GET.get("type", "").strip()[:64]
    if type_filter:
        entries = entries.filter(type=type_filter)
    page = paginate(request, entries.defer("payload"), per_page=50)
    rows = with_author_names(page.object_list)
    for row in rows:
        row.verified = _verified(row)
    return render(
        request,
        "front/log_list.html",
        {
            "page": page,
            "entries": rows,
            "type_filter": type_filter,
            "parked_count": ParkedEntry.objects.filter(net=net).count() if net else 0,
            "forks": ForkProof.objects.filter(net=net) if net else [],
        },
    )


def log_entry(request, entry_id: str):
    row = Entry.objects.filter(id=entry_id).first() if HEX_ID.match(entry_id) else None
    if row is None:
        raise Http404(_("No such entry."))
    row = with_author_names([row])[0]
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
        },
    )
