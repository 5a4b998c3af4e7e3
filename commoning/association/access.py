"""The reads of the association: the view this node knows now, a page of its members (keyset by
member id), and the history of its statutes. Everything here is public to the network."""

from commoning.association import roster
from commoning.core.fields import HEX_ID

MEMBERS_PAGE = 50


def current_view(net: str) -> roster.AssociationView:
    """What this node knows now: the view of every roster head it holds."""
    return roster.view_at(net, roster.every_head(net))


def members_page(view: roster.AssociationView, *, after: str = "", limit: int = MEMBERS_PAGE):
    """(member ids after `after` in id order, up to `limit`; the id to continue after, or "").

    `after` is a member id (64 hex) or empty; anything else starts from the beginning. The view
    is memoised, so a page sorts what it already holds and reads no history."""
    after = after if isinstance(after, str) and HEX_ID.match(after) else ""
    ordered = sorted(member for member in view.members if member > after)
    page = ordered[:limit]
    return page, (page[-1] if len(ordered) > limit else "")


def statutes_history(view: roster.AssociationView) -> list[dict]:
    """Every version of the statutes in this view, the newest first."""
    return [
        {"version": version, "statutes": statutes.as_dict(), "entry": entry_id,
         "decision": close_id}
        for version, statutes, entry_id, close_id in reversed(view.statutes_history)
    ]
