"""Pages of commons: list, create, show, edit. Thin: actions write, access reads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from commoning.accounts import security
from commoning.accounts.access import NotAMember
from commoning.accounts.actions import default_network
from commoning.accounts.models import Account, Member
from commoning.commons import access, actions
from commoning.commons.forms import CommonsForm
from commoning.core.fields import FieldError
from commoning.core.licences import COMMONS_LICENCE_SUGGESTIONS
from commoning.front.forms import add_action_error
from commoning.front.pagination import paginate
from commoning.log.append import attachment_text
from commoning.log.models import Entry
from commoning.log.registry import Rejected


def commons_list(request):
    net = default_network()
    queryset = access.commons_in(net) if net else access.commons_in("")
    query = request.GET.get("q", "").strip()[:100]
    if query:
        queryset = queryset.filter(name__icontains=query)
    page = paginate(request, queryset)
    founders = {m.id: m for m in Member.objects.filter(id__in=[c.founder_id for c in page])}
    for commons in page:
        commons.founder = founders.get(commons.founder_id)
    template = "commons/_list_rows.html" if request.htmx else "commons/list.html"
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
            messages.success(request, _("Commons created."))
            return redirect("commons_detail", commons_id=commons.id)
    return render(
        request,
        "commons/form.html",
        {"form": form, "suggestions": COMMONS_LICENCE_SUGGESTIONS, "editing": None},
        status=400 if form.errors else 200,
    )


def _commons_or_404(commons_id):
    net = default_network()
    commons = access.get_commons(net, commons_id[:64]) if net else None
    if commons is None:
        raise Http404("no such commons")
    return net, commons


def commons_detail(request, commons_id: str):
    net, commons = _commons_or_404(commons_id)
    history = Entry.objects.filter(net=net, id=commons.id) | Entry.objects.filter(
        net=net, type="commons.update", deps__contains=commons.id
    )
    return render(
        request,
        "commons/detail.html",
        {
            "commons": commons,
            "founder": Member.objects.filter(id=commons.founder_id).first(),
            "description": attachment_text(commons.description_hash),
            "history": history.order_by("-apply_order")[:20],
            "can_edit": _is_founder(request.user, commons),
        },
    )


def _is_founder(user, commons) -> bool:
    if not user.is_authenticated:
        return False
    return Account.objects.filter(user=user, member_id=commons.founder_id).exists()


@login_required
def commons_edit(request, commons_id: str):
    _net, commons = _commons_or_404(commons_id)
    if not _is_founder(request.user, commons):
        security.record("access:commons:denied", request=request, detail=commons.id)
        return render(
            request, "front/error.html",
            {"message": _("Only the commons' founder may change its record.")}, status=403,
        )
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
            messages.success(request, _("Commons updated."))
            return redirect("commons_detail", commons_id=commons.id)
    return render(
        request,
        "commons/form.html",
        {"form": form, "suggestions": COMMONS_LICENCE_SUGGESTIONS, "editing": commons},
        status=400 if form.errors else 200,
    )
