"""Admission: how a key becomes a member of a network (docs/decisions/0007-admission.md).

The founder (the genesis author) is admitted by the genesis. Anyone else is admitted by an
`accounts.admit` entry that an admitted member (or the founder) writes, naming the new key;
the key's identity lists that entry in its deps, so the admission is in its causal past and
every node reaches the same verdict. The log keeps out (quarantines) first entries of keys no
stored admission names, and everything later on feeds it does not hold; see `first_entry_admitted`.
"""

from commoning.core import fields
from commoning.log import sql
from commoning.log.models import Admission, Network
from commoning.log.registry import (
    AdmissionHooks,
    Forbidden,
    Rejected,
    member_of,
    register,
    register_projection,
    set_admission,
)

ADMIT = "accounts.admit"
IDENTITY = "accounts.identity"
# Distinct admitters an identity needs. One: any admitted member may let someone in (the node
# does it at sign-up). A vouching network would raise this through a policy entry (0007).
ADMITTERS_NEEDED = 1


def is_founder(net: str, key: str) -> bool:
    # Table names come from the models, values are parameters (as in every events module).
    found = sql.fetch_one(
        f"SELECT 1 FROM {sql.table(Network)} WHERE id = %s AND founder_key = %s",  # noqa: S608
        [net, key],
    )
    return found is not None


def admitter_of(entry) -> str | None:
    """Who the author of an admit acts as: their member id, the founder's key, or None."""
    member = member_of(entry)
    if member is not None:
        return member
    return entry.author if is_founder(entry.net, entry.author) else None


def check_admit(entry):
    fields.only_fields(entry.data, {"key"}, {"key"})
    key = fields.entry_id(entry.data, "key")  # a public key has the shape of an id
    if key == entry.author:
        raise Rejected("a key cannot admit itself")
    if admitter_of(entry) is None:
        raise Forbidden("only a member of the network (or its founder) may admit a key")


def apply_admit(entry):
    sql.execute(
        f"INSERT INTO {sql.table(Admission)} (admit_id, net, key, admitter)"  # noqa: S608
        " VALUES (%s, %s, %s, %s)",
        [entry.id, entry.net, entry.data["key"], admitter_of(entry)],
    )


def check_admitted(identity) -> None:
    """The identity rule's admission clause: its deps name enough applied admissions of its key,
    by distinct admitters. Reads only projections of entries in the identity's deps."""
    if not identity.deps:
        raise Forbidden("an identity must list the admission of its key in deps")
    placeholders = ", ".join(["%s"] * len(identity.deps))
    rows = sql.fetch_all(
        f"SELECT admitter FROM {sql.table(Admission)} WHERE net = %s AND key = %s"  # noqa: S608
        f" AND admit_id IN ({placeholders})",
        [identity.net, identity.author, *identity.deps],
    )
    if len({admitter for (admitter,) in rows}) < ADMITTERS_NEEDED:
        raise Forbidden("no admission of this key by a member is listed in the identity's deps")


# -- what the log asks before it stores an entry ------------------------------------------------
def first_entry_admitted(entry, stored_entry) -> bool:
    """May this first entry of a key enter the log? Only an identity whose deps name a stored
    admit of its key: presence, not status, so the answer depends on the set of entries alone
    (the domain rule then judges the admission itself)."""
    if entry.type != IDENTITY:
        return False
    for dep in entry.deps:
        stored = stored_entry(dep)
        if stored is not None and stored[0] == ADMIT and stored[1].get("key") == entry.author:
            return True
    return False


def keys_admitted_by(entry) -> list[str]:
    if entry.type == ADMIT and isinstance(entry.data.get("key"), str):
        return [entry.data["key"]]
    return []


register(ADMIT, check=check_admit, apply=apply_admit, needs_member=False)
register_projection(Admission)
set_admission(AdmissionHooks(first_entry_admitted, keys_admitted_by))
