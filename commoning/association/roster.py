"""The roster chain: the association as some entry saw it (the issue-13 contract).

Every entry that changes who belongs, who holds a role or what the statutes say lists in `deps`
the roster heads its author's node knew, so roster entries form a small DAG of their own.
`view_at(net, heads)` folds the roster entries those heads reach (and only those), so what an
entry saw never depends on arrival order or on anyone's `ts`.

The fold is set-based, hence order-independent:
- members: the founding names the first members; a join is a membership tag that counts once it
  has the approvals its own past required (0 for an open join); a leave ends the tags its author
  held in the leave's own past (an observed-remove set), so a re-join after a leave counts again.
- statutes: the founding's statutes, then each enacted change in the order of its decision's
  close entry (close ts, close id); a change that would make the statutes invalid beside the
  changes before it is skipped. Each applied change adds one version.
- roles: the founding names the first stewards and tellers; an enacted election replaces the
  role's holders with its winners, the election whose close entry is last by (close ts, close id)
  winning. A role holder who left holds no role.
"""

import json
from dataclasses import dataclass, field
from functools import lru_cache

from commoning.association.models import RosterEntry
from commoning.association.statutes import Statutes
from commoning.log import sql
from commoning.log.registry import Rejected

__all__ = ["AssociationView", "Statutes", "current_heads", "roster_heads_of", "view_at"]

MAX_HEADS = 8  # an entry names at most this many roster heads (the newest)


@dataclass(frozen=True)
class AssociationView:
    founded: bool
    association_id: str = ""
    name: str = ""
    members: frozenset = frozenset()
    stewards: frozenset = frozenset()
    tellers: frozenset = frozenset()
    statutes: Statutes = field(default_factory=Statutes)
    statutes_version: int = 0
    # (version, statutes, the entry that set it, the close entry it enacts or "")
    statutes_history: tuple = ()
    # (join id, member id, approvals needed, approvers) of joins that do not count yet
    pending_joins: tuple = ()
    # ((member id, (membership tag, ...)), ...): which founding/join entries make each a member
    member_tags: tuple = ()
    enacted: frozenset = frozenset()  # close entry ids enacted in this past
    entry_ids: frozenset = frozenset()  # every roster entry this view folds

    def tags_of(self, member_id: str) -> tuple:
        return dict(self.member_tags).get(member_id, ())

    def roles_of(self, member_id: str) -> list[str]:
        return [role for role, holders in (("steward", self.stewards), ("teller", self.tellers))
                if member_id in holders]


NOT_FOUNDED = AssociationView(founded=False)


def current_heads(net: str) -> list[str]:
    """The roster heads this node knows now: at most MAX_HEADS, sorted.

    The oldest (by ts, id) are listed when there are more: the entry that names them merges
    them, so every head is merged in turn and none is left out of later views for good (newest
    first, a burst of new heads could keep an old one waiting forever)."""
    rows = sql.fetch_all(
        f"SELECT id FROM {sql.table(RosterEntry)} WHERE net = %s AND is_head = %s"  # noqa: S608
        " ORDER BY ts, id LIMIT %s",
        [net, True, MAX_HEADS],
    )
    return sorted(row[0] for row in rows)


def every_head(net: str) -> list[str]:
    """Every roster head this node knows (for what pages show now; an entry names at most
    MAX_HEADS of them, through `current_heads`)."""
    rows = sql.fetch_all(
        f"SELECT id FROM {sql.table(RosterEntry)} WHERE net = %s AND is_head = %s",  # noqa: S608
        [net, True],
    )
    return sorted(row[0] for row in rows)


def roster_heads_of(entry) -> list[str]:
    """Which of an entry's deps are roster entries (applied), sorted."""
    deps = sorted(set(entry.deps))
    if not deps:
        return []
    marks = ", ".join(["%s"] * len(deps))
    rows = sql.fetch_all(
        # Only the quoted table name and placeholders go into the text.
        f"SELECT id FROM {sql.table(RosterEntry)} WHERE net = %s AND id IN ({marks})",  # noqa: S608
        [entry.net, *deps],
    )
    return sorted(row[0] for row in rows)


def view_at(net: str, heads) -> AssociationView:
    """The association as seen by an entry naming these roster heads (memoised)."""
    return _view(net, tuple(sorted(set(heads))))


# Roster rows never change once applied (only is_head, which the fold ignores), so they are
# kept per process by id; a miss loads the network's roster once. Views are memoised by heads:
# the same heads always reach the same entries.
class _Rows:
    by_id: dict = {}


_rows = _Rows()
MAX_KEPT_ROWS = 200_000


def remember(row: dict) -> None:
    """Keep a just-applied roster row (its apply function calls this)."""
    if len(_rows.by_id) > MAX_KEPT_ROWS:
        _rows.by_id.clear()
    _rows.by_id[row["id"]] = row


def forget() -> None:
    """Drop what this process keeps (tests that rebuild call it; nothing needs it for safety)."""
    _rows.by_id.clear()
    _view.cache_clear()


def _load(net: str) -> None:
    for row_id, kind, member_id, ts, roster_deps, facts in sql.fetch_all(
        "SELECT id, kind, member_id, ts, roster_deps, facts FROM "  # noqa: S608
        f"{sql.table(RosterEntry)} WHERE net = %s",
        [net],
    ):
        remember({"id": row_id, "kind": kind, "member_id": member_id, "ts": ts,
                  "roster_deps": json.loads(roster_deps), "facts": json.loads(facts)})


def _reach(net: str, heads: tuple) -> list[dict]:
    """Every roster row the heads reach through roster deps (heads included)."""
    seen, todo, rows, loaded = set(), list(heads), [], False
    while todo:
        row_id = todo.pop()
        if row_id in seen:
            continue
        row = _rows.by_id.get(row_id)
        if row is None and not loaded:
            _load(net)
            loaded = True
            row = _rows.by_id.get(row_id)
        if row is None:
            continue  # not a roster entry of this node: contributes nothing
        seen.add(row_id)
        rows.append(row)
        todo.extend(row["roster_deps"])
    return rows


@lru_cache(maxsize=1024)
def _view(net: str, heads: tuple) -> AssociationView:
    if not heads:
        return NOT_FOUNDED
    return fold(_reach(net, heads))


def fold(rows) -> AssociationView:
    """The association a set of roster rows makes (any order of `rows` gives the same view)."""
    by_kind: dict[str, list] = {"found": [], "join": [], "approve": [], "leave": [], "enact": []}
    for row in rows:
        by_kind[row["kind"]].append(row)
    if not by_kind["found"]:
        return NOT_FOUNDED
    found = min(by_kind["found"], key=lambda row: row["id"])  # the rule allows only one
    facts = found["facts"]
    tags: dict[str, set] = {member: {found["id"]} for member in facts["members"]}
    approvers: dict[str, set] = {}
    for row in by_kind["approve"]:
        approvers.setdefault(row["facts"]["join"], set()).add(row["member_id"])
    pending = []
    for row in sorted(by_kind["join"], key=lambda row: row["id"]):
        needed, approved = row["facts"]["needs"], frozenset(approvers.get(row["id"], ()))
        if len(approved) >= needed:
            tags.setdefault(row["member_id"], set()).add(row["id"])
        else:
            pending.append((row["id"], row["member_id"], needed, approved))
    ended = {tag for row in by_kind["leave"] for tag in row["facts"]["ends"]}
    live = {member: tuple(sorted(held - ended)) for member, held in tags.items()}
    live = {member: held for member, held in live.items() if held}
    members = frozenset(live)
    statutes = Statutes.from_dict(facts["statutes"])
    history = [(1, statutes, found["id"], "")]
    holders = {"steward": frozenset(facts["stewards"]), "teller": frozenset(facts["tellers"])}
    enacted = set()
    for row in sorted(by_kind["enact"], key=lambda row: row["facts"]["order"]):
        enact = row["facts"]
        if enact["close"] in enacted:
            continue  # the same decision enacted twice concurrently counts once
        enacted.add(enact["close"])
        effect = enact["effect"]
        if effect["kind"] == "statutes":
            try:
                statutes = statutes.changed(effect["changes"])
            except Rejected:  # invalid beside the changes enacted before it
                continue
            history.append((len(history) + 1, statutes, row["id"], enact["close"]))
        elif effect["kind"] == "elect":
            holders[effect["role"]] = frozenset(enact["winners"])
    pending = [join for join in pending if join[1] not in members]
    return AssociationView(
        founded=True,
        association_id=found["id"],
        name=facts["name"],
        members=members,
        stewards=holders["steward"] & members,
        tellers=holders["teller"] & members,
        statutes=statutes,
        statutes_version=len(history),
        statutes_history=tuple(history),
        pending_joins=tuple(pending),
        member_tags=tuple(sorted(live.items())),
        enacted=frozenset(enacted),
        entry_ids=frozenset(row["id"] for row in rows),
    )
