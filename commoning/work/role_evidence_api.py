"""API of what the roles page and a contribution's evidence show, under /api/work/: a commons'
maintainers now, its role changes a page at a time, recalls and lapses; a contribution's evidence
files, and uploading one (its author only, 5 MB at most). Thin: actions write, access reads."""

from typing import Literal

from django.http import Http404
from ninja import Field, File, Router, Schema, Status, UploadedFile
from ninja.pagination import paginate

from commoning.accounts.actions import default_network
from commoning.apikit import Keyed, KeysetPagination, TokenAuth, error
from commoning.commons.access import get_commons
from commoning.work import access, actions, role_actions

router = Router(tags=["work"])


def _commons_or_404(commons_id: str):
    commons = get_commons(default_network() or "", commons_id[:64])
    if commons is None:
        raise Http404("no such commons")
    return commons


class MaintainerOut(Schema):
    member_id: str
    rule: Literal["earned", "appointed"] = Field(description="How the role was granted.")
    granted_ts: int
    lapsed: bool = Field(description="Inactive past the rules' limit; the lapse can be recorded.")


class MaintainersOut(Schema):
    founder_id: str = Field(description="The founder, a maintainer of the commons always.")
    maintainers: list[MaintainerOut]


class RoleChangeOut(Schema):
    id: str
    member_id: str
    change: Literal["grant", "revoke"]
    rule: Literal["earned", "appointed", "recall", "inactivity"] = Field(
        description="The rule that caused the change."
    )
    reason: str
    author_id: str
    ts: int
    void: bool = Field(description="Made after its author's own role was recalled: no effect.")


class RecallIn(Schema):
    member: str
    reason: str


class LapseIn(Schema):
    member: str


class EntryIdOut(Schema):
    id: str


class EvidenceOut(Schema):
    id: str
    contribution_id: str
    member_id: str
    name: str
    media_type: str
    size: int = Field(description="Bytes.")
    ts: int
    url: str = Field(description="Where the file downloads (always as an attachment).")


@router.get("/commons/{commons_id}/maintainers", response=MaintainersOut)
def list_maintainers(request, commons_id: str):
    """Who maintains a commons now: its founder, and every standing grant (lapsed ones marked)."""
    commons = _commons_or_404(commons_id)
    return {
        "founder_id": commons.founder_id,
        "maintainers": [
            {
                "member_id": view.member_id,
                "rule": view.grant.rule,
                "granted_ts": view.grant.ts,
                "lapsed": view.lapsed,
            }
            for view in access.maintainers(commons.id)
        ],
    }


@router.get("/commons/{commons_id}/roles", response=list[RoleChangeOut])
@paginate(KeysetPagination)
def list_role_changes(request, commons_id: str):
    """Every role change of a commons (grants, recalls, lapses), newest first, a page at a time."""
    return access.role_history(_commons_or_404(commons_id).id)


@router.post("/commons/{commons_id}/roles/recall", response={201: EntryIdOut}, auth=TokenAuth())
def recall(request, commons_id: str, payload: RecallIn):
    """Recall a maintainer's role (another maintainer), with the reason."""
    entry_id = role_actions.recall_maintainer(
        request.auth, commons_id[:64], payload.member[:64], reason=payload.reason
    )
    return Status(201, {"id": entry_id})


@router.post("/commons/{commons_id}/roles/lapse", response={201: EntryIdOut}, auth=TokenAuth())
def record_lapse(request, commons_id: str, payload: LapseIn):
    """Record that a maintainer's role lapsed by inactivity (rules-led commons, any member)."""
    entry_id = role_actions.record_lapse(request.auth, commons_id[:64], payload.member[:64])
    return Status(201, {"id": entry_id})


def _evidence_out(evidence) -> dict:
    return {
        "id": evidence.id,
        "contribution_id": evidence.contribution_id,
        "member_id": evidence.member_id,
        "name": evidence.name,
        "media_type": evidence.media_type,
        "size": evidence.size,
        "ts": evidence.ts,
        "url": f"/work/evidence/{evidence.id}/",
    }


@router.get("/contributions/{contribution_id}/evidence", response=list[EvidenceOut])
@paginate(KeysetPagination)
def list_evidence(request, contribution_id: str):
    """The evidence files of a contribution, oldest first, a page at a time."""
    rows = access.evidence_of(contribution_id[:64])
    return Keyed(rows, lambda page: [_evidence_out(row) for row in page])


@router.post(
    "/contributions/{contribution_id}/evidence", response={201: EvidenceOut}, auth=TokenAuth()
)
def upload_evidence(request, contribution_id: str, file: File[UploadedFile]):
    """Attach a file (multipart field `file`, 5 MB at most) to your own contribution."""
    if file.size > actions.EVIDENCE_MAX_BYTES:
        return error(413, "too_large", "the file is larger than 5 MB")
    evidence = actions.attach_evidence(
        request.auth,
        contribution_id[:64],
        name=file.name or "evidence",
        body=file.read(),
        media_type=file.content_type or "",
    )
    return Status(201, _evidence_out(evidence))
