"""Pages of commons: list, create, show, edit. Thin: actions write, access reads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from commoning.accounts import security
from commoning.accounts.access import NotAMember, current_member, members_by_id, with_author_names
from commoning.accounts.actions import default_network
from commoning.commons import access, actions
from commoning.commons.forms import CommonsForm
from commoning.core.fields import FieldError
from commoning.core.licences import COMMONS_LICENCE_SUGGESTIONS
from commoning.front.errors import error_page
from commoning.front.forms import add_action_error
from commoning.front.pagination import BadCursor, keyset_page
from commoning.front.prg import see_other
from commoning.log.append import attachment_text
from commoning.log.registry import Rejected

SEARCH_MAX = 100


def commons_list(request):
    net = default_network() or ""
    query = request.GET.get("q", "").strip()[:SEARCH_MAX]
    try:
        page = keyset_page(request, access.commons_in(net, search=query))
    except BadCursor:
        return error_page(request, _("This page link is broken; start again from the list."), 400)
    founders = members_by_id(commons.founder_id for commons in page)
    for commons in page:
        commons.founder = founders.get(commons.founder_id)
    # The search box asks for the rows alone; a boosted link (also an htmx request) wants a page.
    rows_only = request.htmx and request.htmx.target == "commons-rows"
    template = "commons/_list_rows.html" if rows_only else "commons/list.html"
    return render(request, template, {"page": page, "query": query})


@login_required
def commons_new(request):
    form = CommonsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            commons = actions.create_commons(request.user, **form.cleaned_data)
        except (FieldError, Rejected, NotAMember) as error:
            add_action_error(form, error)
        else:
            messages.success(
                request, _("Commons created. Its creation is the first entry of its history.")
            )
            return see_other("commons_detail", commons_id=commons.id)
    return render(
        request,
        "commons/form.html",
        {"form": form, "suggestions": COMMONS_LICENCE_SUGGESTIONS, "editing": None},
        status=400 if form.errors else 200,
    )


def _commons_or_404(commons_id):
    commons = access.get_commons(default_network() or "", commons_id)
    if commons is None:
        raise Http404(_("No such commons."))
    return commons


def _may_edit(user, commons) -> bool:
    member = current_member(user)
    return access.may_edit(member.id if member else None, commons)


def commons_detail(request, commons_id: str):
    commons = _commons_or_404(commons_id)
    return render(
        request,
        "commons/detail.html",
        {
            "commons": commons,
            "founder": members_by_id([commons.founder_id]).get(commons.founder_id),
            "description": attachment_text(commons.description_hash),
            "history": with_author_names(access.history_of(commons)[:20]),
            "can_edit": _may_edit(request.user, commons),
        },
    )


@login_required
def commons_edit(request, commons_id: str):
    commons = _commons_or_404(commons_id)
    if not _may_edit(request.user, commons):
        security.record("access:commons:denied", request=request, detail=commons.id)
        return error_page(request, _("Only the commons' founder may change its record."), 403)
    form = CommonsForm(
        request.POST or None,
        initial={
            "name": commons.name,
            "licence": commons.licence,
            "description": attachment_text(commons.description_hash) or "",
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_commons(request.user, commons.id, **form.cleaned_data)
        except (FieldError, Rejected) as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Commons saved."))
            return see_other("commons_detail", commons_id=commons.id)
    return render(
        request,
        "commons/form.html",
        {"form": form, "suggestions": COMMONS_LICENCE_SUGGESTIONS, "editing": commons},
        status=400 if form.errors else 200,
    )
