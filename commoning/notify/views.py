"""Pages of notifications: the list (with mark-all-read), opening one, and the preferences.
Thin: actions write, access reads. Every POST answers with a redirect (post/redirect/get)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from commoning.accounts.access import account_for
from commoning.front.errors import error_page
from commoning.front.prg import action_of, see_other
from commoning.notify import access, actions
from commoning.notify.forms import EmailPreferenceForm

CURSOR_SALT = "commoning.notify.page"


def _cursor(place) -> str:
    return signing.dumps(list(place), salt=CURSOR_SALT) if place else ""


def _place(cursor: str):
    if not cursor:
        return None
    value = signing.loads(cursor[:500], salt=CURSOR_SALT)
    if not (isinstance(value, list) and len(value) == 2 and isinstance(value[0], int)
            and isinstance(value[1], str)):
        raise signing.BadSignature("wrong shape")
    return value[0], value[1]


@login_required
def notifications(request):
    account = account_for(request.user)
    try:
        before = _place(request.GET.get("after", ""))
    except signing.BadSignature:
        return error_page(request, _("This page link is broken; start again from the list."), 400)
    page, older = access.page_of(account.net, account.member_id, before=before)
    preference = access.preference_of(account.member_id)
    form = EmailPreferenceForm(initial={"email_mode": preference.email_mode,
                                        "email": preference.email})
    return render(request, "notify/list.html", {
        "notices": page, "older": _cursor(older), "form": form,
        "email_enabled": settings.COMMONING_EMAIL_ENABLED,
    })


@login_required
def open_notice(request):
    """Mark a notice read, then go to its page. `next` must be a path on this node."""
    account = account_for(request.user)
    key, target = request.GET.get("key", ""), request.GET.get("next", "/")
    on_this_node = url_has_allowed_host_and_scheme(target, allowed_hosts=None)
    if not on_this_node or not target.startswith("/"):
        target = "/"
    if key:
        actions.mark_read(account.member_id, key)
    return redirect(target)


def _notifications_page() -> str:
    return reverse("notifications")


@login_required
@action_of(_notifications_page)
def read_all(request):
    account = account_for(request.user)
    actions.mark_all_read(account.net, account.member_id)
    messages.success(request, _("All notifications are marked read."))
    return see_other("notifications")


@login_required
def preferences(request):
    account = account_for(request.user)
    if request.method != "POST":
        return redirect("notifications")
    form = EmailPreferenceForm(request.POST)
    if form.is_valid():
        actions.set_email(account.member_id, email=form.cleaned_data["email"],
                          mode=form.cleaned_data["email_mode"])
        messages.success(request, _("Your email choice is saved."))
        return redirect("notifications")
    return render(request, "notify/preferences.html", {
        "form": form, "email_enabled": settings.COMMONING_EMAIL_ENABLED}, status=400)
