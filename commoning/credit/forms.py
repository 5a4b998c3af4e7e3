"""Forms of mutual credit: bounded input; amounts parsed strictly into minor units."""

from django import forms
from django.utils.translation import gettext_lazy as _

from commoning.credit.money import AmountError, parse_amount
from commoning.credit.rules import EXPONENT_MAX, MEMO_MAX, NAME_MAX, SYMBOL_MAX

PAYEE_CHOICES_MAX = 1000  # the pay form lists at most this many members


class PayForm(forms.Form):
    payee = forms.ChoiceField(label=_("Pay"))
    amount = forms.CharField(label=_("Amount"), max_length=30)
    memo = forms.CharField(label=_("What for"), max_length=MEMO_MAX, required=False)

    def __init__(self, *args, currency, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.currency = currency
        self.fields["payee"].choices = [("", _("Choose a member"))] + [
            (member.id, member.name) for member in members
        ]

    def clean_amount(self):
        try:
            amount_minor = parse_amount(self.cleaned_data["amount"], self.currency.exponent)
        except AmountError as error:
            raise forms.ValidationError(str(error)) from error
        if amount_minor <= 0:
            raise forms.ValidationError(_("Pay more than nothing."))
        return amount_minor


class CurrencyForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=NAME_MAX)
    symbol = forms.CharField(label=_("Symbol"), max_length=SYMBOL_MAX)
    exponent = forms.IntegerField(label=_("Decimal places"), min_value=0, max_value=EXPONENT_MAX,
                                  initial=2)
    default_limit = forms.CharField(label=_("How far below zero a member may go"),
                                    max_length=30, initial="0")
    ceiling = forms.CharField(label=_("Highest balance (empty: none)"), max_length=30,
                              required=False)

    def _amount(self, field):
        exponent = self.cleaned_data.get("exponent")
        if exponent is None:
            return None
        text = self.cleaned_data.get(field) or ""
        if field == "ceiling" and not text.strip():
            return None
        try:
            return parse_amount(text, exponent)
        except AmountError as error:
            self.add_error(field, str(error))
            return None

    def clean(self):
        cleaned = super().clean()
        cleaned["default_limit_minor"] = self._amount("default_limit")
        cleaned["ceiling_minor"] = self._amount("ceiling")
        return cleaned
