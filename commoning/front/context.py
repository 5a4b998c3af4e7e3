"""Template context every page gets: the network this node serves, the member logged in, and
whether that login operates this node (which shows the links to node management)."""

from commoning.accounts.actions import default_network
from commoning.accounts.models import Account, Member
from commoning.accounts.operators import is_operator
from commoning.log.models import Network


def node_context(request):
    net_id = default_network()
    network = Network.objects.filter(id=net_id).first() if net_id else None
    member = None
    if getattr(request, "user", None) is not None and request.user.is_authenticated:
        account = Account.objects.filter(user=request.user).first()
        if account:
            member = Member.objects.filter(id=account.member_id).first()
    return {"network": network, "current_member": member,
            "is_operator": is_operator(getattr(request, "user", None))}
