"""The only reads of the market that views, API and CLI use. Reads that decide what someone
may do take that someone; every "absent" answers the same as "not yours"."""

from dataclasses import dataclass

from django.db.models import Q

from commoning.core.fields import HEX_ID
from commoning.market.models import Agreement, Listing
from commoning.market.words import CATEGORIES, KINDS, SIDES

PLACE_SEARCH_MAX = 60


@dataclass(frozen=True)
class ListingFilter:
    """What a member narrows the marketplace by; each field empty means "any"."""

    side: str = ""
    kind: str = ""
    category: str = ""
    place: str = ""
    currency: str = ""  # a currency id, or "gift"

    @classmethod
    def from_query(cls, query) -> "ListingFilter":
        """From a query string; unknown values are dropped (a filter never refuses a page)."""

        def known(name, allowed):
            value = query.get(name, "")
            return value if value in allowed else ""

        currency = query.get("currency", "")
        if currency != "gift" and not HEX_ID.match(currency or ""):
            currency = ""
        return cls(
            side=known("side", SIDES),
            kind=known("kind", KINDS),
            category=known("category", CATEGORIES),
            place=query.get("place", "").strip()[:PLACE_SEARCH_MAX],
            currency=currency,
        )

    def as_query(self) -> dict:
        return {name: value for name, value in vars(self).items() if value}


def open_listings(net: str, wanted: ListingFilter = ListingFilter()):
    """Open listings of a network, newest first, narrowed by `wanted`; ordered by keys ending
    with the id, so pages walk by keys (the index market_recent_idx serves it)."""
    queryset = Listing.objects.filter(net=net, open=True)
    for field in ("side", "kind", "category"):
        if getattr(wanted, field):
            queryset = queryset.filter(**{field: getattr(wanted, field)})
    if wanted.place:
        queryset = queryset.filter(place__icontains=wanted.place)
    if wanted.currency == "gift":
        queryset = queryset.filter(currency_id="")
    elif wanted.currency:
        queryset = queryset.filter(currency_id=wanted.currency)
    return queryset.order_by("-created_ts", "-id")


def listings_of(net: str, member_id: str):
    """A member's own listings, open and withdrawn, newest first."""
    return Listing.objects.filter(net=net, author_id=member_id).order_by("-created_ts", "-id")


def get_listing(net: str, listing_id) -> Listing | None:
    if not isinstance(listing_id, str) or not HEX_ID.match(listing_id):
        return None
    return Listing.objects.filter(net=net, id=listing_id).first()


def may_edit(member_id: str | None, listing: Listing) -> bool:
    """As the `market.edit` rule says: only its author."""
    return member_id is not None and listing.author_id == member_id


def agreements_of(net: str, member_id: str):
    """The agreements a member is a party to, newest first."""
    return Agreement.objects.filter(
        Q(proposer_id=member_id) | Q(party_id=member_id), net=net
    ).order_by("-created_ts", "-id")


def agreements_on(listing: Listing, member_id: str | None):
    """The agreements on a listing that this member may see: its author sees them all, anyone
    else only their own (an agreement is the two parties' business)."""
    if member_id is None:
        return Agreement.objects.none()
    queryset = Agreement.objects.filter(net=listing.net, listing_id=listing.id)
    if listing.author_id != member_id:
        queryset = queryset.filter(Q(proposer_id=member_id) | Q(party_id=member_id))
    return queryset.order_by("-created_ts", "-id")[:50]


def get_agreement(net: str, member_id: str | None, agreement_id) -> Agreement | None:
    """An agreement this member is a party to, or None (alike for absent and not theirs)."""
    if member_id is None or not isinstance(agreement_id, str) or not HEX_ID.match(agreement_id):
        return None
    return Agreement.objects.filter(
        Q(proposer_id=member_id) | Q(party_id=member_id), net=net, id=agreement_id
    ).first()


def listings_by_id(net: str, listing_ids) -> dict:
    return {listing.id: listing
            for listing in Listing.objects.filter(net=net, id__in=set(listing_ids))}


def repliers(listing: Listing) -> list[str]:
    """Members who replied in the listing's thread (its author may agree with one of them)."""
    from commoning.talk.models import Comment

    return list(
        Comment.objects.filter(net=listing.net, subject_id=listing.id)
        .exclude(author_id=listing.author_id)
        .values_list("author_id", flat=True).distinct()[:50]
    )
