"""API of commons: list, show, create, update."""

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from commoning.accounts.actions import default_network
from commoning.apikit import KeysetPagination, TokenAuth
from commoning.commons import access, actions
from commoning.log.append import attachment_text

router = Router(tags=["commons"])


class CommonsOut(Schema):
    id: str
    name: str
    licence: str
    description: str | None
    founder_id: str
    created_ts: int
    updated_ts: int

    @staticmethod
    def resolve_description(commons):
        return attachment_text(commons.description_hash)


class CommonsIn(Schema):
    name: str = Field(description="1-120 characters, one line.", examples=["Hand Loom"])
    licence: str = Field(
        description="An SPDX licence identifier or expression.", examples=["CERN-OHL-S-2.0"]
    )
    description: str = Field("", description="The common object and mission; up to 20000.")


class CommonsPatch(Schema):
    """Only the fields given change; a field equal to its current value is left alone."""

    name: str | None = None
    licence: str | None = None
    description: str | None = None


def _net() -> str:
    net = default_network()
    if net is None:
        raise Http404(_("This node serves no network yet."))
    return net


@router.get("", response=list[CommonsOut])
@paginate(KeysetPagination)
def list_commons(request, q: str = ""):
    """Commons of the network, newest first; `q` keeps those whose name contains it."""
    return access.commons_in(_net(), search=q.strip()[:100])


@router.get("/{commons_id}", response=CommonsOut)
def get_commons(request, commons_id: str):
    """One commons, by the id of its `commons.create` entry."""
    commons = access.get_commons(_net(), commons_id)
    if commons is None:
        raise Http404(_("No such commons."))
    return commons


@router.post("", response={201: CommonsOut}, auth=TokenAuth())
def create_commons(request, payload: CommonsIn):
    """Start a commons: a `commons.create` entry signed with your key. Send an Idempotency-Key."""
    return Status(201, actions.create_commons(request.auth, **payload.dict()))


@router.patch("/{commons_id}", response=CommonsOut, auth=TokenAuth())
def update_commons(request, commons_id: str, payload: CommonsPatch):
    """Change a commons' record (its founder only): one `commons.update` entry, or none if
    nothing changes."""
    return actions.update_commons(request.auth, commons_id, **payload.dict())
