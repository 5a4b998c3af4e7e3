"""Entry types of the market: a listing (an offer or a want) and its author's edits, which are
a record (last writer wins per field, as commons.update); an agreement on a listing and its
acceptance by the other party, which are facts. Every check here is the shared rule: actions may
check more (a withdrawn listing takes no new agreements), never less."""

from commoning.accounts.events import field_clock
from commoning.accounts.models import Member
from commoning.core import fields
from commoning.log import sql
from commoning.log.registry import Forbidden, Rejected, member_of, register, register_projection
from commoning.market import currencies
from commoning.market.models import Agreement, Listing
from commoning.market.words import CATEGORIES, KINDS, SIDES

TITLE_MAX = 120
PLACE_MAX = 120
DESCRIPTION_MAX = 5_000
PRICE_MAX = 10**12  # minor units: far above any honest price, far below JSON's 2^53
# Coordinates are coarse on purpose (0.01 degree, about a kilometre): a listing says which
# village, never which door. Micro-degrees, so they stay integers.
COORDINATE_STEP = 10_000
LAT_MAX, LON_MAX = 90_000_000, 180_000_000
# An edit names its listing and changes some of these groups; each group has one clock, so a
# price's currency and amount (or a place's name and coordinates) always come from one entry.
EDIT_GROUPS = {
    "title": ("title",),
    "kind": ("kind",),
    "category": ("category",),
    "place": ("place", "lat", "lon"),
    "price": ("currency", "amount"),
    "open": ("open",),
}
LISTING_FIELDS = {"side", "kind", "title", "category", "place", "lat", "lon", "currency", "amount"}


def _choice(data, field, allowed):
    if data.get(field) not in allowed:
        raise fields.FieldError(field, "must be one of " + ", ".join(allowed))


def _check_place(data):
    fields.text(data, "place", max_length=PLACE_MAX, min_length=0)
    if ("lat" in data) != ("lon" in data):
        raise fields.FieldError("lat", "latitude and longitude come together")
    if "lat" in data:
        for field, bound in (("lat", LAT_MAX), ("lon", LON_MAX)):
            value = fields.integer(data, field, minimum=-bound, maximum=bound)
            if value % COORDINATE_STEP:
                raise fields.FieldError(field, "must be coarse: a multiple of 0.01 degree")


def _check_price(entry, data):
    """A price names a credit currency of this network (listed in deps) and an amount; with
    neither, the thing is a gift."""
    if "currency" not in data and "amount" not in data:
        return
    currency_id = fields.entry_id(data, "currency")
    fields.integer(data, "amount", minimum=0, maximum=PRICE_MAX)
    if currency_id not in entry.deps:
        raise Rejected("a price must list its currency in deps")
    if not currencies.exists(entry.net, currency_id):
        raise Rejected("no such currency in this network")


def check_listing(entry):
    data = entry.data
    fields.only_fields(data, LISTING_FIELDS, {"side", "kind", "title", "category", "place"})
    _choice(data, "side", SIDES)
    _choice(data, "kind", KINDS)
    _choice(data, "category", CATEGORIES)
    fields.text(data, "title", max_length=TITLE_MAX)
    _check_place(data)
    _check_price(entry, data)


def apply_listing(entry):
    data, clock = entry.data, field_clock(entry)
    sql.execute(
        f"INSERT INTO {sql.table(Listing)} (id, net, author_id, side, kind, title, category,"
        " place, lat_micro, lon_micro, currency_id, price_minor, description_hash, open,"
        " created_ts, updated_ts, title_clock, kind_clock, category_clock, place_clock,"
        " price_clock, description_clock, open_clock)"
        " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s,"
        " %s, %s, %s, %s, %s, %s, %s)",
        [entry.id, entry.net, member_of(entry), data["side"], data["kind"], data["title"],
         data["category"], data["place"], data.get("lat"), data.get("lon"),
         data.get("currency", ""), data.get("amount", 0), (entry.att or {}).get("hash"), True,
         entry.ts, entry.ts, *([clock] * 7)],
    )


def _listing_author(entry, listing_id):
    """The author of a listing in the entry's deps, or Rejected."""
    if listing_id not in entry.deps:
        raise Rejected("an entry about a listing must list it in deps")
    found = sql.fetch_one(
        f"SELECT author_id, side FROM {sql.table(Listing)} WHERE id = %s AND net = %s",
        [listing_id, entry.net],
    )
    if found is None:
        raise Rejected("no such listing in this network")
    return found


def check_edit(entry):
    data = entry.data
    allowed = {"listing"} | {field for group in EDIT_GROUPS.values() for field in group}
    fields.only_fields(data, allowed, {"listing"})
    author_id, _side = _listing_author(entry, fields.entry_id(data, "listing"))
    if author_id != member_of(entry):
        raise Forbidden("only the listing's author may change or withdraw it")
    if "title" in data:
        fields.text(data, "title", max_length=TITLE_MAX)
    if "kind" in data:
        _choice(data, "kind", KINDS)
    if "category" in data:
        _choice(data, "category", CATEGORIES)
    if {"place", "lat", "lon"} & set(data):
        _check_place(data)
    if {"currency", "amount"} & set(data):
        if data.get("currency") == "" and "amount" not in data:
            pass  # the price taken away: a gift now
        else:
            _check_price(entry, data)
    if "open" in data and not isinstance(data["open"], bool):
        raise fields.FieldError("open", "must be true or false")
    if len(data) == 1 and entry.att is None:
        raise Rejected("an edit must change something")


def _edit_values(entry) -> dict:
    """Column values per changed group of an edit."""
    data, values = entry.data, {}
    if "title" in data:
        values["title"] = {"title": data["title"]}
    if "kind" in data:
        values["kind"] = {"kind": data["kind"]}
    if "category" in data:
        values["category"] = {"category": data["category"]}
    if "place" in data:
        values["place"] = {"place": data["place"], "lat_micro": data.get("lat"),
                           "lon_micro": data.get("lon")}
    if "currency" in data:
        values["price"] = {"currency_id": data["currency"], "price_minor": data.get("amount", 0)}
    if "open" in data:
        values["open"] = {"open": data["open"]}
    if entry.att is not None:
        values["description"] = {"description_hash": entry.att["hash"]}
    return values


def apply_edit(entry):
    """Last writer wins per group: a group changes only if this entry's clock is later."""
    table, clock = sql.table(Listing), field_clock(entry)
    for group, columns in _edit_values(entry).items():
        assignments = ", ".join(f"{column} = %s" for column in columns)
        sql.execute(
            f"UPDATE {table} SET {assignments}, {group}_clock = %s,"
            " updated_ts = CASE WHEN updated_ts < %s THEN %s ELSE updated_ts END"
            f" WHERE id = %s AND {group}_clock < %s",
            [*columns.values(), clock, entry.ts, entry.ts, entry.data["listing"], clock],
        )


def check_agree(entry):
    data = entry.data
    fields.only_fields(data, {"listing", "party", "currency", "amount"}, {"listing", "party"})
    author_id, _side = _listing_author(entry, fields.entry_id(data, "listing"))
    party_id = fields.entry_id(data, "party")
    proposer_id = member_of(entry)
    if party_id == proposer_id:
        raise Rejected("an agreement needs two different members")
    # Either side proposes; one of the two is always the listing's author.
    if author_id not in (proposer_id, party_id):
        raise Forbidden("an agreement is between the listing's author and one other member")
    if party_id not in entry.deps:
        raise Rejected("an agreement must list the other party in deps")
    if not Member.objects.filter(id=party_id, net=entry.net).exists():
        raise Rejected("the other party is no member of this network")
    _check_price(entry, data)


def apply_agree(entry):
    data = entry.data
    proposer_id = member_of(entry)
    author_id, side = sql.fetch_one(
        f"SELECT author_id, side FROM {sql.table(Listing)} WHERE id = %s", [data["listing"]]
    )
    other_id = data["party"] if author_id == proposer_id else proposer_id
    # For an offer, the one who takes it pays its author; for a want, its author pays.
    payer_id, payee_id = (other_id, author_id) if side == "offer" else (author_id, other_id)
    sql.execute(
        f"INSERT INTO {sql.table(Agreement)} (id, net, listing_id, proposer_id, party_id,"
        " payer_id, payee_id, currency_id, amount_minor, created_ts, accepted_ts)"
        " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, NULL)",
        [entry.id, entry.net, data["listing"], proposer_id, data["party"], payer_id, payee_id,
         data.get("currency", ""), data.get("amount", 0), entry.ts],
    )


def check_accept(entry):
    fields.only_fields(entry.data, {"agreement"}, {"agreement"})
    agreement_id = fields.entry_id(entry.data, "agreement")
    if agreement_id not in entry.deps:
        raise Rejected("an acceptance must list its agreement in deps")
    found = sql.fetch_one(
        f"SELECT party_id FROM {sql.table(Agreement)} WHERE id = %s AND net = %s",
        [agreement_id, entry.net],
    )
    if found is None:
        raise Rejected("no such agreement in this network")
    if found[0] != member_of(entry):
        raise Forbidden("only the other party of an agreement may accept it")


def apply_accept(entry):
    # The earliest acceptance counts, whatever order acceptances arrive in.
    sql.execute(
        f"UPDATE {sql.table(Agreement)} SET accepted_ts = %s"
        " WHERE id = %s AND (accepted_ts IS NULL OR accepted_ts > %s)",
        [entry.ts, entry.data["agreement"], entry.ts],
    )


register("market.listing", check=check_listing, apply=apply_listing)
register("market.edit", check=check_edit, apply=apply_edit)
register("market.agree", check=check_agree, apply=apply_agree)
register("market.accept", check=check_accept, apply=apply_accept)
register_projection(Listing)
register_projection(Agreement)
