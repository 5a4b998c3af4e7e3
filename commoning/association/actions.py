"""The only write paths of the association: found it, join, approve a join, leave, enact a
decision. Each is `@atomic_action` and lists the roster heads this node knows in its deps, as
the roster chain asks (roster.py)."""

from django.utils.translation import gettext as _

from commoning.accounts.access import actor_for
from commoning.accounts.keystore import load_key
from commoning.accounts.models import Account, CustodialKey
from commoning.accounts.operators import is_operator
from commoning.association import roster
from commoning.association.events import MAX_TELLERS, NAME_MAX
from commoning.association.statutes import Statutes
from commoning.core import fields
from commoning.core.entry import MAX_DEPS
from commoning.log.append import append
from commoning.log.atomic import atomic_action
from commoning.log.models import Network
from commoning.log.registry import Forbidden, Rejected


def _member_view(net: str):
    heads = roster.current_heads(net)
    view = roster.view_at(net, heads)
    if not view.founded:
        raise Rejected(_("This network has no association yet."), status=404)
    return heads, view


@atomic_action
def found_association(user, *, name: str, statutes: Statutes | None = None, stewards=(),
                      tellers=()) -> roster.AssociationView:
    """Found the network's association with the network's founder key, which this node must
    hold; `stewards` and `tellers` are member ids (the founder's own when left empty)."""
    net, founder_id, _key = actor_for(user)
    if not is_operator(user):
        raise Forbidden(_("Only an operator of this node may found the association."))
    founder_key = Network.objects.filter(id=net).values_list("founder_key", flat=True).first()
    if not founder_key or not CustodialKey.objects.filter(public_key=founder_key).exists():
        raise Forbidden(_("Only the node that founded the network may found its association."))
    if roster.current_heads(net):
        raise Rejected(_("This network already has its association."), status=409)
    statutes = statutes or Statutes(stewards_count=len(stewards) or 1, payment_approvals=1)
    stewards, tellers = list(stewards) or [founder_id], list(tellers) or [founder_id]
    if len(tellers) > MAX_TELLERS:
        raise fields.FieldError("tellers", _("Too many tellers."))
    data = {
        "name": fields.clean_text(name, "name", max_length=NAME_MAX),
        "statutes": statutes.as_dict(),
        "founder": founder_id,
        "stewards": sorted(stewards),
        "tellers": sorted(tellers),
    }
    deps = sorted({founder_id, *stewards, *tellers})
    if len(deps) > MAX_DEPS:  # the founding lists everyone it names in deps
        raise fields.FieldError("stewards", _("The founding names at most %(count)d people; "
                                              "elect more later.") % {"count": MAX_DEPS})
    entry = append(load_key(founder_key), net=net, type="association.found", data=data,
                   deps=deps)
    return roster.view_at(net, [entry.id])


@atomic_action
def join_association(user) -> str:
    """Join (open), or ask to join (approval): returns the join entry's id."""
    net, member_id, key = actor_for(user)
    heads, view = _member_view(net)
    if member_id in view.members:
        raise Rejected(_("You are already a member of the association."), status=409)
    if any(join[1] == member_id for join in view.pending_joins):
        raise Rejected(_("Your request to join already waits for approvals."), status=409)
    entry = append(key, net=net, type="association.join",
                   data={"association": view.association_id}, deps=heads)
    return entry.id


@atomic_action
def approve_join(user, join_id: str) -> str:
    net, member_id, key = actor_for(user)
    heads, view = _member_view(net)
    if member_id not in view.members:
        raise Forbidden(_("Only members of the association approve joins."))
    if join_id not in {join[0] for join in view.pending_joins}:
        raise Rejected(_("No such request to join waits for approvals."), status=404)
    entry = append(key, net=net, type="association.approve",
                   data={"association": view.association_id, "join": join_id},
                   deps=sorted({*heads, join_id}))
    return entry.id


@atomic_action
def leave_association(user) -> str:
    net, member_id, key = actor_for(user)
    heads, view = _member_view(net)
    if member_id not in view.members:
        raise Rejected(_("You are not a member of the association."), status=409)
    entry = append(key, net=net, type="association.leave",
                   data={"association": view.association_id}, deps=heads)
    return entry.id


@atomic_action
def enact_decision(user, close_id: str) -> roster.AssociationView:
    """Apply what a passed decision decided (a statutes change, an election)."""
    net, member_id, key = actor_for(user)
    heads, view = _member_view(net)
    if member_id not in view.members:
        raise Forbidden(_("Only members of the association enact decisions."))
    if close_id in view.enacted:
        raise Rejected(_("That decision is already enacted."), status=409)
    entry = append(key, net=net, type="association.enact",
                   data={"association": view.association_id, "close": close_id},
                   deps=sorted({*heads, close_id}))
    return roster.view_at(net, [entry.id])


def account_of_member_user(user) -> str:
    """The member id a login acts as."""
    return Account.objects.filter(user=user).values_list("member_id", flat=True).get()
