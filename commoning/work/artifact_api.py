"""API of artifacts and their revisions, under /api/work/: create, read with the current
versions, revise on a named base (409 with the conflicts when changes overlap), the history a
page at a time, one revision with its diff, restore an old version, and join two current
versions. Thin: artifact_actions write, access and versions read."""

import difflib

from django.http import Http404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from commoning.accounts.actions import default_network
from commoning.apikit import KeysetPagination, TokenAuth, error
from commoning.commons.access import get_commons
from commoning.work import access, artifact_actions, versions

router = Router(tags=["work"])


# -- schemas -------------------------------------------------------------------------------------
class ArtifactIn(Schema):
    title: str
    body: str
    note: str = "First version"


class RevisionIn(Schema):
    commons: str
    base: str = Field(
        description="Id of the revision the text was made from (\"\" if the artifact had none). "
        "If others saved since, the text is merged; overlapping changes answer 409."
    )
    body: str
    note: str


class MergeIn(Schema):
    commons: str
    parent: str = Field(description="One current version (the newer, by convention).")
    merged: str = Field(description="The other current version it joins.")
    body: str
    note: str


class RestoreIn(Schema):
    commons: str
    base: str = Field(description="Id of the current version the restore replaces.")
    note: str = ""


class ArtifactOut(Schema):
    id: str
    commons_id: str
    title: str
    created_ts: int


class RevisionOut(Schema):
    id: str
    artifact_id: str
    commons_id: str
    parent_id: str | None
    merged_id: str | None
    restored_id: str | None
    note: str
    author_id: str
    ts: int


class RevisionWithBodyOut(RevisionOut):
    body: str | None


class RevisionDetailOut(RevisionWithBodyOut):
    diff: list[str] = Field(description="Unified diff of the text against its parent's.")


class ArtifactDetailOut(ArtifactOut):
    heads: list[RevisionWithBodyOut] = Field(
        description="The current versions, newest first: more than one when members saved on "
        "different nodes from the same version (merge them with POST .../merges)."
    )


class ConflictRegion(Schema):
    line: int
    base: list[str]
    theirs: list[str]
    yours: list[str]


class ConflictOut(Schema):
    code: str
    message: str
    head: str = Field(description="The version saved meanwhile: send it as the next base.")
    merged: str = Field(description="Every change of both sides, conflicts between markers.")
    conflicts: list[ConflictRegion]


REVISION_FIELDS = (
    "id", "artifact_id", "commons_id", "parent_id", "merged_id", "restored_id", "note",
    "author_id", "ts",
)


def _revision_out(revision) -> dict:
    return {
        **{name: getattr(revision, name) for name in REVISION_FIELDS},
        "body": versions.body_of(revision) if revision.body_hash else None,
    }


def _net() -> str:
    net = default_network()
    if net is None:
        raise Http404("this node serves no network yet")
    return net


def _commons_or_404(commons_id: str):
    commons = get_commons(_net(), commons_id[:64])
    if commons is None:
        raise Http404("no such commons")
    return commons


def _artifact_or_404(artifact_id: str):
    artifact = access.get_artifact(_net(), artifact_id[:64])
    if artifact is None:
        raise Http404("no such artifact")
    return artifact


# -- reads ---------------------------------------------------------------------------------------
@router.get("/commons/{commons_id}/artifacts", response=list[ArtifactOut])
@paginate(KeysetPagination)
def list_artifacts(request, commons_id: str):
    """The artifacts of a commons, a page at a time."""
    return access.artifacts_in(_commons_or_404(commons_id).id)


@router.get("/artifacts/{artifact_id}", response=ArtifactDetailOut)
def artifact_detail(request, artifact_id: str, commons: str = ""):
    """One artifact with its current versions (two or more when edits crossed) and their text."""
    artifact = _artifact_or_404(artifact_id)
    seen_from = _commons_or_404(commons or artifact.commons_id)
    heads = versions.heads_of(artifact, seen_from.id)
    fields = ("id", "commons_id", "title", "created_ts")
    return {
        **{name: getattr(artifact, name) for name in fields},
        "heads": [_revision_out(head) for head in heads],
    }


@router.get("/artifacts/{artifact_id}/revisions", response=list[RevisionOut])
@paginate(KeysetPagination)
def list_revisions(request, artifact_id: str, commons: str = ""):
    """The history, newest first."""
    artifact = _artifact_or_404(artifact_id)
    seen_from = _commons_or_404(commons or artifact.commons_id)
    return versions.visible_revisions(artifact, seen_from.id).order_by("-ts", "-id")


@router.get("/revisions/{revision_id}", response=RevisionDetailOut)
def revision_detail(request, revision_id: str):
    """One revision of an artifact with its full text and what it was made from."""
    revision = access.get_revision(_net(), revision_id[:64])
    if revision is None:
        raise Http404("no such revision")
    parent = access.get_revision(revision.net, revision.parent_id) if revision.parent_id else None
    old, new = versions.body_of(parent).splitlines(), versions.body_of(revision).splitlines()
    diff = list(difflib.unified_diff(old, new, "before", "after", lineterm="", n=3))[2:]
    return {**_revision_out(revision), "diff": diff}


# -- writes --------------------------------------------------------------------------------------
@router.post("/commons/{commons_id}/artifacts", response={201: ArtifactOut}, auth=TokenAuth())
def create_artifact(request, commons_id: str, payload: ArtifactIn):
    """Create an artifact in a commons with its first text."""
    created = artifact_actions.create_artifact(request.auth, commons_id[:64], **payload.dict())
    return Status(201, created)


@router.post(
    "/artifacts/{artifact_id}/revisions",
    response={201: RevisionWithBodyOut, 409: ConflictOut},
    auth=TokenAuth(),
)
def revise(request, artifact_id: str, payload: RevisionIn):
    """Save a new version of an artifact on the version you loaded (base); a stale base answers
    409 with a merge."""
    try:
        revision = artifact_actions.revise_artifact(
            request.auth,
            artifact_id[:64],
            commons_id=payload.commons[:64],
            base=payload.base[:64],
            body=payload.body,
            note=payload.note,
        )
    except artifact_actions.EditConflict as conflict:
        regions = [region.__dict__ for region in conflict.merge.conflicts]
        return error(409, "conflict", conflict.reason, head=conflict.head.id,
                     merged=conflict.merge.text, conflicts=regions)
    return Status(201, _revision_out(revision))


@router.post(
    "/artifacts/{artifact_id}/merges", response={201: RevisionWithBodyOut}, auth=TokenAuth()
)
def merge(request, artifact_id: str, payload: MergeIn):
    """Join two current versions of an artifact into one, with the merged text."""
    revision = artifact_actions.merge_versions(
        request.auth,
        artifact_id[:64],
        commons_id=payload.commons[:64],
        parent=payload.parent[:64],
        merged=payload.merged[:64],
        body=payload.body,
        note=payload.note,
    )
    return Status(201, _revision_out(revision))


@router.post(
    "/revisions/{revision_id}/restore", response={201: RevisionWithBodyOut}, auth=TokenAuth()
)
def restore(request, revision_id: str, payload: RestoreIn):
    """Restore an old version: its text becomes a new version on top of the current one."""
    revision = artifact_actions.restore_revision(
        request.auth,
        revision_id[:64],
        commons_id=payload.commons[:64],
        base=payload.base[:64],
        note=payload.note,
    )
    return Status(201, _revision_out(revision))
