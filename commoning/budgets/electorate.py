"""Who may do what in a round, as the association stood when the round opened.

The association app keeps the roster as a small DAG of its own; a round names in its deps the
roster heads its steward's node knew, and everything a round's rules ask (is this a steward, a
member, a teller?) is answered from that frozen view, never from the present, so a member who
joins after the round opened cannot vote in it however they date their join.
"""

from commoning.log.registry import Rejected


def heads_of(entry) -> list[str]:
    """The roster entries among an entry's deps."""
    from commoning.association.roster import roster_heads_of

    return sorted(roster_heads_of(entry))


def current_heads(net: str) -> list[str]:
    from commoning.association.roster import current_heads as roster_current_heads

    return list(roster_current_heads(net))


def view(net: str, heads) -> object | None:
    """The association seen through these roster heads, or None when no association is in
    that past."""
    from commoning.association.roster import view_at

    if not heads:
        return None
    try:
        seen = view_at(net, sorted(heads))
    except (Rejected, LookupError, ValueError):
        return None
    return seen if seen is not None and seen.founded else None


def round_view(round_row) -> object | None:
    """The association frozen at a round's opening."""
    return view(round_row.net, round_row.roster_heads.split(","))
