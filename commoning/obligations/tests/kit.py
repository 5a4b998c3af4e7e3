"""Helpers of the obligations tests: members' ids, confirmed debts, a cycle of them."""

from commoning.accounts.access import member_for
from commoning.obligations import actions


def member_id(user) -> str:
    return member_for(user).id


def confirmed_debt(creditor, debtor, amount, unit="EUR"):
    """`debtor` owes `creditor` `amount`, recorded and confirmed."""
    obligation = actions.record_obligation(
        creditor, debtor_id=member_id(debtor), amount=amount, unit=unit
    )
    return actions.confirm_obligation(debtor, obligation.id)


def cycle(first, second, third, amounts=(3000, 2000, 2500), unit="EUR"):
    """first owes second, second owes third, third owes first: the amounts given."""
    return [
        confirmed_debt(second, first, amounts[0], unit),
        confirmed_debt(third, second, amounts[1], unit),
        confirmed_debt(first, third, amounts[2], unit),
    ]


def proposal_for(user, unit="EUR"):
    """What `start_run` would write for `user`: (data, deps), for a hostile node to alter."""
    from commoning.accounts.access import signing_key_for
    from commoning.obligations.proposal import propose

    account, key = signing_key_for(user)
    return propose(account.net, unit, key.public_hex)


def head_of(user) -> str:
    """The id of the latest entry on the user's feed: a dep that puts all of it in a past."""
    from commoning.accounts.access import signing_key_for
    from commoning.log.append import feed_head

    account, key = signing_key_for(user)
    return feed_head(account.net, key.public_hex)[1]
