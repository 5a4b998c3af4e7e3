"""What every page of peer production shares: the network and commons looked up or a 404, the
signed-in member, names for ids, and the 4xx of a refused action."""

from django.http import Http404

from commoning.accounts import security
from commoning.accounts.access import NotAMember
from commoning.accounts.actions import default_network
from commoning.accounts.models import Account, Member
from commoning.commons.access import get_commons
from commoning.core.fields import FieldError
from commoning.front.errors import error_page
from commoning.log.registry import Rejected

ACTION_ERRORS = (FieldError, Rejected, NotAMember)


def net_or_404():
    net = default_network()
    if net is None:
        raise Http404("this node serves no network yet")
    return net


def commons_or_404(commons_id):
    commons = get_commons(net_or_404(), commons_id[:64])
    if commons is None:
        raise Http404("no such commons")
    return commons


def member_id_of(user) -> str | None:
    if not user.is_authenticated:
        return None
    return Account.objects.filter(user=user).values_list("member_id", flat=True).first()


def names_of(ids) -> dict:
    return dict(Member.objects.filter(id__in=[i for i in ids if i]).values_list("id", "name"))


def refusal_status(request, error, status=None) -> int:
    """The 4xx of an action's refusal (403 for permission, 409 conflict...); a 403 is recorded
    in the security log."""
    status = (
        status or getattr(error, "status", None) or (403 if isinstance(error, NotAMember) else 400)
    )
    if status == 403:
        security.record("access:work:denied", request=request, detail=str(error)[:200])
    return status


def refused_page(request, error, status=None):
    """Show why an action was refused, with its status, on a page of its own."""
    status = refusal_status(request, error, status)
    return error_page(request, getattr(error, "reason", None) or str(error), status)
