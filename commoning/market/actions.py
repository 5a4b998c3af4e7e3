"""The only write paths of the market: list, edit or withdraw a listing, propose and accept an
agreement, pay from an agreement. Each is `@atomic_action` (commoning/log/atomic.py)."""

from commoning.accounts.access import signing_key_for
from commoning.core import fields
from commoning.core.entry import sha256_hex
from commoning.log.append import append
from commoning.log.atomic import atomic_action
from commoning.log.registry import Forbidden, Rejected
from commoning.market import access, currencies, payments
from commoning.market.events import COORDINATE_STEP, DESCRIPTION_MAX, PLACE_MAX, TITLE_MAX
from commoning.market.models import Agreement, Listing


def coarse(micro_degrees: int | None) -> int | None:
    """Round a coordinate to the coarse step the rule demands (nearest, halves away from 0)."""
    if micro_degrees is None:
        return None
    sign = -1 if micro_degrees < 0 else 1
    return sign * ((abs(micro_degrees) + COORDINATE_STEP // 2) // COORDINATE_STEP) * COORDINATE_STEP


def _place_fields(place: str, lat: int | None, lon: int | None) -> dict:
    data = {"place": fields.clean_text(place, "place", max_length=PLACE_MAX, min_length=0)}
    if (lat is None) != (lon is None):
        raise fields.FieldError("lat", "give both latitude and longitude, or neither")
    if lat is not None:
        data["lat"], data["lon"] = coarse(lat), coarse(lon)
    return data


def _price_fields(net: str, currency_id: str | None, amount_minor: int | None) -> tuple:
    """(data fields, deps) of a price; no currency means a gift."""
    if not currency_id:
        return {}, []
    if not currencies.exists(net, currency_id):
        raise fields.FieldError("currency", "no such currency in this network")
    data = {"currency": currency_id, "amount": amount_minor}
    fields.integer(data, "amount", minimum=0, maximum=10**12)
    return data, [currency_id]


@atomic_action
def create_listing(user, *, side: str, kind: str, title: str, category: str, place: str = "",
                   lat: int | None = None, lon: int | None = None, currency: str = "",
                   amount_minor: int | None = None, description: str = "") -> Listing:
    account, key = signing_key_for(user)
    data = {
        "side": side,
        "kind": kind,
        "title": fields.clean_text(title, "title", max_length=TITLE_MAX),
        "category": category,
        **_place_fields(place, lat, lon),
    }
    price, deps = _price_fields(account.net, currency, amount_minor)
    data.update(price)
    description = fields.clean_text(
        description, "description", max_length=DESCRIPTION_MAX, min_length=0, multiline=True
    )
    entry = append(key, net=account.net, type="market.listing", data=data, deps=deps,
                   attachment=description.encode() if description else None)
    return Listing.objects.get(id=entry.id)


@atomic_action
def edit_listing(user, listing_id: str, *, title=None, kind=None, category=None, place=None,
                 lat=None, lon=None, currency=None, amount_minor=None, description=None,
                 open=None) -> Listing:
    """Change the fields given; fields equal to their current values are left out, and when
    nothing is left no entry is written (a form saved twice is a no-op)."""
    account, key = signing_key_for(user)
    listing = access.get_listing(account.net, listing_id)
    if listing is None:
        raise Rejected("no such listing", status=404)
    if not access.may_edit(account.member_id, listing):
        raise Forbidden("only the listing's author may change or withdraw it")
    data, deps = {"listing": listing.id}, [listing.id]
    for field, value, current in (("title", title, listing.title), ("kind", kind, listing.kind),
                                  ("category", category, listing.category)):
        if value is not None:
            if field == "title":
                value = fields.clean_text(value, "title", max_length=TITLE_MAX)
            if value != current:
                data[field] = value
    if place is not None:
        placed = _place_fields(place, lat, lon)
        if (placed["place"], placed.get("lat"), placed.get("lon")) != (
                listing.place, listing.lat_micro, listing.lon_micro):
            data.update(placed)
    if currency is not None:
        price, price_deps = _price_fields(account.net, currency, amount_minor)
        if (price.get("currency", ""), price.get("amount", 0)) != (
                listing.currency_id, listing.price_minor):
            data.update(price or {"currency": ""})
            deps += price_deps
    if open is not None and open != listing.open:
        data["open"] = open
    attachment = None
    if description is not None:
        attachment = fields.clean_text(
            description, "description", max_length=DESCRIPTION_MAX, min_length=0, multiline=True
        ).encode()
        if sha256_hex(attachment) == (listing.description_hash or sha256_hex(b"")):
            attachment = None
    if len(data) > 1 or attachment is not None:
        append(key, net=account.net, type="market.edit", data=data, deps=deps,
               attachment=attachment)
    return Listing.objects.get(id=listing.id)


@atomic_action
def propose_agreement(user, listing_id: str, *, party_id: str | None = None,
                      currency: str = "", amount_minor: int | None = None) -> Agreement:
    """Propose an agreement on a listing. Its author names the other party; anyone else
    proposes to the author (party_id is then the author, whatever was given)."""
    account, key = signing_key_for(user)
    listing = access.get_listing(account.net, listing_id)
    if listing is None:
        raise Rejected("no such listing", status=404)
    if not listing.open:
        raise Rejected("this listing was withdrawn", status=409)
    if account.member_id != listing.author_id:
        party_id = listing.author_id
    if not party_id:
        raise fields.FieldError("party", "name the member you agree with")
    price, price_deps = _price_fields(account.net, currency, amount_minor)
    entry = append(key, net=account.net, type="market.agree",
                   data={"listing": listing.id, "party": party_id, **price},
                   deps=[listing.id, party_id, *price_deps])
    return Agreement.objects.get(id=entry.id)


def _agreement_or_404(account, agreement_id: str) -> Agreement:
    agreement = access.get_agreement(account.net, account.member_id, agreement_id)
    if agreement is None:
        raise Rejected("no such agreement of yours", status=404)
    return agreement


@atomic_action
def accept_agreement(user, agreement_id: str) -> Agreement:
    account, key = signing_key_for(user)
    agreement = _agreement_or_404(account, agreement_id)
    if agreement.party_id != account.member_id:
        raise Forbidden("only the other party of an agreement may accept it")
    if not agreement.accepted:
        append(key, net=account.net, type="market.accept", data={"agreement": agreement.id},
               deps=[agreement.id])
    return Agreement.objects.get(id=agreement.id)


@atomic_action
def pay_agreement(user, agreement_id: str) -> str:
    """Pay from an accepted agreement: a credit transfer of the agreed amount from its payer
    to its payee that names the agreement; the agreement shows paid once the payee accepts
    the transfer. Returns the transfer's id."""
    account, _key = signing_key_for(user)
    agreement = _agreement_or_404(account, agreement_id)
    if agreement.payer_id != account.member_id:
        raise Forbidden("only the agreement's payer pays from it")
    if not agreement.accepted:
        raise Rejected("the other party has not accepted this agreement yet", status=409)
    if not agreement.currency_id or agreement.amount_minor == 0:
        raise Rejected("this agreement is a gift: there is nothing to pay", status=409)
    if payments.payment_of(agreement) is not None:
        raise Rejected("this agreement is already paid or being paid", status=409)
    return payments.pay(user, agreement)
