"""API of the association: the view this node knows, its members (keyset-paged), the history of
its statutes, and join, approve, leave. Writes need a token and take an Idempotency-Key."""

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from commoning.accounts.actions import default_network
from commoning.apikit import TokenAuth
from commoning.association import access, actions
from commoning.association.roster import current_heads
from commoning.core.fields import HEX_ID

router = Router(tags=["association"])
PAGE_MAX = 100


class AssociationOut(Schema):
    founded: bool
    id: str
    name: str
    members_count: int
    stewards: list[str]
    tellers: list[str]
    statutes: dict
    statutes_version: int
    heads: list[str]


class MemberOut(Schema):
    id: str
    roles: list[str]


class MembersPage(Schema):
    items: list[MemberOut]
    next: str | None = Field(
        None, description="Pass as ?cursor= for the next page; null at the end."
    )


class JoinOut(Schema):
    id: str = Field(description="The id of the join entry (what approvals name).")
    member: bool = Field(description="Whether the join already counts (open join rule).")


def _net() -> str:
    net = default_network()
    if net is None:
        raise Http404(_("This node serves no network yet."))
    return net


def _founded():
    view = access.current_view(_net())
    if not view.founded:
        raise Http404(_("This network has no association yet."))
    return view


@router.get("", response=AssociationOut)
def get_association(request):
    """The association as this node knows it now: statutes, roles, and the roster heads."""
    view = _founded()
    return {"founded": True, "id": view.association_id, "name": view.name,
            "members_count": len(view.members), "stewards": sorted(view.stewards),
            "tellers": sorted(view.tellers), "statutes": view.statutes.as_dict(),
            "statutes_version": view.statutes_version, "heads": current_heads(_net())}


@router.get("/members", response=MembersPage)
def list_members(request, cursor: str = "", limit: int = 50, after: str = ""):
    """Members in id order with their roles; ?cursor= the `next` of the previous page, which is
    the last member id shown (ids are public, so the cursor is the id itself; ?after= is the
    same, kept for callers that used it)."""
    after = cursor or after
    if after and not (len(after) == 64 and HEX_ID.match(after)):
        raise HttpError(400, _("after must be a member id."))
    view = _founded()
    page, next_after = access.members_page(view, after=after, limit=max(1, min(limit, PAGE_MAX)))
    return {"items": [{"id": member, "roles": view.roles_of(member)} for member in page],
            "next": next_after or None}


class StatutesPage(Schema):
    items: list[dict]
    next: str | None = Field(
        None, description="Pass as ?cursor= for the next (older) page; null at the end."
    )


@router.get("/statutes", response=StatutesPage)
def statutes_history(request, cursor: str = "", limit: int = 20):
    """Versions of the statutes, the newest first, with the entry and decision that set each;
    ?cursor= the `next` of the previous page (the last version number shown)."""
    if cursor and not (cursor.isascii() and cursor.isdigit() and len(cursor) < 10):
        raise HttpError(400, _("cursor must be a version number."))
    limit = max(1, min(limit, PAGE_MAX))
    versions = access.statutes_history(_founded())
    if cursor:
        versions = [version for version in versions if version["version"] < int(cursor)]
    page = versions[:limit]
    more = len(versions) > limit
    return {"items": page, "next": str(page[-1]["version"]) if more and page else None}


@router.post("/join", response={201: JoinOut}, auth=TokenAuth())
def join(request):
    """Join (open rule) or ask to join (approval rule): an `association.join` entry."""
    join_id = actions.join_association(request.auth)
    view = access.current_view(_net())
    member_id = actions.account_of_member_user(request.auth)
    return Status(201, {"id": join_id, "member": member_id in view.members})


@router.post("/joins/{join_id}/approve", response={201: dict}, auth=TokenAuth())
def approve(request, join_id: str):
    """Approve a member's request to join (members of the association only)."""
    return Status(201, {"id": actions.approve_join(request.auth, join_id)})


@router.post("/leave", response={201: dict}, auth=TokenAuth())
def leave(request):
    """Leave the association."""
    return Status(201, {"id": actions.leave_association(request.auth)})
