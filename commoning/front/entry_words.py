"""What an entry did, in words a member reads, and which page shows the object it changed.

Pages speak to members: an entry type code (`work.validation`) appears only on the public log
pages, and there beside the label this module gives it ("approved or objected to a
contribution"). An app that registers a new entry type adds its label and its object here; a type
without one reads "recorded a change" and links to its own log page, so nothing breaks.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

ENTRY_LABELS = {
    "log.genesis": _("started the network"),
    "accounts.identity": _("joined the network"),
    "accounts.profile": _("changed their profile"),
    "commons.create": _("started a commons"),
    "commons.update": _("changed a commons"),
    "work.rules": _("published a commons' rules"),
    "work.task": _("published a task"),
    "work.claim": _("claimed a task"),
    "work.unclaim": _("released a task"),
    "work.contribution": _("recorded a contribution"),
    "work.amend": _("amended a contribution"),
    "work.validation": _("judged a contribution"),
    "work.withdraw": _("withdrew a judgement"),
    "work.settle": _("settled an objection"),
    "work.hide": _("hid a contribution as spam"),
    "work.role": _("changed who maintains a commons"),
    "work.artifact": _("started an artifact"),
    "work.revision": _("saved a new version of an artifact"),
    "work.fork": _("forked a commons"),
    "work.evidence": _("attached evidence to a contribution"),
    "work.artifact_file": _("attached a file to an artifact"),
    "association.found": _("founded the association"),
    "association.join": _("joined the association"),
    "association.approve": _("approved someone joining the association"),
    "association.leave": _("left the association"),
    "association.enact": _("put a decision of the association into effect"),
    "decision.propose": _("proposed a decision"),
    "decision.ballot": _("voted"),
    "decision.delegate": _("delegated their vote on a topic"),
    "decision.revoke": _("revoked a delegation"),
    "decision.sheet": _("counted ballots on a tally sheet"),
    "decision.close": _("closed and counted a vote"),
    "budget.round": _("opened a participatory budgeting round"),
    "budget.project": _("proposed a project for a participatory budget"),
    "budget.ballot": _("voted in a participatory budget"),
    "budget.close": _("closed a participatory budgeting round"),
}
UNKNOWN_LABEL = _("recorded a change")


def entry_label(entry_type: str) -> str:
    return ENTRY_LABELS.get(entry_type, UNKNOWN_LABEL)


def _validation_contribution(validation_id) -> str | None:
    from commoning.work.models import Validation

    judged = Validation.objects.filter(id=validation_id)
    return judged.values_list("contribution_id", flat=True).first()


def _with_commons(name: str, object_id: str, commons_id) -> str:
    return reverse(name, args=[object_id]) + (f"?commons={commons_id}" if commons_id else "")


def object_url(entry_id: str, entry_type: str, data: dict, member_id: str | None) -> str | None:
    """The page of what the entry made or changed, or None when no page shows it.

    `data` is the entry's payload data (read for this one entry only: the log's list never
    reads payloads), `member_id` the member its author acts for.
    """
    data = data if isinstance(data, dict) else {}
    made_here = {
        "accounts.identity": "member",
        "commons.create": "commons_detail",
        "work.task": "work_task",
        "work.contribution": "work_contribution",
        "work.fork": "work_commons",
    }
    if entry_type in made_here:
        return reverse(made_here[entry_type], args=[entry_id])
    if entry_type == "log.genesis":
        return reverse("home")
    if entry_type == "accounts.profile":
        return reverse("member", args=[member_id]) if member_id else None
    if entry_type == "commons.update" and data.get("commons"):
        return reverse("commons_detail", args=[data["commons"]])
    if entry_type == "work.rules" and data.get("commons"):
        return reverse("work_rules", args=[data["commons"]])
    if entry_type == "work.role" and data.get("commons"):
        return reverse("work_roles", args=[data["commons"]])
    if entry_type == "work.claim" and data.get("task"):
        return reverse("work_task", args=[data["task"]])
    judging = ("work.amend", "work.validation", "work.hide", "work.evidence")
    if entry_type in judging and data.get("contribution"):
        return reverse("work_contribution", args=[data["contribution"]])
    if entry_type in ("work.withdraw", "work.settle") and data.get("validation"):
        contribution_id = _validation_contribution(data["validation"])
        return reverse("work_contribution", args=[contribution_id]) if contribution_id else None
    if entry_type == "work.artifact":
        return _with_commons("work_artifact", entry_id, data.get("commons"))
    if entry_type == "work.revision":
        return _with_commons("work_revision", entry_id, data.get("commons"))
    if entry_type == "work.artifact_file" and data.get("artifact"):
        return reverse("work_artifact", args=[data["artifact"]]) + "#files"
    if entry_type == "work.unclaim" and data.get("claim"):
        from commoning.work.models import Claim

        task_id = Claim.objects.filter(id=data["claim"]).values_list("task_id", flat=True).first()
        return reverse("work_task", args=[task_id]) if task_id else None
    return None
