"""The association's one door to decisions: `outcome_of` from the decisions app (contract).

Kept in one place so the roster rule reads decisions the same way everywhere, and so this app
still imports on a branch where the decisions app is not installed yet.
"""

from commoning.log.registry import Rejected


def outcome_of(net: str, close_id: str):
    """The outcome of a decision's close entry, or None if that id is no valid close."""
    try:
        from commoning.decisions.outcome import outcome_of as decisions_outcome_of
    except ImportError as missing:
        raise Rejected("this node cannot read decisions") from missing
    return decisions_outcome_of(net, close_id)


def close_ts(close_id: str) -> int:
    """The ts of an applied close (the order of concurrent enactments). Read from the decisions
    app's projection: during an ingest batch the log's own row may not be written yet."""
    from commoning.decisions.models import Close

    return Close.objects.filter(id=close_id).values_list("ts", flat=True).get()


def register_effects() -> None:
    """Tell the decisions app which effects the association enacts (when it is installed)."""
    try:
        from commoning.decisions import effects
    except ImportError:
        return
    from commoning.association.events import check_effect

    effects.register("statutes", check_effect)
    effects.register("elect", check_effect)
