"""The notification preferences form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from commoning.notify.models import Preference


class EmailPreferenceForm(forms.Form):
    email_mode = forms.ChoiceField(
        label=_("Email me"),
        choices=[(Preference.EMAIL_OFF, _("Never")),
                 (Preference.EMAIL_EACH, _("For each notification")),
                 (Preference.EMAIL_DAILY, _("Once a day, a digest"))],
        widget=forms.RadioSelect,
    )
    email = forms.EmailField(label=_("Email address"), required=False, max_length=254)

    def clean(self):
        cleaned = super().clean()
        wants_email = cleaned.get("email_mode", Preference.EMAIL_OFF) != Preference.EMAIL_OFF
        if wants_email and not cleaned.get("email"):
            self.add_error("email", _("Give the address to send to."))
        return cleaned
