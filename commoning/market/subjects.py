"""A listing is a subject of conversation: replies to an offer or a want are a talk thread on
its page, and its author is told of them (talk.subjects)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from commoning.market.models import Listing
from commoning.talk.subjects import Subject, register


def find_listing(net: str, subject_id: str) -> Subject | None:
    row = Listing.objects.filter(id=subject_id, net=net).values_list("title", "author_id").first()
    if row is None:
        return None
    return Subject("listing", subject_id, row[0], reverse("market_listing", args=[subject_id]),
                   row[1])


register("listing", find_listing, noun=_("listing"), page="market_listing")
