"""The search page: one box, filters by kind, commons and member, results page by page."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from commoning.accounts.access import members_by_id
from commoning.accounts.actions import default_network
from commoning.commons.models import Commons
from commoning.front.errors import error_page
from commoning.search.query import QUERY_MAX_CHARS, BadCursor, QueryRefused, search
from commoning.search.registry import KINDS

PAGE_SIZE = 20
FILTER_MAX = 64  # ids are 64 hex characters; longer filters name nothing


def search_page(request):
    query = request.GET.get("q", "")
    kind = request.GET.get("kind", "")
    commons_id = request.GET.get("commons", "")[:FILTER_MAX]
    member_id = request.GET.get("member", "")[:FILTER_MAX]
    context = {
        "query": query[: QUERY_MAX_CHARS * 2],  # kept in the box, even when refused
        "kind": kind, "kinds": [(name, entry.filter_label()) for name, entry in KINDS.items()],
        "commons_id": commons_id, "member_id": member_id, "query_max": QUERY_MAX_CHARS,
        "results": None, "error": "",
    }
    if not query.strip():
        return render(request, "search/results.html", context)
    try:
        results = search(default_network(), query, kind=kind, commons=commons_id,
                         member=member_id, limit=PAGE_SIZE, cursor=request.GET.get("after", ""))
    except QueryRefused as refusal:
        context["error"] = str(refusal)
        return render(request, "search/results.html", context, status=400)
    except BadCursor:
        return error_page(request, _("This page link is broken; search again."), 400)
    commons_names = dict(Commons.objects.filter(
        id__in={item.commons_id for item in results.items if item.commons_id}
    ).values_list("id", "name"))
    members = members_by_id(item.member_id for item in results.items if item.member_id)
    context["results"] = [
        {"item": item, "kind_label": KINDS[item.kind].label(),
         "commons_name": commons_names.get(item.commons_id, ""),
         "member": members.get(item.member_id) if item.kind != "member" else None}
        for item in results.items
    ]
    context["next"] = results.next or ""
    context["filter_commons"] = commons_names.get(commons_id) or (
        Commons.objects.filter(id=commons_id).values_list("name", flat=True).first()
        if commons_id else "")
    return render(request, "search/results.html", context)
