"""The registry of entry types and projections.

Each domain app's `events.py` registers the entry types it owns (a domain rule and an apply
function) and the projection models those functions write. The log uses the registry to apply
entries, to rebuild projections from scratch, and to compute the state hash.

A domain rule (`check`) and an apply function may depend only on the entry and its causal past
(its own feed before it, its deps, and theirs); that is what keeps nodes in agreement.
"""

import threading
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass

from commoning.core.entry import Entry
from commoning.core.fields import FieldError


class Rejected(Exception):
    """The entry breaks a domain rule; `reason` is shown to people and kept with the entry."""

    def __init__(self, reason: str, *, status: int = 400):
        super().__init__(reason)
        self.reason = reason
        self.status = status  # the HTTP status an action turns this into (403 for permission)


class Forbidden(Rejected):
    """The author may not do this (not theirs, not their role)."""

    def __init__(self, reason: str):
        super().__init__(reason, status=403)


@dataclass(frozen=True)
class EntryType:
    name: str
    check: Callable[[Entry], None]
    apply: Callable[[Entry], None]
    # Most entries must come from a member's device key; genesis and identity entries cannot.
    needs_member: bool = True


ENTRY_TYPES: dict[str, EntryType] = {}
PROJECTIONS: list = []
# Set by the accounts app: returns the member id a device key acts for in a network, or None.
_author_resolver: list[Callable[[str, str], str | None]] = []


def register(name: str, *, check, apply, needs_member: bool = True) -> None:
    if name in ENTRY_TYPES:
        raise RuntimeError(f"entry type {name} registered twice")
    ENTRY_TYPES[name] = EntryType(name, check, apply, needs_member)


def register_projection(model) -> None:
    """Declare a model as a projection: rebuilt from the log, included in the state hash."""
    if model not in PROJECTIONS:
        PROJECTIONS.append(model)


class _BatchMemory(threading.local):
    """The open batch's scratch dict, per thread: a batch is one transaction, and a transaction
    lives on one thread's database connection. Several threads (request threads, a group-commit
    leader, a sync pull) each see only their own batch, never another thread's."""

    memo: dict | None = None  # (net, author) -> member id, and other batch facts; else None


_batch_memory = _BatchMemory()


def set_author_resolver(resolver) -> None:
    _author_resolver[:] = [resolver]


@dataclass(frozen=True)
class AdmissionHooks:
    """How the log tells admitted authors from outsiders, set by the accounts app.

    `first_entry_admitted(entry, stored_entry)`: may this first entry (seq 1) of a key enter
    the log? It may only if its deps name an admission of the key the node holds;
    `stored_entry(id)` gives (type, data) of a stored entry or None.
    `keys_admitted_by(entry)`: the keys an entry admits, whose held-back entries may now enter.
    """

    first_entry_admitted: Callable
    keys_admitted_by: Callable


_admission: list[AdmissionHooks] = []


def set_admission(hooks: AdmissionHooks) -> None:
    _admission[:] = [hooks]


def admission() -> AdmissionHooks | None:
    return _admission[0] if _admission else None


@contextmanager
def members_remembered():
    """Remember which member each key acts for, for one batch of entries in one transaction.

    Safe because a key's member, once found, never changes while the batch runs: it is the id
    of the identity entry that listed the key, and only a rebuild (which opens its own batch)
    or a rollback (which ends this one) can undo it. Misses are not kept, since the identity
    may arrive later in the same batch.
    """
    outer = _batch_memory.memo
    _batch_memory.memo = {}
    try:
        yield
    finally:
        _batch_memory.memo = outer


def batch_memo() -> dict | None:
    """The open batch's scratch dict, for facts that cannot change while it runs (e.g. who
    founded a commons), or None outside a batch. Keys must be tuples that start with a name.
    Per thread (see _BatchMemory)."""
    return _batch_memory.memo


def member_of(entry: Entry) -> str | None:
    """The member id the entry's author key acts for, or None."""
    if not _author_resolver:
        return None
    remembered = _batch_memory.memo
    if remembered is None:
        return _author_resolver[0](entry.network_id, entry.author)
    key = (entry.network_id, entry.author)
    member = remembered.get(key)
    if member is None:
        member = _author_resolver[0](*key)
        if member is not None:
            remembered[key] = member
    return member


def run_rule(entry: Entry) -> None:
    """Run the domain rule for an entry; raise Rejected with a reason if it breaks one."""
    entry_type = ENTRY_TYPES.get(entry.type)
    if entry_type is None:
        raise Rejected(f"unknown entry type {entry.type!r} (a newer node may know it)")
    if entry_type.needs_member and member_of(entry) is None:
        raise Forbidden("the author's key belongs to no member of this network")
    try:
        entry_type.check(entry)
    except FieldError as error:
        raise Rejected(str(error)) from error


def apply(entry: Entry) -> None:
    ENTRY_TYPES[entry.type].apply(entry)
