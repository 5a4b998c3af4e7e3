"""The write paths of artifacts and their revisions: create, revise on a named base (merging
three ways when others saved meanwhile, never losing work silently), join two current versions,
and restore an old version as a new revision. Each is `@atomic_action`."""

from django.utils.translation import gettext as _

from commoning.core import fields
from commoning.log.append import append, attachment_bytes
from commoning.log.atomic import atomic_action
from commoning.log.registry import Rejected
from commoning.work import access, textmerge, versions
from commoning.work.actions import _actor, _commons, _found
from commoning.work.events import NOTE_MAX, TITLE_MAX
from commoning.work.events.artifact_files import (
    ARTIFACT_FILE_MAX,
    FILE_MEDIA_TYPES,
    FILE_NAME_MAX,
)

BODY_MAX = 200_000


class EditConflict(Rejected):
    """A revision saved on a stale base whose changes overlap those saved meanwhile: nothing is
    saved. Carries what the member needs to resolve it: the version saved meanwhile (the new
    base), the merge with its conflicts marked, and the member's own text."""

    def __init__(self, head, merge, yours: str):
        super().__init__(
            _("Someone saved a new version while you were editing, and some of your changes "
              "overlap theirs. Nothing was saved: resolve the marked places and save again."),
            status=409,
        )
        self.head, self.merge, self.yours = head, merge, yours


# The base of a revision made by code that reads the head in the same transaction (demo data,
# tests, scripts). Pages and the API always send the base the member's text was loaded from.
CURRENT_HEAD = object()


@atomic_action
def create_artifact(user, commons_id, *, title, body, note="First version"):
    net, _member_id, key = _actor(user)
    commons = _commons(net, commons_id)
    title = fields.clean_text(title, "title", max_length=TITLE_MAX)
    note = fields.clean_text(note, "note", max_length=NOTE_MAX)
    body_text = _body(body).decode()
    artifact = append(
        key,
        net=net,
        type="work.artifact",
        data={"commons": commons.id, "title": title},
        deps=[commons.id],
    )
    revise_artifact(user, artifact.id, commons_id=commons.id, body=body_text, note=note, base="")
    return access.get_artifact(net, artifact.id)


def _body(body) -> bytes:
    if not isinstance(body, str) or not body.strip():
        raise fields.FieldError("body", "must not be empty")
    if len(body) > BODY_MAX:
        raise fields.FieldError("body", f"must be at most {BODY_MAX} characters")
    return body.replace("\r\n", "\n").encode()


def _resolved_body(body) -> bytes:
    """A body to save, refused while it still holds the markers of an unresolved conflict."""
    body_bytes = _body(body)
    if textmerge.has_conflict_markers(body_bytes.decode()):
        raise fields.FieldError(
            "body",
            _("still holds conflict markers (lines starting with <<<<<<< or >>>>>>>): keep "
              "the lines you want and remove the markers"),
        )
    return body_bytes


def _artifact_in(net, artifact_id, commons_id):
    artifact = _found(access.get_artifact(net, (artifact_id or "")[:64]), "artifact")
    return artifact, _commons(net, commons_id)


def _append_revision(key, net, artifact, commons, *, note, body: bytes, links: dict):
    """Append one `work.revision`, naming (and listing in deps) the revisions in `links`."""
    data = {"artifact": artifact.id, "commons": commons.id, "note": note}
    deps = [artifact.id, commons.id]
    for field, revision in links.items():
        data[field] = revision.id
        deps.append(revision.id)
    entry = append(key, net=net, type="work.revision", data=data, deps=deps, attachment=body)
    return access.get_revision(net, entry.id)


def _merged_note(note: str) -> str:
    suffix = _(" (merged with a version saved meanwhile)")
    return note[: NOTE_MAX - len(suffix)] + suffix


@atomic_action
def revise_artifact(user, artifact_id, *, commons_id, body, note, base=CURRENT_HEAD):
    """Save a new version of an artifact, made from the version `base` (its id; "" when the
    artifact had none). No work is lost silently: when other versions were saved since (the
    base is no longer a current version), the text is merged three ways (base, the newest
    current version, yours). A clean merge is saved on top of that version with a note saying
    so; changes overlapping theirs raise EditConflict (409) and nothing is saved."""
    net, _member_id, key = _actor(user)
    artifact, commons = _artifact_in(net, artifact_id, commons_id)
    note = fields.clean_text(note, "note", max_length=NOTE_MAX)
    body_bytes = _resolved_body(body)
    heads = versions.heads_of(artifact, commons.id)
    if base is CURRENT_HEAD:
        base_revision = heads[0] if heads else None
    elif base:
        base_revision = versions.visible_revision(artifact, commons.id, base)
        if base_revision is None:
            raise fields.FieldError("base", _("is not a version of this artifact"))
    else:
        base_revision = None
    if not heads or (base_revision is not None and base_revision.id in {h.id for h in heads}):
        links = {"parent": base_revision} if base_revision is not None else {}
        return _append_revision(key, net, artifact, commons, note=note, body=body_bytes,
                                links=links)
    theirs = heads[0]
    merge = textmerge.merge_texts(
        versions.body_of(base_revision), versions.body_of(theirs), body_bytes.decode()
    )
    if not merge.clean:
        raise EditConflict(theirs, merge, body_bytes.decode())
    return _append_revision(key, net, artifact, commons, note=_merged_note(note),
                            body=merge.text.encode(), links={"parent": theirs})


@atomic_action
def merge_versions(user, artifact_id, *, commons_id, parent, merged, body, note):
    """Join two current versions (met from different nodes) into one: a revision naming both.
    Both must still be current; the member gives the merged text, conflicts resolved."""
    net, _member_id, key = _actor(user)
    artifact, commons = _artifact_in(net, artifact_id, commons_id)
    note = fields.clean_text(note, "note", max_length=NOTE_MAX)
    body_bytes = _resolved_body(body)
    heads = {head.id: head for head in versions.heads_of(artifact, commons.id)}
    if parent == merged or parent not in heads or merged not in heads:
        raise Rejected(
            _("These are no longer two current versions: someone merged or revised them "
              "meanwhile. Look at the artifact again."),
            status=409,
        )
    links = {"parent": heads[parent], "merged": heads[merged]}
    return _append_revision(key, net, artifact, commons, note=note, body=body_bytes, links=links)


@atomic_action
def restore_revision(user, revision_id, *, commons_id, base=CURRENT_HEAD, note=""):
    """Bring back an old version's text as a new revision on top of the current one `base`
    (history is never rewritten). Refused (409) when `base` is no longer current."""
    net, _member_id, key = _actor(user)
    old = _found(access.get_revision(net, (revision_id or "")[:64]), "revision")
    artifact, commons = _artifact_in(net, old.artifact_id, commons_id)
    if versions.visible_revision(artifact, commons.id, old.id) is None:
        raise Rejected("no such revision", status=404)
    heads = {head.id: head for head in versions.heads_of(artifact, commons.id)}
    if base is CURRENT_HEAD:
        base = next(iter(heads), "")
    if base not in heads:
        raise Rejected(
            _("A new version was saved since you loaded this page. Look at it before "
              "restoring an old one."),
            status=409,
        )
    if base == old.id:
        raise Rejected(_("This is already the current version."), status=409)
    body_bytes = attachment_bytes(old.body_hash)
    if body_bytes is None:
        raise Rejected(_("The text of this version is no longer kept on this node."), status=409)
    default_note = _("Restored the version \u201c%(note)s\u201d") % {"note": old.note}
    note = fields.clean_text(note or default_note[:NOTE_MAX], "note", max_length=NOTE_MAX)
    links = {"parent": heads[base], "restores": old}
    return _append_revision(key, net, artifact, commons, note=note, body=body_bytes, links=links)


@atomic_action
def attach_artifact_file(user, artifact_id, *, name, body: bytes, media_type: str):
    """Attach a file (drawing, CAD, STL, PDF, photo) to an artifact: a `work.artifact_file`
    entry carrying it. Any member who may revise the artifact may attach. A media type off the
    allow-list is kept as application/octet-stream: the file is still accepted, as a download."""
    net, _member_id, key = _actor(user)
    artifact = _found(access.get_artifact(net, (artifact_id or "")[:64]), "artifact")
    name = fields.clean_text(name, "file", max_length=FILE_NAME_MAX)
    if not body:
        raise fields.FieldError("file", _("is empty"))
    if len(body) > ARTIFACT_FILE_MAX:
        raise fields.FieldError(
            "file", _("must be at most %(mb)d MB") % {"mb": ARTIFACT_FILE_MAX // 1024 // 1024}
        )
    media_type = (media_type or "").split(";")[0].strip().lower()
    if media_type not in FILE_MEDIA_TYPES:
        media_type = "application/octet-stream"
    entry = append(
        key,
        net=net,
        type="work.artifact_file",
        data={"artifact": artifact.id, "name": name, "media_type": media_type},
        deps=[artifact.id],
        attachment=body,
        media_type=media_type,
    )
    return access.get_artifact_file(net, entry.id)
