"""API of the market: listings (filtered, keyset-paged), a listing, create and edit one;
agreements: propose, accept, pay from one, list your own. Thin: actions write, access reads."""

from typing import Literal

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from commoning.accounts.access import account_for
from commoning.accounts.actions import default_network
from commoning.apikit import Keyed, KeysetPagination, TokenAuth
from commoning.log.append import attachment_text
from commoning.market import access, actions, payments
from commoning.market.events import DESCRIPTION_MAX, PLACE_MAX, PRICE_MAX, TITLE_MAX
from commoning.market.words import CATEGORIES, KINDS, SIDES

router = Router(tags=["market"])
Side = Literal[tuple(SIDES)]
Kind = Literal[tuple(KINDS)]
Category = Literal[tuple(CATEGORIES)]
ID_MAX = 64


def _net() -> str:
    net = default_network()
    if net is None:
        raise Http404(_("This node serves no network yet."))
    return net


class ListingOut(Schema):
    id: str
    author_id: str
    side: str
    kind: str
    category: str
    title: str
    place: str
    lat_micro: int | None = Field(None, description="Coarse latitude, micro-degrees.")
    lon_micro: int | None = None
    currency_id: str = Field(description="The credit currency of the price; empty for a gift.")
    price_minor: int = Field(description="The price in the currency's minor units.")
    open: bool
    description: str | None
    created_ts: int
    updated_ts: int

    @staticmethod
    def resolve_description(listing):
        return attachment_text(listing.description_hash)


class ListingIn(Schema):
    side: Side
    kind: Kind
    title: str = Field(max_length=TITLE_MAX)
    category: Category
    place: str = Field("", max_length=PLACE_MAX)
    lat: int | None = Field(None, description="Micro-degrees; rounded to 0.01 degree.")
    lon: int | None = None
    currency: str = Field("", max_length=ID_MAX, description="A currency id; empty for a gift.")
    amount_minor: int | None = Field(None, ge=0, le=PRICE_MAX)
    description: str = Field("", max_length=DESCRIPTION_MAX, description="Markdown.")


class ListingPatch(Schema):
    """Only the fields given change. `open: false` withdraws the listing."""

    kind: Kind | None = None
    title: str | None = Field(None, max_length=TITLE_MAX)
    category: Category | None = None
    place: str | None = Field(None, max_length=PLACE_MAX)
    lat: int | None = None
    lon: int | None = None
    currency: str | None = Field(None, max_length=ID_MAX)
    amount_minor: int | None = Field(None, ge=0, le=PRICE_MAX)
    description: str | None = Field(None, max_length=DESCRIPTION_MAX)
    open: bool | None = None


class ListingQuery(Schema):
    side: str = Field("", max_length=10)
    kind: str = Field("", max_length=20)
    category: str = Field("", max_length=20)
    place: str = Field("", max_length=access.PLACE_SEARCH_MAX)
    currency: str = Field("", max_length=ID_MAX, description="A currency id, or `gift`.")


class AgreementOut(Schema):
    id: str
    listing_id: str
    proposer_id: str
    party_id: str
    payer_id: str
    payee_id: str
    currency_id: str
    amount_minor: int
    created_ts: int
    accepted: bool
    payment: str | None = Field(
        None, description="`pending` once paid and waiting for the payee, `paid` once accepted."
    )


class AgreementIn(Schema):
    party_id: str | None = Field(
        None, max_length=ID_MAX,
        description="The other member; only the listing's author names one (anyone else "
                    "agrees with the author).")
    currency: str = Field("", max_length=ID_MAX, description="A currency id; empty for a gift.")
    amount_minor: int | None = Field(None, ge=0, le=PRICE_MAX)


class PaymentOut(Schema):
    transfer_id: str


def _with_payments(agreements):
    agreements = list(agreements)
    paid = payments.statuses(agreements) if agreements else {}
    for agreement in agreements:
        agreement.payment = paid.get(agreement.id)
    return agreements


@router.get("/listings", response=list[ListingOut])
@paginate(KeysetPagination)
def list_listings(request, filters: Query[ListingQuery]):
    """Open listings, newest first, narrowed by side, kind, category, currency and place."""
    return access.open_listings(_net(), access.ListingFilter.from_query(filters.dict()))


@router.get("/listings/{listing_id}", response=ListingOut)
def get_listing(request, listing_id: str):
    """One offer or want, with its price or gift, place and whether it is open."""
    listing = access.get_listing(_net(), listing_id)
    if listing is None:
        raise Http404(_("No such listing."))
    return listing


@router.post("/listings", response={201: ListingOut}, auth=TokenAuth())
def create_listing(request, payload: ListingIn):
    """List an offer or a want: a `market.listing` entry signed with your key."""
    return Status(201, actions.create_listing(request.auth, **payload.dict()))


@router.patch("/listings/{listing_id}", response=ListingOut, auth=TokenAuth())
def edit_listing(request, listing_id: str, payload: ListingPatch):
    """Change or withdraw your listing: one `market.edit` entry, or none if nothing changes."""
    return actions.edit_listing(request.auth, listing_id[:ID_MAX], **payload.dict())


@router.post("/listings/{listing_id}/agreements", response={201: AgreementOut}, auth=TokenAuth())
def propose_agreement(request, listing_id: str, payload: AgreementIn):
    """Propose an agreement on a listing to the other party, at a price in its currency."""
    agreement = actions.propose_agreement(request.auth, listing_id[:ID_MAX], **payload.dict())
    return Status(201, _with_payments([agreement])[0])


@router.get("/agreements", response=list[AgreementOut], auth=TokenAuth())
@paginate(KeysetPagination)
def list_agreements(request):
    """The agreements you are a party to, newest first."""
    return Keyed(access.agreements_of(_net(), account_for(request.auth).member_id),
                 _with_payments)


def _agreement_or_404(request, agreement_id):
    agreement = access.get_agreement(_net(), account_for(request.auth).member_id, agreement_id)
    if agreement is None:
        raise Http404(_("No such agreement of yours."))
    return agreement


@router.get("/agreements/{agreement_id}", response=AgreementOut, auth=TokenAuth())
def get_agreement(request, agreement_id: str):
    """One agreement you are party to, with whether it has been paid."""
    return _with_payments([_agreement_or_404(request, agreement_id)])[0]


@router.post("/agreements/{agreement_id}/accept", response=AgreementOut, auth=TokenAuth())
def accept_agreement(request, agreement_id: str):
    """Accept an agreement proposed to you: a `market.accept` entry."""
    agreement = actions.accept_agreement(request.auth, agreement_id[:ID_MAX])
    return _with_payments([agreement])[0]


@router.post("/agreements/{agreement_id}/pay", response={201: PaymentOut}, auth=TokenAuth())
def pay_agreement(request, agreement_id: str):
    """Pay from an accepted agreement (its payer only): a credit transfer naming it."""
    return Status(201, {"transfer_id": actions.pay_agreement(request.auth, agreement_id[:ID_MAX])})
