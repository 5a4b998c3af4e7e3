"""Forms of the treasury's pages: they carry input; the rules live in actions and events."""

from django import forms
from django.utils.translation import gettext_lazy as _

AMOUNT_HELP = _("In the account's currency, such as 12.50.")


class IncomeForm(forms.Form):
    into = forms.ChoiceField(label=_("Received into"))
    source = forms.ChoiceField(label=_("Income of the kind"))
    amount = forms.CharField(label=_("Amount"), max_length=24, help_text=AMOUNT_HELP)
    memo = forms.CharField(label=_("From whom, for what"), max_length=200, required=False)

    def __init__(self, *args, accounts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].choices = [(a.id, a.name) for a in accounts if a.kind == "assets"]
        self.fields["source"].choices = [(a.id, a.name) for a in accounts if a.kind == "income"]


class PaymentForm(forms.Form):
    decision = forms.CharField(label=_("Decision that granted it (its close entry id)"),
                               max_length=64, min_length=64)
    from_account = forms.ChoiceField(label=_("Paid from"))
    amount = forms.CharField(label=_("Amount"), max_length=24, help_text=AMOUNT_HELP)
    memo = forms.CharField(label=_("What it pays for"), max_length=200, required=False)

    def __init__(self, *args, accounts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from_account"].choices = [
            (a.id, a.name) for a in accounts if a.kind == "assets"]


class ApproveForm(forms.Form):
    confirm = forms.BooleanField(label=_("Yes, this payment was decided and I approve it"))
