"""Forms of accounts pages: they only carry input; the rules live in actions."""

from django import forms
from django.utils.translation import gettext_lazy as _


class SignUpForm(forms.Form):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        help_text=_("For logging in on this node: letters, digits and @ . + - _"),
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    display_name = forms.CharField(
        label=_("Your name, as others will see it"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    password = forms.CharField(
        label=_("Password"),
        max_length=1024,
        help_text=_("At least 8 characters; a few words you will remember work well."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    keep_lookalike_name = forms.BooleanField(
        label=_("Use this name anyway"), required=False, widget=forms.HiddenInput
    )


class ProfileForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    bio = forms.CharField(
        label=_("About you"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    keep_lookalike_name = forms.BooleanField(
        label=_("Use this name anyway"), required=False, widget=forms.HiddenInput
    )


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("What the token is for"),
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": _("e.g. the field laptop's sync script")}),
    )


class ConfirmRevokeForm(forms.Form):
    """Revoking a token asks for a tick first, with or without JavaScript."""

    confirm = forms.BooleanField(label=_("Yes, revoke this token"), required=True)


def _password_field(label, autocomplete="new-password", help_text=""):
    return forms.CharField(
        label=label,
        max_length=1024,
        strip=False,
        help_text=help_text,
        widget=forms.PasswordInput(attrs={"autocomplete": autocomplete}),
    )


class PasswordChangeForm(forms.Form):
    current_password = _password_field(_("Current password"), "current-password")
    new_password = _password_field(
        _("New password"), help_text=_("At least 8 characters; a few words work well.")
    )


class RecoveryCodesForm(forms.Form):
    current_password = _password_field(_("Current password"), "current-password")


class ForgotPasswordForm(forms.Form):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    code = forms.CharField(
        label=_("Recovery code"),
        max_length=100,
        help_text=_("One of the codes you saved when you joined, or a code from the node's "
                    "operator."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autocapitalize": "none"}),
    )
    new_password = _password_field(
        _("New password"), help_text=_("At least 8 characters; a few words work well.")
    )
