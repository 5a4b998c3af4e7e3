"""The only permission-checked reads of sync: the peers of the network a login belongs to."""

from commoning.accounts.access import account_for
from commoning.sync.models import Peer


def peers_for(user):
    """Peers of the network the member's login belongs to (NotAMember if none)."""
    account = account_for(user)
    return Peer.objects.filter(net=account.net)


def get_peer(user, peer_id: int) -> Peer | None:
    """One peer, or None: the same answer whether it is another network's or does not exist."""
    return peers_for(user).filter(id=peer_id).first()
