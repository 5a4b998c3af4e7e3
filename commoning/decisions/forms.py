"""Forms of decisions: propose, delegate, and the ballot read from a form fitting the method."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commoning.core.fields import FieldError
from commoning.decisions import rules

METHOD_NAMES = [
    ("consent", gettext_lazy("Consent: passes unless a reasoned objection stands")),
    ("majority", gettext_lazy("Majority: yes, no or abstain")),
    ("approval", gettext_lazy("Approval: approve any number of options")),
    ("score", gettext_lazy("Score: rate each option")),
    ("irv", gettext_lazy("Ranked choice (instant runoff)")),
    ("schulze", gettext_lazy("Condorcet (Schulze)")),
    ("stv", gettext_lazy("Single transferable vote, for several seats")),
]
KIND_NAMES = [
    ("ordinary", gettext_lazy("Ordinary")),
    ("statutes", gettext_lazy("Statutes")),
    ("election", gettext_lazy("Election")),
    ("spending", gettext_lazy("Spending")),
]


class ProposeForm(forms.Form):
    question = forms.CharField(label=gettext_lazy("Question"), max_length=rules.QUESTION_MAX)
    method = forms.ChoiceField(label=gettext_lazy("How we decide"), choices=METHOD_NAMES)
    options = forms.CharField(
        label=gettext_lazy("Options, one a line"), required=False, widget=forms.Textarea,
        max_length=rules.OPTIONS_MAX * (rules.OPTION_MAX + 2),
        help_text=gettext_lazy("Leave empty for consent and majority."))
    seats = forms.IntegerField(label=gettext_lazy("Seats"), min_value=1,
                               max_value=rules.OPTIONS_MAX, required=False)
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=KIND_NAMES, initial="ordinary",
                             help_text=gettext_lazy("The statutes set each kind's quorum and "
                                                    "threshold."))
    topic = forms.CharField(label=gettext_lazy("Topic"), max_length=rules.TOPIC_MAX,
                            required=False,
                            help_text=gettext_lazy("Members who delegated on this topic vote "
                                                   "through their delegate."))
    hours_open = forms.IntegerField(label=gettext_lazy("Open for (hours)"), min_value=1,
                                    max_value=rules.WINDOW_MAX_MS // 3_600_000, initial=72)
    hide_results = forms.BooleanField(label=gettext_lazy("Hide results until close"),
                                      required=False)

    def option_list(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["options"].splitlines()]
        return [line for line in lines if line]


class DelegateForm(forms.Form):
    topic = forms.CharField(label=gettext_lazy("Topic"), max_length=rules.TOPIC_MAX)
    delegate = forms.ChoiceField(label=gettext_lazy("Delegate"), choices=())

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delegate"].choices = [(member.id, member.name) for member in members]


def ballot_from_post(proposal, post) -> dict:
    """The ballot content a vote form posted, or FieldError (shown beside the field)."""
    method = proposal.method
    if method in rules.YES_NO_METHODS:
        choice = post.get("choice", "")
        reason = post.get("reason", "").strip()
        if len(reason) > rules.REASON_MAX:
            raise FieldError("reason", _("A reason has at most %(count)d characters.")
                             % {"count": rules.REASON_MAX})
        if choice == "object" and not reason:
            raise FieldError("reason", _("An objection needs a reason."))
        ballot = {"choice": choice}
        if reason:
            ballot["reason"] = reason
        return ballot
    options = list(proposal.options)
    if method == "approval":
        return {"approve": [option for option in options if option in post.getlist("approve")]}
    numbers = {}
    for index, option in enumerate(options):
        raw = post.get(f"option-{index}", "").strip()
        if not raw:
            continue
        if not raw.isdigit() or len(raw) > 6:
            raise FieldError("ballot", _("Write whole numbers only."))
        numbers[option] = int(raw)
    if method == "score":
        return {"scores": {option: score for option, score in numbers.items() if score}}
    ranks = sorted(numbers.items(), key=lambda pair: pair[1])
    if len({rank for _option, rank in ranks}) != len(ranks):
        raise FieldError("ballot", _("Give each option a different rank."))
    return {"ranking": [option for option, _rank in ranks]}
