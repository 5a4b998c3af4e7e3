"""API of an artifact's files, under /api/work/: list them a page at a time, and upload one
(multipart field `file`, 5 MB at most, any member who may revise the artifact). Thin:
artifact_actions write, access reads."""

from django.http import Http404
from ninja import Field, File, Router, Schema, Status, UploadedFile
from ninja.pagination import paginate

from commoning.accounts.actions import default_network
from commoning.apikit import Keyed, KeysetPagination, TokenAuth, error
from commoning.work import access, artifact_actions
from commoning.work.events.artifact_files import ARTIFACT_FILE_MAX, PREVIEWABLE_MEDIA_TYPES

router = Router(tags=["work"])


class ArtifactFileOut(Schema):
    id: str
    artifact_id: str
    member_id: str
    name: str
    media_type: str
    size: int = Field(description="Bytes.")
    ts: int
    url: str = Field(description="Where the file is served.")
    preview: bool = Field(description="An image served inline (png, jpeg, gif, webp); "
                          "every other file downloads as an attachment.")


def _file_out(row) -> dict:
    return {
        "id": row.id,
        "artifact_id": row.artifact_id,
        "member_id": row.member_id,
        "name": row.name,
        "media_type": row.media_type,
        "size": row.size,
        "ts": row.ts,
        "url": f"/work/files/{row.id}/",
        "preview": row.media_type in PREVIEWABLE_MEDIA_TYPES,
    }


def _artifact_or_404(artifact_id: str):
    artifact = access.get_artifact(default_network() or "", artifact_id[:64])
    if artifact is None:
        raise Http404("no such artifact")
    return artifact


@router.get("/artifacts/{artifact_id}/files", response=list[ArtifactFileOut])
@paginate(KeysetPagination)
def list_artifact_files(request, artifact_id: str):
    """The files of an artifact, oldest first, a page at a time."""
    rows = access.files_of(_artifact_or_404(artifact_id).id)
    return Keyed(rows, lambda page: [_file_out(row) for row in page])


@router.post(
    "/artifacts/{artifact_id}/files", response={201: ArtifactFileOut}, auth=TokenAuth()
)
def upload_artifact_file(request, artifact_id: str, file: File[UploadedFile]):
    """Attach a file (multipart field `file`, 5 MB at most) to an artifact: a drawing, CAD
    model, STL, PDF or photo. A media type off the allow-list is kept as a plain download."""
    if file.size > ARTIFACT_FILE_MAX:
        return error(413, "too_large", "the file is larger than 5 MB")
    row = artifact_actions.attach_artifact_file(
        request.auth,
        artifact_id[:64],
        name=file.name or "file",
        body=file.read(),
        media_type=file.content_type or "",
    )
    return Status(201, _file_out(row))
