"""API of accounts: the network, its members, and the member behind the token."""

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from commoning.accounts import access, actions, passwords
from commoning.accounts.names import member_handle
from commoning.apikit import KeysetPagination, TokenAuth
from commoning.log.models import Network
from commoning.work.standing_api import MemberStandingOut, standing_out

router = Router(tags=["members"])


class NetworkOut(Schema):
    id: str
    name: str
    created_ts: int


class MemberOut(Schema):
    id: str
    name: str
    handle: str = Field(description="Short handle from the member id, shown beside the name.")
    custody: str
    created_ts: int

    @staticmethod
    def resolve_handle(member) -> str:
        return member_handle(member.id)


class PasswordChangeIn(Schema):
    current_password: str
    new_password: str


class PasswordChangedOut(Schema):
    message: str


class ProfileIn(Schema):
    name: str | None = None
    bio: str | None = None


def _net() -> str:
    net = actions.default_network()
    if net is None:
        raise Http404(_("This node serves no network yet."))
    return net


@router.get("/network", response=NetworkOut)
def network(request):
    """The network this node serves: its id and name."""
    return Network.objects.get(id=_net())


@router.get("/members", response=list[MemberOut])
@paginate(KeysetPagination)
def members(request):
    """The members of the network, a page at a time."""
    return access.members_of(_net())


class MemberDetailOut(MemberOut):
    standing: MemberStandingOut = Field(
        description="Roles held, validated work and where to find recent contributions."
    )

    @staticmethod
    def resolve_standing(member) -> dict:
        return standing_out(member.id)


@router.get("/members/{member_id}", response=MemberDetailOut)
def member(request, member_id: str):
    """One member by id: name, bio and when they joined."""
    found = access.get_member(_net(), member_id[:64])
    if found is None:
        raise Http404(_("No such member."))
    return found


@router.get("/me", response=MemberOut, auth=TokenAuth())
def me(request):
    """The member your token acts as."""
    return access.member_for(request.auth)


@router.post("/me/profile", response=MemberOut, auth=TokenAuth())
def update_profile(request, payload: ProfileIn):
    """Change your display name or bio: a signed profile entry."""
    actions.update_profile(request.auth, name=payload.name, bio=payload.bio)
    return access.member_for(request.auth)


@router.post("/me/password", response=PasswordChangedOut, auth=TokenAuth())
def change_password(request, payload: PasswordChangeIn):
    """Change the password; the current one is required even with a valid token."""
    passwords.change_password(
        request.auth,
        current_password=payload.current_password,
        new_password=payload.new_password,
        request=request,
    )
    return {"message": _("Password changed.")}
