"""Forms of peer-production pages: they carry input; the rules live in actions and events."""

import re
import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

from commoning.work.rules import CUSTOM_KIND, KIND_LABEL_MAX, KINDS, KINDS_MAX, MODES
from commoning.work.words import MODE_WORDS

KIND_CHOICES = [(kind, kind) for kind in KINDS]


class KindChoices:
    """A form whose `kind` offers the kinds the commons' rules allow (`kinds`: (id, label)
    pairs), its own kinds among them; without them, the built-in kinds."""

    def __init__(self, *args, kinds=None, **kwargs):
        super().__init__(*args, **kwargs)
        if kinds:
            self.fields["kind"].choices = list(kinds)


def kind_id_of(label: str) -> str:
    """The id of a kind of the commons' own, from its label: "Seed collection" ->
    "seed_collection"."""
    plain = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "_", plain).strip("_")[:20].rstrip("_")


class RulesForm(forms.Form):
    mode = forms.ChoiceField(
        label=_("Who becomes a maintainer"),
        # The value stays the rule engine's code; members read the plain words.
        choices=[(mode, MODE_WORDS[mode]) for mode in MODES],
        help_text=_("Under the published rule, members earn the role by the thresholds below."),
    )
    kinds = forms.MultipleChoiceField(
        label=_("Kinds of contribution"),
        choices=KIND_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        initial=list(KINDS),
    )
    own_kinds = forms.CharField(
        label=_("Kinds of your own"),
        required=False,
        max_length=KINDS_MAX * (KIND_LABEL_MAX + 2),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line, as members should read it, e.g. Field trial."),
    )
    min_approvals = forms.IntegerField(
        label=_("Approvals needed to validate"), min_value=1, max_value=50, initial=2
    )
    objection_window_days = forms.IntegerField(
        label=_("Objection window (days)"), min_value=0, max_value=365, initial=7
    )
    claim_days = forms.IntegerField(
        label=_("A claim expires after (days)"), min_value=1, max_value=365, initial=14
    )
    maintainer_contributions = forms.IntegerField(
        label=_("Validated contributions to become maintainer"),
        min_value=1,
        max_value=1000,
        initial=3,
    )
    maintainer_approvals = forms.IntegerField(
        label=_("Approvals from maintainers needed"), min_value=0, max_value=1000, initial=1
    )
    inactivity_days = forms.IntegerField(
        label=_("A role lapses after inactive days"), min_value=1, max_value=3650, initial=180
    )


    def clean_own_kinds(self) -> dict:
        labels = {}
        for line in self.cleaned_data["own_kinds"].splitlines():
            label = " ".join(line.split())
            if not label:
                continue
            kind = kind_id_of(label)
            if len(label) > KIND_LABEL_MAX or not CUSTOM_KIND.fullmatch(kind) or kind in KINDS:
                raise forms.ValidationError(
                    _("“%(label)s” cannot be a kind: use 2 to %(most)s characters starting with"
                      " a letter, not the name of a built-in kind."),
                    params={"label": label, "most": KIND_LABEL_MAX},
                )
            labels[kind] = label
        if len(labels) + len(self.cleaned_data.get("kinds") or ()) > KINDS_MAX:
            raise forms.ValidationError(
                _("A commons uses at most %(most)s kinds."), params={"most": KINDS_MAX}
            )
        return labels


class TaskForm(KindChoices, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=KIND_CHOICES)
    description = forms.CharField(
        label=_("What needs doing"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class ContributionForm(KindChoices, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=KIND_CHOICES)
    effort_minutes = forms.IntegerField(label=_("Effort (minutes)"), min_value=1, max_value=100_000)
    description = forms.CharField(
        label=_("What you did"), max_length=20_000, widget=forms.Textarea(attrs={"rows": 5})
    )
    evidence_url = forms.URLField(
        label=_("Evidence (a link)"), required=False, max_length=500, assume_scheme="https"
    )
    task = forms.CharField(required=False, widget=forms.HiddenInput)
    revision = forms.CharField(required=False, widget=forms.HiddenInput)


class AmendForm(KindChoices, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=KIND_CHOICES)
    effort_minutes = forms.IntegerField(label=_("Effort (minutes)"), min_value=1, max_value=100_000)
    description = forms.CharField(
        label=_("What you did"), max_length=20_000, widget=forms.Textarea(attrs={"rows": 5})
    )
    evidence_url = forms.URLField(
        label=_("Evidence (a link)"), required=False, max_length=500, assume_scheme="https"
    )


class ValidationForm(forms.Form):
    verdict = forms.ChoiceField(
        label=_("Your judgement"), choices=[("approve", _("Approve")), ("object", _("Object"))]
    )
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=500, help_text=_("Required for an objection.")
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500)


class ForkForm(forms.Form):
    name = forms.CharField(label=_("Name of the fork"), max_length=120)
    reason = forms.CharField(
        label=_("Why you fork"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )


class ArtifactForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Text"), max_length=200_000, strip=False,
        widget=forms.Textarea(attrs={"rows": 12}),
    )


class RevisionForm(forms.Form):
    # The version the text was loaded from: saving on a stale one merges instead of overwriting.
    base = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    body = forms.CharField(
        label=_("Text"), max_length=200_000, strip=False,
        widget=forms.Textarea(attrs={"rows": 14}),
    )
    note = forms.CharField(label=_("What changed"), max_length=300)


class MergeForm(forms.Form):
    parent = forms.CharField(max_length=64, widget=forms.HiddenInput)
    merged = forms.CharField(max_length=64, widget=forms.HiddenInput)
    body = forms.CharField(
        label=_("Merged text"), max_length=200_000, strip=False,
        widget=forms.Textarea(attrs={"rows": 14}),
    )
    note = forms.CharField(label=_("What the merge keeps"), max_length=300)


class RestoreForm(forms.Form):
    base = forms.CharField(max_length=64, widget=forms.HiddenInput)
    note = forms.CharField(label=_("Why restore it"), max_length=300, required=False)


class ConfirmForm(forms.Form):
    """A destructive button's form: a required tick box asks for confirmation, with or without
    JavaScript (the browser enforces `required`; the view checks it again)."""

    confirm = forms.BooleanField(label=_("Yes, I am sure"), required=True)


class HideForm(ConfirmForm):
    reason = forms.CharField(label=_("Why hide it"), max_length=500)
    field_order = ["reason", "confirm"]


class EvidenceForm(forms.Form):
    file = forms.FileField(label=_("Attach a file (5 MB at most)"))


class ArtifactFileForm(forms.Form):
    file = forms.FileField(
        label=_("Attach a file: drawing, CAD, STL, PDF, photo (5 MB at most)"), max_length=200
    )


class RecallForm(ConfirmForm):
    reason = forms.CharField(label=_("Why recall"), max_length=500)
    field_order = ["reason", "confirm"]
