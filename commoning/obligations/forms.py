"""Forms of obligation pages: they carry input; the rules live in actions and events."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from commoning.accounts.access import members_of
from commoning.obligations import rules
from commoning.obligations.money import parse_amount


class RecordForm(forms.Form):
    debtor = forms.ChoiceField(label=_("Who owes you"))
    amount = forms.CharField(label=_("Amount"), max_length=20,
                             help_text=_("For example 12.50 (two decimals at most)."))
    unit = forms.CharField(label=_("Unit"), max_length=12, initial="EUR",
                           help_text=_("A currency code such as EUR, or a currency's symbol."))
    memo = forms.CharField(label=_("What for"), max_length=rules.MEMO_MAX, required=False)
    due = forms.DateField(label=_("Due"), required=False,
                          widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, net: str, member_id: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["debtor"].choices = [("", "")] + [
            (m.id, m.name) for m in members_of(net).exclude(id=member_id)[:500]
        ]

    def clean_amount(self):
        amount = parse_amount(self.cleaned_data["amount"])
        if amount is None:
            raise ValidationError(_("Write a positive amount, e.g. 12.50."))
        return amount

    def clean_unit(self):
        unit = self.cleaned_data["unit"].strip()
        if not rules.UNIT.fullmatch(unit):
            raise ValidationError(_("Write the unit as 1-12 characters, e.g. EUR."))
        return unit


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV file"),
                           help_text=_("Columns id,debtor,creditor,amount with that header; "
                                       "members by id, amounts in minor units (cents). You "
                                       "must be the creditor of every row."))
    unit = forms.CharField(label=_("Unit"), max_length=12, initial="EUR")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > rules.MAX_IMPORT_BYTES:
            raise ValidationError(_("The file is larger than 256 KiB."))
        return upload


class RunForm(forms.Form):
    unit = forms.CharField(label=_("Unit"), max_length=12, initial="EUR")


class DeclineForm(forms.Form):
    confirm = forms.BooleanField(label=_("Yes, decline this clearing run"))
