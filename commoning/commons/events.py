"""Entry types of commons: create, and update (a record: last writer wins per field)."""

from commoning.accounts.events import field_clock
from commoning.commons.models import Commons
from commoning.core import fields
from commoning.core.licences import LicenceError, canonical_licence
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
    Commons.objects.create(
        id=entry.id,
        net=entry.net,
        name=entry.data["name"],
        licence=entry.data["licence"],
        description_hash=(entry.att or {}).get("hash"),
        founder_id=member_of(entry),
        created_ts=entry.ts,
        updated_ts=entry.ts,
        name_clock=clock,
        licence_clock=clock,
        description_clock=clock,
    )


def check_update(entry):
    fields.only_fields(entry.data, EDITABLE | {"commons"}, {"commons"})
    commons_id = fields.entry_id(entry.data, "commons")
    if commons_id not in entry.deps:
        raise Rejected("an update must list the commons it changes in deps")
    commons = Commons.objects.filter(id=commons_id, net=entry.net).first()
    if commons is None:
        raise Rejected("no such commons in this network")
    # Founder-led for now: the founder edits the record (earned roles come with peer production).
    if commons.founder_id != member_of(entry):
        raise Forbidden("only the commons' founder may change its record")
    if "name" in entry.data:
        fields.text(entry.data, "name", max_length=NAME_MAX)
    if "licence" in entry.data:
        check_licence(entry.data["licence"])
    if len(entry.data) == 1 and entry.att is None:
        raise Rejected("an update must change something")


def apply_update(entry):
    commons = Commons.objects.get(id=entry.data["commons"])
    clock = field_clock(entry)
    changed = []
    for field in ("name", "licence"):
        if field in entry.data and clock > getattr(commons, f"{field}_clock"):
            setattr(commons, field, entry.data[field])
            setattr(commons, f"{field}_clock", clock)
            changed += [field, f"{field}_clock"]
    if entry.att is not None and clock > commons.description_clock:
        commons.description_hash, commons.description_clock = entry.att["hash"], clock
        changed += ["description_hash", "description_clock"]
    if changed:
        commons.updated_ts = max(commons.updated_ts, entry.ts)
        commons.save(update_fields=[*changed, "updated_ts"])


register("commons.create", check=check_create, apply=apply_create)
register("commons.update", check=check_update, apply=apply_update)
register_projection(Commons)
