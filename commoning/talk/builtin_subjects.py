"""The subjects this node's own apps offer: commons, tasks, contributions and artifacts. Later
apps register theirs from their own `apps.py` (see talk.subjects)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from commoning.commons.models import Commons
from commoning.talk.subjects import Subject, register
from commoning.work.models import Artifact, Contribution, Task


def find_commons(net: str, subject_id: str) -> Subject | None:
    row = Commons.objects.filter(id=subject_id, net=net).values_list("name", "founder_id").first()
    if row is None:
        return None
    url = reverse("commons_detail", args=[subject_id])
    return Subject("commons", subject_id, row[0], url, row[1])


def find_task(net: str, subject_id: str) -> Subject | None:
    row = Task.objects.filter(id=subject_id, net=net).values_list("title", "author_id").first()
    if row is None:
        return None
    return Subject("task", subject_id, row[0], reverse("work_task", args=[subject_id]), row[1])


def find_contribution(net: str, subject_id: str) -> Subject | None:
    row = (
        Contribution.objects.filter(id=subject_id, net=net)
        .values_list("kind", "member_id")
        .first()
    )
    if row is None:
        return None
    url = reverse("work_contribution", args=[subject_id])
    # The contribution's kind stands for its title; its member is told of comments on it.
    return Subject("contribution", subject_id, row[0], url, row[1])


def find_artifact(net: str, subject_id: str) -> Subject | None:
    row = Artifact.objects.filter(id=subject_id, net=net).values_list("title", "author_id").first()
    if row is None:
        return None
    url = reverse("work_artifact", args=[subject_id])
    return Subject("artifact", subject_id, row[0], url, row[1])


register("commons", find_commons, noun=_("commons"), page="commons_detail")
register("task", find_task, noun=_("task"), page="work_task")
register("contribution", find_contribution, noun=_("contribution"), page="work_contribution")
register("artifact", find_artifact, noun=_("document"), page="work_artifact")
