"""Listings in the search box: found by title and description while open; a withdrawn listing
drops out of search (its document is dropped). The triggers that queue listings are installed
by this app's migration 0002_search_triggers."""

from django.utils.translation import gettext_lazy as _

from commoning.market.models import Listing
from commoning.search.kinds import itself, link_to, named, named_by
from commoning.search.registry import Document, SearchKind, register_kind
from commoning.search.text import bodies


def listing_documents(ids):
    rows = list(Listing.objects.filter(id__in=ids, open=True).values_list(
        "id", "net", "title", "description_hash", "author_id", "created_ts"))
    texts = bodies(row[3] for row in rows)
    return [
        Document(net, object_id, title, texts.get(description_hash, ""), created_ts,
                 member_id=author_id)
        for object_id, net, title, description_hash, author_id, created_ts in rows
    ]


register_kind(SearchKind(
    "listing", lambda: _("Offer or want"), lambda: _("Offers and wants"), listing_documents,
    named_by({"market.listing": itself, "market.edit": named("listing")}),
    link_to("market_listing")))
