"""Forms of budget pages: they carry input; the rules live in actions and events."""

from django import forms
from django.utils.translation import gettext_lazy as _

from commoning.budgets import rules as R
from commoning.budgets.money import parse_amount
from commoning.budgets.pabulib_io import UPLOAD_MAX_BYTES

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def to_ms(moment) -> int:
    return int(moment.timestamp() * 1000)


class WindowsForm(forms.Form):
    proposing_closes = forms.DateTimeField(label=_("Proposing closes"), widget=DATETIME,
                                           help_text=_("Members propose projects until then; "
                                                       "voting opens at that moment."))
    voting_closes = forms.DateTimeField(label=_("Voting closes"), widget=DATETIME,
                                        help_text=_("After it, a teller closes the round and "
                                                    "the result is counted."))


class RoundForm(WindowsForm):
    title = forms.CharField(label=_("Title"), max_length=R.TITLE_MAX)
    budget = forms.CharField(label=_("Budget"), max_length=24,
                             help_text=_("For example 12000 or 12000.50"))
    currency = forms.CharField(label=_("Currency"), max_length=3, initial="EUR")
    field_order = ["title", "budget", "currency", "proposing_closes", "voting_closes"]

    def clean(self):
        cleaned = super().clean()
        currency = (cleaned.get("currency") or "").strip().upper()
        budget = parse_amount(cleaned.get("budget", ""), currency)
        if budget is None:
            self.add_error("budget", _("Write an amount, like 12000 or 12000.50."))
        cleaned["budget_minor"] = budget
        cleaned["currency"] = currency
        return cleaned


class ProjectForm(forms.Form):
    title = forms.CharField(label=_("Project"), max_length=R.TITLE_MAX)
    cost = forms.CharField(label=_("Cost"), max_length=24)
    description = forms.CharField(label=_("What it is for"), required=False,
                                  max_length=R.DESCRIPTION_MAX,
                                  widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, currency: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.currency = currency

    def clean_cost(self):
        cost = parse_amount(self.cleaned_data["cost"], self.currency)
        if cost is None:
            raise forms.ValidationError(_("Write an amount, like 800 or 800.50."))
        return cost


class BallotForm(forms.Form):
    approve = forms.MultipleChoiceField(label=_("Projects you approve"), required=False,
                                        widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["approve"].choices = [(project.id, project.title) for project in projects]


class ImportForm(WindowsForm):
    file = forms.FileField(label=_("Pabulib file (.pb)"),
                           help_text=_("Its budget and projects open the round. Its votes are "
                                       "other people's and are not imported: nobody here can "
                                       "sign them."))
    currency = forms.CharField(label=_("Currency, if the file does not say"), max_length=3,
                               initial="EUR")
    field_order = ["file", "currency", "proposing_closes", "voting_closes"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > UPLOAD_MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than %(size)s KiB.")
                                        % {"size": UPLOAD_MAX_BYTES // 1024})
        return upload.read(UPLOAD_MAX_BYTES + 1)
