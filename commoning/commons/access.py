"""The only reads of commons that views, API and CLI use."""

from commoning.commons.models import Commons


def commons_in(net: str):
    return Commons.objects.filter(net=net).order_by("-created_ts", "id")


def get_commons(net: str, commons_id: str) -> Commons | None:
    """A commons of this network, or None (the same for 'absent' and 'other network')."""
    return Commons.objects.filter(net=net, id=commons_id).first()
