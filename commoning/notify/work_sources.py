"""What peer production tells members (notification sources, see notify.sources): their
contribution judged by someone else, and a task they claimed whose claim is about to end.

These read the work app's tables; they live here so the work app needs no change to feed
notifications (later apps register their own sources from their own modules).
"""

from django.db.models import Subquery
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commoning.accounts.access import members_by_id
from commoning.log import clock
from commoning.notify.sources import Notice, before_q, register
from commoning.work import access as work_access
from commoning.work.models import Claim, Contribution, Task, Validation
from commoning.work.rules import DAY_MS

JUDGED = "judged:"
CLAIM = "claim:"
CLAIMS_LOOKED_AT = 50  # a member's latest unreleased claims; older ones ended long ago
ENDED_SHOWN_MS = 7 * DAY_MS  # an ended claim is told for a week after it ends
HOUR_MS = 3_600_000


def judged(net: str, member_id: str, before, limit: int) -> list[Notice]:
    """Validations and objections of the member's contributions by someone else."""
    own = Contribution.objects.filter(net=net, member_id=member_id).values("id")
    judgements = list(
        Validation.objects.filter(net=net, contribution_id__in=Subquery(own), withdrawn=False)
        .exclude(member_id=member_id)
        .filter(before_q(before, prefix=JUDGED))
        .order_by("-ts", "-id")[:limit]
    )
    names = {m.id: m.name for m in members_by_id(v.member_id for v in judgements).values()}
    notices = []
    for validation in judgements:
        words = {"name": names.get(validation.member_id) or _("A member")}
        if validation.verdict == "approve":
            text = _("%(name)s approved your contribution.") % words
        else:
            text = _("%(name)s objected to your contribution.") % words
        link = reverse("work_contribution", args=[validation.contribution_id])
        notices.append(Notice(JUDGED + validation.id, validation.ts, text, link))
    return notices


def claims_ending(net: str, member_id: str, before, limit: int) -> list[Notice]:
    """A claim the member holds that ends within a day (or ended this week), worked out now
    from the commons' claim window: it becomes due one day before the claim ends."""
    now = clock.now_ms()
    claims = list(
        Claim.objects.filter(net=net, member_id=member_id, released=False).order_by("-ts", "-id")
        [:CLAIMS_LOOKED_AT]
    )
    if not claims:
        return []
    tasks = {task.id: task for task in Task.objects.filter(id__in={c.task_id for c in claims})}
    submitted = set(
        Contribution.objects.filter(member_id=member_id, task_id__in=list(tasks))
        .values_list("task_id", flat=True)
    )
    done = {view.task.id for view in work_access.task_views(tasks.values(), now)
            if view.status == "done"}
    rules: dict = {}
    notices = []
    for claim in claims:
        task = tasks.get(claim.task_id)
        if task is None or task.id in submitted or task.id in done:
            continue  # work submitted holds a claim for good; a done task needs no reminder
        if task.commons_id not in rules:
            rules[task.commons_id] = work_access.rules_for(task.commons_id)
        ends = claim.ts + rules[task.commons_id].claim_ms
        due = ends - DAY_MS
        if not due <= now < ends + ENDED_SHOWN_MS:
            continue
        if now < ends:
            hours = max(1, (ends - now) // HOUR_MS)
            text = ngettext(
                "Your claim on “%(title)s” ends in %(count)d hour: submit your work or claim "
                "it again.",
                "Your claim on “%(title)s” ends in %(count)d hours: submit your work or claim "
                "it again.", hours) % {"title": task.title, "count": hours}
        else:
            text = _("Your claim on “%(title)s” has ended; claim the task again if you still "
                     "work on it.") % {"title": task.title}
        notice = Notice(CLAIM + claim.id, due, text, reverse("work_task", args=[task.id]))
        if before is None or notice.place < before:
            notices.append(notice)
    notices.sort(key=lambda notice: notice.place, reverse=True)
    return notices[:limit]


register("judged", judged)
register("claims", claims_ending)
