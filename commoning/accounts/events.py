"""Entry types of accounts: a member's identity, and changes to their public profile.

A member is identified by the id of their identity entry, which is the first entry of their
device key's feed in the network; the profile is a record (last writer wins per field).
"""

from commoning.accounts.models import DeviceKey, Member
from commoning.core import fields
from commoning.log.registry import (
    Forbidden,
    Rejected,
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
    return (
        DeviceKey.objects.filter(net=net, public_key=public_key)
        .values_list("member_id", flat=True)
        .first()
    )


def check_identity(entry):
    if entry.net is None:
        raise Rejected("an identity belongs to a network")
    if entry.seq != 1:
        raise Rejected("an identity must be the first entry of its key's feed")
    fields.only_fields(entry.data, {"name", "custody"}, {"name", "custody"})
    fields.text(entry.data, "name", max_length=NAME_MAX)
    if entry.data["custody"] not in CUSTODY_KINDS:
        raise Rejected("custody must be 'node' or 'self'")


def apply_identity(entry):
    Member.objects.create(
        id=entry.id,
        net=entry.net,
        name=entry.data["name"],
        custody=entry.data["custody"],
        created_ts=entry.ts,
        name_clock=field_clock(entry),
    )
    DeviceKey.objects.create(net=entry.net, public_key=entry.author, member_id=entry.id)


def check_profile(entry):
    fields.only_fields(entry.data, {"name"})
    if "name" in entry.data:
        fields.text(entry.data, "name", max_length=NAME_MAX)
    if not entry.data and entry.att is None:
        raise Rejected("a profile change must change something")


def apply_profile(entry):
    member = Member.objects.get(id=member_for_key(entry.net, entry.author))
    clock = field_clock(entry)
    changed = []
    if "name" in entry.data and clock > member.name_clock:
        member.name, member.name_clock = entry.data["name"], clock
        changed += ["name", "name_clock"]
    if entry.att is not None and clock > member.bio_clock:
        member.bio_hash, member.bio_clock = entry.att["hash"], clock
        changed += ["bio_hash", "bio_clock"]
    if changed:
        member.save(update_fields=changed)


register("accounts.identity", check=check_identity, apply=apply_identity, needs_member=False)
register("accounts.profile", check=check_profile, apply=apply_profile)
register_projection(Member)
register_projection(DeviceKey)
set_author_resolver(member_for_key)
__all__ = ["Forbidden", "member_for_key"]
