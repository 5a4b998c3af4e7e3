"""The comment form: it carries input; the rules live in actions and events."""

from django import forms
from django.utils.translation import gettext_lazy as _

from commoning.talk.actions import BODY_MAX_CHARS


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"),
        max_length=BODY_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Markdown works. Write @name to tell a member."),
    )
    parent = forms.RegexField(regex=r"^[0-9a-f]{64}\Z", required=False, widget=forms.HiddenInput)
