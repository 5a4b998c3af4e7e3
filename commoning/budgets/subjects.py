"""Conversation on budgeting rounds: members discuss a round's projects in one thread on its
page (commoning.talk.subjects). The finder reads only the round's projection row."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from commoning.budgets.models import Round
from commoning.talk.subjects import Subject, register


def find_round(net: str, subject_id: str) -> Subject | None:
    row = Round.objects.filter(id=subject_id, net=net).values_list("title", "opened_by").first()
    if row is None:
        return None
    return Subject("budget", subject_id, row[0], reverse("budget_round", args=[subject_id]),
                   row[1])


register("budget", find_round, noun=_("budgeting round"), page="budget_round")
