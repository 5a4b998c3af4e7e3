"""Pages of accounts: sign up, log in (rate limited), profile, member pages, API tokens.
Password pages: password_views.py."""

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from commoning.accounts import access, actions, logins, security
from commoning.accounts.events import NAME_MAX
from commoning.accounts.forms import ConfirmRevokeForm, ProfileForm, SignUpForm, TokenForm
from commoning.accounts.names import username_key
from commoning.commons.access import founded_by
from commoning.core.fields import FieldError, clean_name
from commoning.front.errors import error_page
from commoning.front.forms import add_action_error
from commoning.front.pagination import BadCursor, keyset_page
from commoning.front.prg import action_of, see_other
from commoning.log.append import attachment_text
from commoning.log.registry import Rejected
from commoning.work.standing_views import member_standing

LOGIN_BACKEND = "commoning.accounts.backends.FoldedNameBackend"
RECOVERY_CODES_SESSION_KEY = "commoning_new_recovery_codes"


def signup(request):
    net = actions.default_network()
    if net is None:
        return render(request, "front/no_network.html", status=503)
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and not logins.signup_allowed(request):
        security.record("auth:signup:throttled", request=request)
        message = _("Too many people joined from here just now. Wait a minute, then try again.")
        return throttled_page(request, "accounts/signup.html", form, message)
    lookalikes = []
    if request.method == "POST" and form.is_valid():
        lookalikes = _unconfirmed_lookalikes(form, net, "display_name")
    if request.method == "POST" and form.is_valid() and not lookalikes:
        try:
            user = actions.sign_up(
                net,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password"],
                display_name=form.cleaned_data["display_name"],
            )
        except (FieldError, Rejected) as error:
            add_action_error(form, error)
        else:
            login(request, user, backend=LOGIN_BACKEND)
            request.session[RECOVERY_CODES_SESSION_KEY] = user.recovery_codes
            messages.success(request, _("Welcome! Your identity entry is in the log."))
            response = redirect("recovery_codes")
            logins.remember_device(response, user.get_username())
            return response
    return render(
        request,
        "accounts/signup.html",
        {"form": form, "lookalikes": lookalikes},
        status=400 if form.errors else 200,
    )


def _unconfirmed_lookalikes(form, net: str, field: str, member_id: str | None = None) -> list:
    """Members whose name looks like the one typed, unless the person already saw the warning
    and chose to keep it. A warning, not a refusal: names are not unique in a network."""
    if form.cleaned_data.get("keep_lookalike_name"):
        return []
    try:
        typed = clean_name(form.cleaned_data[field], field, max_length=NAME_MAX)
    except FieldError:
        return []  # the action will refuse the name and say why, beside the field
    found = access.lookalike_members(net, typed, except_member_id=member_id)
    if found:
        # Shown as a checkbox now, so that saving again is a choice the person makes.
        form.fields["keep_lookalike_name"].widget = forms.CheckboxInput()
    return found


def throttled_page(request, template: str, form, message: str):
    """A 429 page: the form again, the reason in plain words, and when to retry."""
    response = render(request, template, {"form": form, "throttled": message}, status=429)
    response["Retry-After"] = "60"
    return response


class ThrottledLoginView(auth_views.LoginView):
    """Django's login view behind the login limits of logins.py (device cookies first)."""

    template_name = "accounts/login.html"

    def post(self, request, *args, **kwargs):
        # NUL cannot be stored in PostgreSQL text; the form refuses such a name anyway.
        username = str(request.POST.get("username", "")).replace("\x00", "")[:150]
        if not logins.login_allowed(request, username):
            security.record(
                "auth:login:throttled", request=request, username=username_key(username)
            )
            message = _("Too many attempts. Wait a minute, then try again.")
            return throttled_page(request, self.template_name, self.get_form(), message)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        logins.remember_device(response, form.get_user().get_username())
        return response

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


@login_required
def profile(request):
    try:
        member = access.member_for(request.user)
    except access.NotAMember as error:
        return error_page(request, str(error), 403)
    form = ProfileForm(
        request.POST or None,
        initial={"name": member.name, "bio": attachment_text(member.bio_hash) or ""},
    )
    lookalikes = []
    if request.method == "POST" and form.is_valid():
        lookalikes = _unconfirmed_lookalikes(form, member.net, "name", member.id)
    if request.method == "POST" and form.is_valid() and not lookalikes:
        try:
            actions.update_profile(
                request.user, name=form.cleaned_data["name"], bio=form.cleaned_data["bio"]
            )
        except (FieldError, Rejected) as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Profile saved."))
            return redirect("member", member_id=member.id)
    return render(
        request,
        "accounts/profile.html",
        {"form": form, "member": member, "lookalikes": lookalikes},
        status=400 if form.errors else 200,
    )


def member_page(request, member_id: str):
    net = actions.default_network() or ""
    member = access.get_member(net, member_id)
    if member is None:
        raise Http404(_("No such member."))
    signed = access.entries_signed_by(net, member.id)
    try:
        standing = member_standing(request, member.id)
    except BadCursor:
        return error_page(request, _("This page link is broken; start again from the list."), 400)
    return render(
        request,
        "accounts/member.html",
        {
            "member": member,
            "bio": attachment_text(member.bio_hash),
            "founded": founded_by(net, member.id),
            "entry_count": signed.count(),
            "recent_entries": signed.order_by("-apply_order")[:10],
            **standing,
        },
    )


def members(request):
    queryset = access.members_of(actions.default_network() or "")
    try:
        page = keyset_page(request, queryset)
    except BadCursor:
        return error_page(request, _("This page link is broken; start again from the list."), 400)
    return render(request, "accounts/members.html", {"page": page, "alphabetical": True})


def _tokens_page(request, form, *, new_token=None, status=None, revoke_form=None,
                 revoke_id=None):
    return render(
        request,
        "accounts/tokens.html",
        {
            "form": form,
            "new_token": new_token,
            "tokens": access.live_tokens_of(request.user),
            "revoke_form": revoke_form,
            "revoke_id": revoke_id,
        },
        status=status or (400 if form.errors else 200),
    )


@login_required
def tokens(request):
    form = TokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        try:
            _row, new_token = actions.create_api_token(
                request.user, form.cleaned_data["name"], request
            )
        except FieldError as error:
            add_action_error(form, error)
        else:
            form = TokenForm()
    return _tokens_page(request, form, new_token=new_token)


@login_required
@action_of(lambda token_id: reverse("tokens"))
def revoke_token(request, token_id: int):
    """Revoke a token once its tick box says so; refused, the tokens page says why beside it."""
    revoke_form = ConfirmRevokeForm(request.POST)
    if not revoke_form.is_valid():
        return _tokens_page(request, TokenForm(), revoke_form=revoke_form, revoke_id=token_id,
                            status=400)
    try:
        actions.revoke_api_token(request.user, token_id, request)
    except Rejected as error:
        security.record("access:token:denied", request=request, detail=str(token_id)[:30])
        revoke_form.add_error(None, _("No such token."))
        return _tokens_page(request, TokenForm(), revoke_form=revoke_form, revoke_id=token_id,
                            status=error.status)
    messages.success(request, _("Token revoked."))
    return see_other("tokens")
