"""Who a decision belongs to: the association as the proposal's roster deps saw it (frozen).

The association app keeps the roster chain (commoning/association/roster.py); a proposal lists
the roster heads its node knew, and `view_at` of those heads gives the same members, stewards
and tellers on every node, however late anyone dated a join.
"""

from math import ceil


def view_of(net: str, roster_heads):
    from commoning.association.roster import view_at

    return view_at(net, list(roster_heads))


def roster_heads_in(entry) -> list[str]:
    from commoning.association.roster import roster_heads_of

    return sorted(roster_heads_of(entry))


def current_roster_heads(net: str) -> list[str]:
    from commoning.association.roster import current_heads

    return list(current_heads(net))


def quorum_from_percent(percent: int, electorate_size: int) -> int:
    """Ballots needed for a quorum of `percent` of the electorate, rounded up (so "at least")."""
    return ceil(percent * electorate_size / 100)
