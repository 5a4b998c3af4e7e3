"""Demo data of the association: the valley network's for-benefit association, with its eight
members, three stewards, two tellers and statutes where two stewards approve each payment.
Decisions, the treasury and budgeting rounds of the demo build on it (`seed_association`)."""

from commoning.accounts.access import account_for
from commoning.association import actions, roster
from commoning.association.statutes import Statutes

ASSOCIATION_NAME = "Valley Commons Association"
STEWARDS = ("alice", "carol", "gus")
TELLERS = ("hana", "eve")
# Joins need one member's approval; dues of 24.00 EUR a year; 3 stewards, 2 approve a payment.
STATUTES = Statutes(join_rule="approval", join_approvals=1, dues_minor=2400,
                    dues_currency="EUR", stewards_count=3, payment_approvals=2)


def seed_association(users: dict, progress=print) -> roster.AssociationView:
    """Found the association with `users["alice"]` (an operator of the node that founded the
    network) and have every other demo user join, each approved by a steward."""
    ids = {username: account_for(user).member_id for username, user in users.items()}
    view = actions.found_association(
        users["alice"], name=ASSOCIATION_NAME, statutes=STATUTES,
        stewards=[ids[name] for name in STEWARDS], tellers=[ids[name] for name in TELLERS],
    )
    approvers = [users[name] for name in STEWARDS]
    for number, (username, user) in enumerate(sorted(users.items())):
        if ids[username] in view.members:
            continue
        join_id = actions.join_association(user)
        actions.approve_join(approvers[number % len(approvers)], join_id)
    view = _current(users)
    progress(f"association with {len(view.members)} members")
    return view


def _current(users) -> roster.AssociationView:
    net = account_for(next(iter(users.values()))).net
    return roster.view_at(net, roster.current_heads(net))
