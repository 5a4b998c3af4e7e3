"""Test helper of the issue-13 contract: an association made through the real actions."""

from commoning.accounts.access import account_for
from commoning.accounts.operators import grant
from commoning.association import actions, roster
from commoning.association.statutes import Statutes


def make_association(net, founder_user, members=(), stewards=(), tellers=(),
                     statutes=None) -> roster.AssociationView:
    """Found the association (the founding names the first stewards and tellers, who become
    members with the founder), then every other user in `members` joins; with an approval
    join rule, the first members approve each join until it counts."""
    grant(founder_user.username, by="test")  # founding is an operator's act on its node
    steward_ids = [account_for(user).member_id for user in stewards]
    teller_ids = [account_for(user).member_id for user in tellers]
    if statutes is None:
        statutes = Statutes(stewards_count=max(len(steward_ids), 1),
                            payment_approvals=max(len(steward_ids), 1) // 2 + 1
                            if steward_ids else 1)
    actions.found_association(founder_user, name="Valley Association", statutes=statutes,
                              stewards=steward_ids, tellers=teller_ids)
    insiders = {account_for(user).member_id: user for user in (founder_user, *stewards, *tellers)}
    for user in members:
        member_id = account_for(user).member_id
        if member_id in insiders:
            continue
        join_id = actions.join_association(user)
        if statutes.join_rule == "approval":
            for approver in list(insiders.values())[: statutes.join_approvals]:
                actions.approve_join(approver, join_id)
        insiders[member_id] = user
    return roster.view_at(net, roster.current_heads(net))
