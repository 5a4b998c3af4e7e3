"""Forms of commons pages: they carry input; the rules live in actions and events."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from commoning.core.licences import COMMONS_LICENCE_SUGGESTIONS


class CommonsForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    licence = forms.CharField(
        label=_("Licence (SPDX identifier)"),
        max_length=200,
        initial="CC-BY-SA-4.0",
        # format_lazy keeps the text lazy; `%` on a lazy string would fix the language at import.
        help_text=format_lazy(
            _("For example: {examples}"), examples=", ".join(COMMONS_LICENCE_SUGGESTIONS[:5])
        ),
        widget=forms.TextInput(attrs={"list": "spdx-suggestions"}),
    )
    description = forms.CharField(
        label=_("The common object and mission"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
