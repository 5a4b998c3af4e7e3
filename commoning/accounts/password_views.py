"""Pages for passwords: change it, see and renew recovery codes, and set a new one with a code."""

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from commoning.accounts import actions, logins, passwords, security
from commoning.accounts.forms import ForgotPasswordForm, PasswordChangeForm, RecoveryCodesForm
from commoning.accounts.views import RECOVERY_CODES_SESSION_KEY, throttled_page
from commoning.core.fields import FieldError
from commoning.front.forms import add_action_error


@login_required
def account_security(request):
    """Change the password (current one required) and make new recovery codes."""
    change_form = PasswordChangeForm(request.POST if "change" in request.POST else None,
                                     prefix="change")
    codes_form = RecoveryCodesForm(request.POST if "codes" in request.POST else None,
                                   prefix="codes")
    if change_form.is_bound and change_form.is_valid():
        try:
            passwords.change_password(request.user, request=request, **change_form.cleaned_data)
        except FieldError as error:
            add_action_error(change_form, error)
        else:
            update_session_auth_hash(request, request.user)  # this session stays logged in
            messages.success(request, _("Password changed."))
            return redirect("account_security")
    if codes_form.is_bound and codes_form.is_valid():
        try:
            codes = passwords.regenerate_recovery_codes(
                request.user, request=request, **codes_form.cleaned_data
            )
        except FieldError as error:
            add_action_error(codes_form, error)
        else:
            request.session[RECOVERY_CODES_SESSION_KEY] = codes
            return redirect("recovery_codes")
    return render(
        request,
        "accounts/security.html",
        {
            "change_form": change_form,
            "codes_form": codes_form,
            "unused_codes": passwords.unused_recovery_codes(request.user),
        },
        status=400 if change_form.errors or codes_form.errors else 200,
    )


@login_required
def recovery_codes(request):
    """New recovery codes, shown once: they leave the session as the page is drawn."""
    codes = request.session.pop(RECOVERY_CODES_SESSION_KEY, None)
    if not codes:
        return redirect("account_security")
    response = render(request, "accounts/recovery_codes.html", {"codes": codes})
    response["Cache-Control"] = "no-store"
    return response


def forgot_password(request):
    """Set a new password with a recovery code or an operator's reset code; no email needed."""
    form = ForgotPasswordForm(request.POST or None)
    if request.method == "POST":
        username = str(request.POST.get("username", "")).replace("\x00", "")[:150]
        # A code is a password for this purpose: the same limits keep guessers out.
        if not logins.login_allowed(request, username):
            security.record("auth:password_reset:throttled", request=request, username=username)
            message = _("Too many attempts. Wait a minute, then try again.")
            return throttled_page(request, "accounts/forgot_password.html", form, message)
    if request.method == "POST" and form.is_valid():
        user = actions.user_for_login_name(form.cleaned_data["username"])
        try:
            passwords.reset_with_code(
                user,
                code=form.cleaned_data["code"],
                new_password=form.cleaned_data["new_password"],
                request=request,
            )
        except passwords.CodeRefused:
            security.record("auth:password_reset:failed", request=request, username=username)
            form.add_error("code", _("This name and code do not match an unused code."))
        except FieldError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Your password is set. Log in with it now."))
            return redirect("login")
    return render(
        request, "accounts/forgot_password.html", {"form": form},
        status=400 if form.errors else 200,
    )
