"""Test personas in one place (as Healthchecks does): a network and its members.

Alice founds things, Bob and Carol and Dave take part, Eve is the one who must not be able to
act for others or touch what is not hers.
"""

from commoning.accounts.actions import create_network, sign_up

PASSWORD = "correct-horse-battery"
PERSONAS = ("alice", "bob", "carol", "dave", "eve")


def make_network(name: str = "Test Valley") -> str:
    return create_network(name)


def make_member(net: str, username: str, display_name: str | None = None):
    return sign_up(
        net, username=username, password=PASSWORD, display_name=display_name or username.title()
    )


class HostileNode:
    """A member (or an outsider) who holds a key and writes entries directly, as a modified node
    would: no action, no form, no API in between, only the log's ingest and the entry type's
    domain rule. Every forbidden act is tested twice: once through the UI or API as a person,
    and once through this persona, which proves the shared rule itself refuses it.

        mallory = HostileNode.of(eve)              # Eve's own custodial key, used directly
        written = mallory.write("work.validation", {...}, deps=[...], ts=0)
        assert written.status == "rejected", written.reason
    """

    def __init__(self, net: str, key):
        self.net = net
        self.key = key

    @classmethod
    def of(cls, user) -> "HostileNode":
        from commoning.accounts.access import signing_key_for

        account, key = signing_key_for(user)
        return cls(account.net, key)

    @classmethod
    def outsider(cls, net: str) -> "HostileNode":
        """A key nobody admitted: a throwaway identity made by an attacker."""
        from commoning.core.signing import SigningKey

        return cls(net, SigningKey.generate())

    @classmethod
    def newcomer(cls, net: str) -> "HostileNode":
        """A fresh key that a member of the network admitted, as a member who joined on another
        node would be: its entries get past admission and meet the domain rules. Its first
        entry must list `self.admission` in deps (`identity` does)."""
        from commoning.accounts.admitting import admit_key

        node = cls.outsider(net)
        node.admission = admit_key(net, node.public_hex)
        return node

    @classmethod
    def founder(cls, net: str) -> "HostileNode":
        """The network's founder key, held by this node, used directly."""
        from commoning.accounts.keystore import load_key
        from commoning.log.models import Network

        return cls(net, load_key(Network.objects.get(id=net).founder_key))

    def identity(self, name: str, *, custody: str = "self", **options) -> "Written":
        """Write this newcomer's identity entry, listing its admission in deps."""
        deps = [*options.pop("deps", ()), self.admission.id]
        return self.write("accounts.identity", {"name": name, "custody": custody},
                          deps=deps, **options)

    @property
    def public_hex(self) -> str:
        return self.key.public_hex

    def entry(self, type: str, data: dict, *, deps=(), ts=None, after=None, att=None,
              cosigners=()):
        """Build and sign one entry on this key's feed (after `after`, else the stored head),
        without storing it. `ts` is whatever the attacker likes."""
        from commoning.core import entry as entry_format
        from commoning.log import clock
        from commoning.log.append import feed_head

        if after is not None:
            seq, prev, min_ts = after.seq + 1, after.id, after.ts + 1
        else:
            head = feed_head(self.net, self.key.public_hex)
            seq, prev, min_ts = (head[0] + 1, head[1], head[2] + 1) if head else (1, None, 0)
        return entry_format.build(
            self.key, net=self.net, seq=seq, prev=prev,
            ts=ts if ts is not None else max(clock.now_ms(), min_ts),
            type=type, data=data, deps=deps, att=att, cosigners=cosigners,
        )

    def write(self, type: str, data: dict, **options) -> "Written":
        """Sign an entry and deliver it as a peer would; return what the log made of it."""
        return self.deliver(self.entry(type, data, **options))

    @staticmethod
    def deliver(entry) -> "Written":
        from commoning.log.ingest import ingest_envelopes
        from commoning.log.models import Entry as EntryRow

        report = ingest_envelopes([entry.envelope()])
        status = next(iter(report.counts), "nothing")
        reason = report.refusals[0][1] if report.refusals else ""
        row = EntryRow.objects.filter(id=entry.id).values_list("status", "reason").first()
        if row is not None:
            status, reason = row
        return Written(entry, str(status), reason)


class Written:
    """What the log made of an entry a hostile node wrote: its status and the reason."""

    def __init__(self, entry, status: str, reason: str):
        self.entry, self.status, self.reason = entry, status, reason

    @property
    def id(self) -> str:
        return self.entry.id

    @property
    def applied(self) -> bool:
        return self.status == "applied"

    def __repr__(self) -> str:
        return f"Written({self.entry.type}, {self.status!r}, {self.reason!r})"


def conformance_folder(name: str):
    """A folder of the shared conformance data (`voting`, `clearing`, ...), read at test time and
    never copied into the project (its licences travel with it). COMMONING_CONFORMANCE names
    the conformance folder; else `shared/conformance` is looked for beside the repository and
    each folder above it. The calling test is skipped, saying why, when it is absent."""
    import os
    from pathlib import Path

    import pytest

    named = os.environ.get("COMMONING_CONFORMANCE")
    repository = Path(__file__).resolve().parent.parent
    roots = [Path(named)] if named else [p / "shared" / "conformance" for p in repository.parents]
    for root in roots:
        if (root / name).is_dir():
            return root / name
    pytest.skip(f"conformance data {name}/ is absent (set COMMONING_CONFORMANCE)")
