"""Entry types of commons: create, and update (a record: last writer wins per field)."""

from commoning.accounts.events import field_clock
from commoning.commons.models import Commons
from commoning.core import fields
from commoning.core.licences import LicenceError, canonical_licence
from commoning.log import sql
from commoning.log.registry import Forbidden, Rejected, member_of, register, register_projection

NAME_MAX = 120
DESCRIPTION_MAX = 20_000
EDITABLE = {"name", "licence"}


def check_licence(value) -> None:
    try:
        if canonical_licence(value) != value:
            raise Rejected("licence must be written in its canonical SPDX spelling")
    except LicenceError as error:
        raise Rejected(str(error)) from error


def check_create(entry):
    fields.only_fields(entry.data, {"name", "licence"}, {"name", "licence"})
    fields.text(entry.data, "name", max_length=NAME_MAX)
    check_licence(entry.data["licence"])


def apply_create(entry):
    clock = field_clock(entry)
    # Plain SQL: this runs once per entry on ingest and rebuild (see commoning.log.sql).
    sql.execute(
        f"INSERT INTO {sql.table(Commons)} (id, net, name, licence, description_hash,"
        " founder_id, created_ts, updated_ts, name_clock, licence_clock, description_clock)"
        " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
        [entry.id, entry.net, entry.data["name"], entry.data["licence"],
         (entry.att or {}).get("hash"), member_of(entry), entry.ts, entry.ts, clock, clock, clock],
    )


def check_update(entry):
    fields.only_fields(entry.data, EDITABLE | {"commons"}, {"commons"})
    commons_id = fields.entry_id(entry.data, "commons")
    if commons_id not in entry.deps:
        raise Rejected("an update must list the commons it changes in deps")
    found = sql.fetch_one(
        f"SELECT founder_id FROM {sql.table(Commons)} WHERE id = %s AND net = %s",
        [commons_id, entry.net],
    )
    if found is None:
        raise Rejected("no such commons in this network")
    # Founder-led for now: the founder edits the record (earned roles come with peer production).
    if found[0] != member_of(entry):
        raise Forbidden("only the commons' founder may change its record")
    if "name" in entry.data:
        fields.text(entry.data, "name", max_length=NAME_MAX)
    if "licence" in entry.data:
        check_licence(entry.data["licence"])
    if len(entry.data) == 1 and entry.att is None:
        raise Rejected("an update must change something")


def apply_update(entry):
    """Last writer wins per field: each field changes only if this entry's clock is later."""
    commons_table, clock = sql.table(Commons), field_clock(entry)
    values = {field: entry.data[field] for field in ("name", "licence") if field in entry.data}
    if entry.att is not None:
        values["description_hash"] = entry.att["hash"]
    for field, value in values.items():
        clock_column = "description_clock" if field == "description_hash" else f"{field}_clock"
        sql.execute(
            f"UPDATE {commons_table} SET {field} = %s, {clock_column} = %s,"
            " updated_ts = CASE WHEN updated_ts < %s THEN %s ELSE updated_ts END"
            f" WHERE id = %s AND {clock_column} < %s",
            [value, clock, entry.ts, entry.ts, entry.data["commons"], clock],
        )


register("commons.create", check=check_create, apply=apply_create)
register("commons.update", check=check_update, apply=apply_update)
register_projection(Commons)
