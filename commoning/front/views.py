"""Node-wide pages: the network home and the public log (recent entries, one entry)."""

import orjson
from django.http import Http404
from django.shortcuts import render

from commoning.accounts.actions import default_network
from commoning.accounts.models import Member
from commoning.commons.access import commons_in
from commoning.core.entry import EntryError, parse
from commoning.front.pagination import paginate
from commoning.log.models import Entry, ForkProof, ParkedEntry


def home(request):
    net = default_network()
    context = {"recent_commons": [], "recent_entries": [], "member_count": 0}
    if net:
        context.update(
            recent_commons=commons_in(net)[:6],
            recent_entries=_with_names(Entry.objects.filter(net=net).order_by("-apply_order")[:8]),
            member_count=Member.objects.filter(net=net).count(),
            commons_count=commons_in(net).count(),
            entry_count=Entry.objects.filter(net=net).count(),
        )
    return render(request, "front/home.html", context)


def _with_names(entries):
    """Attach the author's member name to each entry (one query for the page)."""
    from commoning.accounts.models import DeviceKey

    entries = list(entries)
    keys = {(e.net, e.author) for e in entries}
    names = {}
    if keys:
        bindings = DeviceKey.objects.filter(public_key__in=[k for _, k in keys])
        member_ids = {b.member_id for b in bindings}
        members = {m.id: m.name for m in Member.objects.filter(id__in=member_ids)}
        names = {(b.net, b.public_key): (b.member_id, members.get(b.member_id)) for b in bindings}
    for entry in entries:
        entry.member_id, entry.member_name = names.get((entry.net, entry.author), (None, None))
    return entries


def _verified(entry_row) -> bool:
    """Check the stored bytes and signatures again, as a reader would."""
    try:
        parsed = parse(bytes(entry_row.payload), orjson.loads(entry_row.sigs))
    except EntryError:
        return False
    return parsed.id == entry_row.id


def log_list(request):
    net = default_network()
    entries = Entry.objects.filter(net=net).order_by("-apply_order") if net else Entry.objects.none()
    type_filter = request.GET.get("type", "").strip()[:64]
    if type_filter:
        entries = entries.filter(type=type_filter)
    page = paginate(request, entries.defer("payload"), per_page=50)
    rows = _with_names(page.object_list)
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
    row = Entry.objects.filter(id=entry_id[:64]).first()
    if row is None:
        raise Http404("no such entry")
    row = _with_names([row])[0]
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
