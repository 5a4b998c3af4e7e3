"""Entry types of accounts: a member's identity, and changes to their public profile.

A member is identified by the id of their identity entry, which is the first entry of their
device key's feed in the network; the profile is a record (last writer wins per field).
"""

from commoning.accounts import admission
from commoning.accounts.models import DeviceKey, Member
from commoning.core import fields
from commoning.log import sql
from commoning.log.registry import (
    Forbidden,
    Rejected,
    member_of,
    register,
    register_projection,
    set_author_resolver,
)

NAME_MAX = 100
CUSTODY_KINDS = {"node", "self"}


def field_clock(entry) -> str:
    """The last-writer-wins order of an entry: (ts, author, id), as a comparable string."""
    return f"{entry.ts:016d}:{entry.author}:{entry.id}"


def member_for_key(net: str, public_key: str) -> str | None:
    found = sql.fetch_one(
        f"SELECT member_id FROM {sql.table(DeviceKey)} WHERE net = %s AND public_key = %s",
        [net, public_key],
    )
    return found[0] if found else None


def check_identity(entry):
    if entry.net is None:
        raise Rejected("an identity belongs to a network")
    if entry.seq != 1:
        raise Rejected("an identity must be the first entry of its key's feed")
    fields.only_fields(entry.data, {"name", "custody"}, {"name", "custody"})
    fields.name(entry.data, "name", max_length=NAME_MAX)
    if entry.data["custody"] not in CUSTODY_KINDS:
        raise Rejected("custody must be 'node' or 'self'")
    admission.check_admitted(entry)  # after the shape checks: their reasons are more useful


def apply_identity(entry):
    sql.execute(
        f"INSERT INTO {sql.table(Member)} (id, net, name, bio_hash, custody, created_ts,"
        " name_clock, bio_clock) VALUES (%s, %s, %s, NULL, %s, %s, %s, '')",
        [entry.id, entry.net, entry.data["name"], entry.data["custody"], entry.ts,
         field_clock(entry)],
    )
    DeviceKey.objects.create(net=entry.net, public_key=entry.author, member_id=entry.id)


def check_profile(entry):
    fields.only_fields(entry.data, {"name"})
    if "name" in entry.data:
        fields.name(entry.data, "name", max_length=NAME_MAX)
    if not entry.data and entry.att is None:
        raise Rejected("a profile change must change something")


def apply_profile(entry):
    """Last writer wins per field, as one conditional UPDATE per field (plain SQL: hot path)."""
    member_id, clock, member_table = member_of(entry), field_clock(entry), sql.table(Member)
    if "name" in entry.data:
        sql.execute(
            f"UPDATE {member_table} SET name = %s, name_clock = %s"
            " WHERE id = %s AND name_clock < %s",
            [entry.data["name"], clock, member_id, clock],
        )
    if entry.att is not None:
        sql.execute(
            f"UPDATE {member_table} SET bio_hash = %s, bio_clock = %s"
            " WHERE id = %s AND bio_clock < %s",
            [entry.att["hash"], clock, member_id, clock],
        )


register("accounts.identity", check=check_identity, apply=apply_identity, needs_member=False)
register("accounts.profile", check=check_profile, apply=apply_profile)
register_projection(Member)
register_projection(DeviceKey)
set_author_resolver(member_for_key)
__all__ = ["Forbidden", "member_for_key"]
