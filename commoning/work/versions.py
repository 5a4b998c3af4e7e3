"""Reads of an artifact's versions as seen from one commons: its current versions (heads), its
history a page at a time, and the version two others were both made from.

Everything is derived at read time from the set of revision rows (parent and merged links), so
what a node shows depends on which revisions it has, never on the order they arrived in. Like
every peer-production read these are public: an artifact is as open as its commons.
"""

from django.db.models import Exists, OuterRef, Q

from commoning.log.append import attachment_text
from commoning.work.access import lineage_filter
from commoning.work.models import Artifact, Revision

HISTORY_PAGE = 20


def visible_revisions(artifact: Artifact, commons_id: str):
    """The artifact's revisions a commons sees: its own, and an origin's up to the fork."""
    return Revision.objects.filter(lineage_filter(commons_id), artifact_id=artifact.id)


def heads_of(artifact: Artifact, commons_id: str) -> list[Revision]:
    """The current versions: visible revisions that no visible revision names as its parent or
    as the version it merged. One in the usual case; two or more when members saved on
    different nodes from the same version and their revisions met here. Newest first."""
    visible = visible_revisions(artifact, commons_id)
    successors = visible.filter(Q(parent_id=OuterRef("id")) | Q(merged_id=OuterRef("id")))
    return list(visible.filter(~Exists(successors)).order_by("-ts", "-id"))


def visible_revision(artifact: Artifact, commons_id: str, revision_id: str) -> Revision | None:
    """A revision of this artifact that the commons sees, or None (absent or not visible)."""
    return visible_revisions(artifact, commons_id).filter(id=(revision_id or "")[:64]).first()


def history_page(artifact: Artifact, commons_id: str, before: str = ""):
    """One page of the history, newest first, and the cursor of the next (older) page or "".

    Keyset pagination on (ts, id): a page costs the same at revision 10 and at revision 10,000.
    `before` is the cursor a previous page gave ("<ts>.<id>"); anything else starts at the top.
    """
    rows = visible_revisions(artifact, commons_id).order_by("-ts", "-id")
    ts_text, _dot, revision_id = (before or "").partition(".")
    if ts_text.isdigit() and len(ts_text) < 16 and revision_id:
        ts = int(ts_text)
        rows = rows.filter(Q(ts__lt=ts) | Q(ts=ts, id__lt=revision_id[:64]))
    page = list(rows[: HISTORY_PAGE + 1])
    if len(page) <= HISTORY_PAGE:
        return page, ""
    last = page[HISTORY_PAGE - 1]
    return page[:HISTORY_PAGE], f"{last.ts}.{last.id}"


def common_ancestor(artifact: Artifact, commons_id: str, one: Revision, other: Revision):
    """The nearest revision both were made from (through parents and merges), or None when
    they share none (two first versions written on different nodes)."""
    links = {
        revision_id: (parent_id, merged_id)
        for revision_id, parent_id, merged_id in visible_revisions(
            artifact, commons_id
        ).values_list("id", "parent_id", "merged_id")
    }

    def ancestry(start: str) -> list[str]:
        """Breadth-first from `start`: itself, then each generation back."""
        seen, order, frontier = {start}, [start], [start]
        while frontier:
            following = []
            for revision_id in frontier:
                for linked in links.get(revision_id, (None, None)):
                    if linked and linked not in seen:
                        seen.add(linked)
                        order.append(linked)
                        following.append(linked)
            frontier = following
        return order

    of_one = set(ancestry(one.id))
    nearest = next((rid for rid in ancestry(other.id) if rid in of_one), None)
    return Revision.objects.filter(id=nearest).first() if nearest else None


def body_of(revision: Revision | None) -> str:
    """The text of a revision ("" for none, or when its text is not on this node)."""
    if revision is None:
        return ""
    return attachment_text(revision.body_hash) or ""
