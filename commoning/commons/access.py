"""The only reads of commons that views, API and CLI use."""

from commoning.commons.models import Commons
from commoning.core.fields import HEX_ID
from commoning.log.models import Entry


def commons_in(net: str, search: str = ""):
    """The commons of a network, newest first; `search` keeps those whose name contains it."""
    queryset = Commons.objects.filter(net=net).order_by("-created_ts", "id")
    if search:
        queryset = queryset.filter(name__icontains=search)
    return queryset


def get_commons(net: str, commons_id: str) -> Commons | None:
    """A commons of this network, or None (the same for 'absent', 'other network' and 'not an
    id at all', so a malformed id never reaches the database)."""
    if not isinstance(commons_id, str) or not HEX_ID.match(commons_id):
        return None
    return Commons.objects.filter(net=net, id=commons_id).first()


def may_edit(member_id: str | None, commons: Commons) -> bool:
    """Whether a member may change a commons' record. Founder-led for now, as the
    `commons.update` rule says; pages use this to offer the edit form only to those who may.
    """
    return member_id is not None and commons.founder_id == member_id


def founded_by(net: str, member_id: str):
    return Commons.objects.filter(net=net, founder_id=member_id).order_by("-created_ts", "id")


def history_of(commons: Commons):
    """The entries that made a commons what it is: its creation and every update naming it."""
    # `deps` is stored as JSON text; an update lists the commons it changes there.
    updates = Entry.objects.filter(
        net=commons.net, type="commons.update", deps__contains=commons.id
    )
    return (Entry.objects.filter(net=commons.net, id=commons.id) | updates).order_by("-apply_order")
