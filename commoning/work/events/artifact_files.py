"""Entry type `work.artifact_file`: a file (drawing, CAD, STL, PDF, photo...) attached to an
artifact. The file is the entry's attachment; the data names the artifact, the file's name and
its media type, which must be one of FILE_MEDIA_TYPES.

Rules read only the entry and its causal past (see commoning.work.events)."""

from commoning.core import fields
from commoning.log.registry import Rejected
from commoning.work.events.common import member_of, row_named
from commoning.work.models import Artifact, ArtifactFile

ARTIFACT_FILE_MAX = 5 * 1024 * 1024  # bytes: the same bound as evidence files
FILE_NAME_MAX = 200

# The media types an artifact file may carry. An allow-list, not a pattern: the node serves
# these files back, and what it serves inline must be known to be harmless.
FILE_MEDIA_TYPES = frozenset({
    "image/png", "image/jpeg", "image/gif", "image/webp",
    "image/svg+xml",  # served as a download only: SVG can carry script
    "application/pdf",
    "model/stl", "application/sla",  # STL meshes (3D printing)
    "model/step", "application/step", "model/iges", "application/iges",  # CAD exchange
    "image/vnd.dxf", "application/dxf",  # 2D drawings
    "text/plain", "text/csv", "text/markdown",
    "application/zip",
    "application/octet-stream",  # anything else, always a download
})

# The only types a page shows inline (an <img> served from the node); everything else downloads.
PREVIEWABLE_MEDIA_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp"})


def check_artifact_file(entry):
    """The artifact exists in this network and is in deps; its author may revise it (any member
    of the network, as for `work.revision`: the registry refuses keys of no member); the name and
    the media type are bounded, the type allowed; the file is the attachment, bounded in size."""
    fields.only_fields(entry.data, {"artifact", "name", "media_type"},
                       {"artifact", "name", "media_type"})
    row_named(entry, Artifact, "artifact", "artifact")
    fields.text(entry.data, "name", max_length=FILE_NAME_MAX)
    if entry.data["media_type"] not in FILE_MEDIA_TYPES:
        raise Rejected("the media type is not one an artifact file may have")
    if entry.att is None:
        raise Rejected("an artifact file carries its file as the entry's attachment")
    if not isinstance(entry.att.get("size"), int) or not 0 < entry.att["size"] <= ARTIFACT_FILE_MAX:
        raise Rejected(f"an artifact file holds 1 to {ARTIFACT_FILE_MAX} bytes")


def apply_artifact_file(entry):
    ArtifactFile.objects.create(
        id=entry.id,
        net=entry.net,
        artifact_id=entry.data["artifact"],
        member_id=member_of(entry),
        name=entry.data["name"],
        media_type=entry.data["media_type"],
        file_hash=entry.att["hash"],
        size=entry.att["size"],
        ts=entry.ts,
    )
