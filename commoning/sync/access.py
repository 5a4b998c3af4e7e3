"""The only permission-checked reads of sync: the peers of the network this node serves, for
its operators alone (members and visitors get the same refusal)."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from commoning.accounts.access import account_for
from commoning.accounts.operators import is_operator
from commoning.sync.models import Peer


class NotAnOperator(PermissionDenied):
    """Only this node's operators manage its peers, sync and bundles."""


def operator_net(user) -> str:
    """The network an operator manages (NotAnOperator for anyone else, NotAMember if none)."""
    if not is_operator(user):
        raise NotAnOperator(_("Only this node's operators manage its peers."))
    return account_for(user).net


def peers_for(user):
    """Peers of the network the operator's login belongs to."""
    return Peer.objects.filter(net=operator_net(user))


def get_peer(user, peer_id: int) -> Peer | None:
    """One peer, or None: the same answer whether it is another network's or does not exist."""
    return peers_for(user).filter(id=peer_id).first()
