"""Entry types of artifacts and forks: `work.artifact`, `work.revision` and `work.fork`.

Rules read only the entry and its causal past (see commoning.work.events)."""


from commoning.accounts.events import field_clock
from commoning.commons.models import Commons
from commoning.core import fields
from commoning.log.registry import (
    Rejected,
)
from commoning.work.events import credits
from commoning.work.events.common import (
    NOTE_MAX,
    TITLE_MAX,
    commons_named,
    member_of,
    needs_dep,
    reason_field,
    row_named,
)
from commoning.work.models import (
    Artifact,
    ForkLink,
    Revision,
    RulesVersion,
)


# -- artifacts and revisions ---------------------------------------------------------------------
def lineage(commons_id: str) -> list[tuple[str, int | None]]:
    """[(commons, until_ts)]: the commons itself, then each origin it was forked from, with the
    time of the fork (what the fork carries is what the origin had by then)."""
    chain = [(commons_id, None)]
    seen = {commons_id}
    until = None
    current = commons_id
    while True:
        link = ForkLink.objects.filter(fork_id=current).first()
        if link is None or link.origin_id in seen:
            return chain
        until = link.ts if until is None else min(until, link.ts)
        chain.append((link.origin_id, until))
        seen.add(link.origin_id)
        current = link.origin_id


def check_artifact(entry):
    fields.only_fields(entry.data, {"commons", "title"}, {"commons", "title"})
    commons_named(entry)
    fields.text(entry.data, "title", max_length=TITLE_MAX)


def apply_artifact(entry):
    Artifact.objects.create(
        id=entry.id,
        net=entry.net,
        commons_id=entry.data["commons"],
        title=entry.data["title"],
        author_id=member_of(entry),
        created_ts=entry.ts,
    )


# The revisions a revision may name besides its artifact, and what each is called in reasons.
REVISION_LINKS = (
    ("parent", "parent revision"),  # the version it was made from
    ("merged", "merged revision"),  # a merge: the other current version it joins
    ("restores", "restored revision"),  # a restore: the old version whose text it brings back
)


def check_revision(entry):
    """A revision of an artifact this commons holds (its own, or carried from an origin it was
    forked from). Every revision it names (parent, merged, restored) is in deps, belongs to the
    same artifact, and was made in this commons or one it comes from: never a sibling fork's
    or a descendant's. A merge names a parent too; a restore's text is the restored one's."""
    fields.only_fields(
        entry.data,
        {"artifact", "commons", "parent", "merged", "restores", "note"},
        {"artifact", "commons", "note"},
    )
    artifact = row_named(entry, Artifact, "artifact", "artifact")
    commons = commons_named(entry)
    fields.text(entry.data, "note", max_length=NOTE_MAX)
    if entry.att is None:
        raise Rejected("a revision's body is its attachment")
    # The commons' lineage is in the causal past: the commons (a fork is its fork entry) is in
    # deps, and each fork entry lists the commons it forks.
    visible = {cid for cid, _ in lineage(commons.id)}
    if artifact.commons_id not in visible:
        raise Rejected("the artifact belongs to neither this commons nor one it was forked from")
    named = {}
    for field, what in REVISION_LINKS:
        if field not in entry.data:
            continue
        revision = row_named(entry, Revision, field, what)
        if revision.artifact_id != artifact.id:
            raise Rejected(f"the {what} is a revision of another artifact")
        if revision.commons_id not in visible:
            raise Rejected(f"the {what} was made in a commons this one does not come from")
        named[field] = revision
    if "merged" in named:
        if "parent" not in named or named["merged"].id == named["parent"].id:
            raise Rejected("a merge names two different revisions: its parent and the merged one")
        if "restores" in named:
            raise Rejected("a revision either merges or restores, not both")
    if "restores" in named and entry.att["hash"] != named["restores"].body_hash:
        raise Rejected("a restore carries the restored revision's text unchanged")


def apply_revision(entry):
    Revision.objects.create(
        id=entry.id,
        net=entry.net,
        artifact_id=entry.data["artifact"],
        commons_id=entry.data["commons"],
        parent_id=entry.data.get("parent"),
        merged_id=entry.data.get("merged"),
        restored_id=entry.data.get("restores"),
        note=entry.data["note"],
        body_hash=entry.att["hash"],
        author_id=member_of(entry),
        ts=entry.ts,
    )


# -- forks ---------------------------------------------------------------------------------------
def check_fork(entry):
    fields.only_fields(
        entry.data, {"commons", "name", "reason", "rules"}, {"commons", "name", "reason"}
    )
    commons = commons_named(entry)
    fields.text(entry.data, "name", max_length=120)
    reason_field(entry, required=True)
    if "rules" in entry.data:
        needs_dep(entry, fields.entry_id(entry.data, "rules"), "rules")
        if not RulesVersion.objects.filter(id=entry.data["rules"], commons_id=commons.id).exists():
            raise Rejected("the rules named are not the original commons' rules")


def apply_fork(entry):
    origin = Commons.objects.get(id=entry.data["commons"])
    clock = field_clock(entry)
    # The fork is a commons in its own right (founded by whoever forked), under the same licence.
    Commons.objects.create(
        id=entry.id,
        net=entry.net,
        name=entry.data["name"],
        licence=origin.licence,
        description_hash=origin.description_hash,
        founder_id=member_of(entry),
        created_ts=entry.ts,
        updated_ts=entry.ts,
        name_clock=clock,
        licence_clock=clock,
        description_clock=clock,
    )
    ForkLink.objects.create(
        fork_id=entry.id,
        net=entry.net,
        origin_id=origin.id,
        origin_rules_id=entry.data.get("rules", ""),
        reason=entry.data["reason"],
        author_id=member_of(entry),
        ts=entry.ts,
    )
    credits.carry_into_fork(entry.net, entry.id)


