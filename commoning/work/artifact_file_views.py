"""Pages of an artifact's files: upload one (a multipart form on the artifact page, refusals
shown in place with their 4xx) and download one. Only png/jpeg/gif/webp are served inline (the
page's <img> previews, from the node itself, so the CSP's img-src 'self' holds); everything else,
SVG included, is a download. Thin: artifact_actions write, access reads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from commoning.front.forms import add_action_error
from commoning.front.prg import action_of, see_other
from commoning.log.append import attachment_bytes
from commoning.work import access, artifact_actions, forms
from commoning.work.artifact_views import _artifact_or_404, _artifact_url, artifact_page
from commoning.work.events.artifact_files import (
    ARTIFACT_FILE_MAX,
    FILE_MEDIA_TYPES,
    PREVIEWABLE_MEDIA_TYPES,
)
from commoning.work.page_kit import ACTION_ERRORS, commons_or_404, net_or_404, refusal_status


def _files_url(artifact_id: str) -> str:
    return reverse("work_artifact", args=[artifact_id[:64]]) + "#files"


@login_required
@action_of(_files_url)
def artifact_file_upload(request, artifact_id: str):
    """Attach an uploaded file to an artifact (a multipart form, no JavaScript)."""
    artifact = _artifact_or_404(artifact_id)
    commons = commons_or_404(request.POST.get("commons") or artifact.commons_id)
    form = forms.ArtifactFileForm(request.POST, request.FILES)
    if not form.is_valid():
        return artifact_page(request, artifact, commons, file_form=form, status=400)
    upload = form.cleaned_data["file"]
    if upload.size > ARTIFACT_FILE_MAX:
        form.add_error("file", _("The file is larger than 5 MB."))
        return artifact_page(request, artifact, commons, file_form=form, status=413)
    try:
        artifact_actions.attach_artifact_file(
            request.user,
            artifact.id,
            name=upload.name or "file",
            body=upload.read(),
            media_type=upload.content_type or "",
        )
    except ACTION_ERRORS as error:
        add_action_error(form, error)
        status = refusal_status(request, error)
        return artifact_page(request, artifact, commons, file_form=form, status=status)
    messages.success(request, _("File attached."))
    return see_other(_artifact_url(artifact, commons) + "#files")


def artifact_file(request, file_id: str):
    """One artifact file. Its Content-Type comes from the allow-list (never from the upload as
    such), nosniff always; a previewable image is served inline, anything else as an attachment
    in a sandbox, so nothing a member uploads runs in the node's own origin."""
    row = access.get_artifact_file(net_or_404(), file_id[:64])
    body = attachment_bytes(row.file_hash) if row is not None else None
    if body is None:
        raise Http404("no such file here (not received yet, or erased)")
    media_type = row.media_type if row.media_type in FILE_MEDIA_TYPES else (
        "application/octet-stream"
    )
    inline = media_type in PREVIEWABLE_MEDIA_TYPES
    response = HttpResponse(body, content_type=media_type)
    response["Content-Disposition"] = content_disposition_header(not inline, row.name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response
