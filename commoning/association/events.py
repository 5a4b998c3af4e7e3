"""Entry types of the association: found, join, approve (a join), leave, enact (a decision).

Each rule reads only the entry and the roster its deps name (`roster.view_at` of its roster
deps), so every node reaches the same verdict whatever order entries arrive in. Who belongs,
who holds a role and what the statutes say change only through these entries; roles and
statutes only through `association.enact` of a decision that passed.
"""

import json

from commoning.accounts.admission import is_founder
from commoning.accounts.models import Member
from commoning.association import roster
from commoning.association.decisions import close_ts, outcome_of
from commoning.association.models import RosterEntry
from commoning.association.statutes import MAX_STEWARDS, Statutes
from commoning.core import fields
from commoning.log import sql
from commoning.log.registry import Forbidden, Rejected, member_of, register, register_projection

NAME_MAX = 120
MAX_TELLERS = 15
ROLES = ("steward", "teller")
EFFECT_KINDS = ("statutes", "elect")


# -- founding ------------------------------------------------------------------------------

def _member_ids(entry, ids, field: str, *, low: int, high: int) -> list[str]:
    if not isinstance(ids, list) or not low <= len(ids) <= high or len(set(ids)) != len(ids):
        raise Rejected(f"{field} must list from {low} to {high} different members")
    for member_id in ids:
        if not isinstance(member_id, str) or member_id not in entry.deps:
            raise Rejected(f"every member in {field} must be listed in deps")
    found = sql.fetch_all(
        f"SELECT id FROM {sql.table(Member)} WHERE net = %s AND id IN"
        f" ({', '.join(['%s'] * len(ids))})",
        [entry.net, *ids],
    )
    if len(found) != len(ids):
        raise Rejected(f"{field} names someone who is no member of this network")
    return ids


def check_found(entry):
    fields.only_fields(entry.data, {"name", "statutes", "founder", "stewards", "tellers"},
                       {"name", "statutes", "founder", "stewards", "tellers"})
    # One association per network: only the network's founder key founds it, once. That key's
    # feed is one chain (a fork cuts it), so an earlier founding is in this entry's own past.
    if not is_founder(entry.net, entry.author):
        raise Forbidden("only the network's founder key may found its association")
    if sql.fetch_one(f"SELECT 1 FROM {sql.table(RosterEntry)} WHERE net = %s AND kind = %s",
                     [entry.net, "found"]):
        raise Rejected("this network already has its association")
    fields.text(entry.data, "name", max_length=NAME_MAX)
    statutes = Statutes.from_dict(entry.data["statutes"])
    if entry.data["statutes"] != statutes.as_dict():
        raise Rejected("statutes must be written out in full, in their canonical form")
    count = statutes.stewards_count
    _member_ids(entry, entry.data["stewards"], "stewards", low=count, high=count)
    _member_ids(entry, entry.data["tellers"], "tellers", low=1, high=MAX_TELLERS)
    _member_ids(entry, [entry.data["founder"]], "founder", low=1, high=1)


def facts_of_found(entry, view) -> tuple[str, dict]:
    data = entry.data
    members = sorted({data["founder"], *data["stewards"], *data["tellers"]})
    return data["founder"], {"name": data["name"], "statutes": data["statutes"],
                             "members": members, "stewards": sorted(data["stewards"]),
                             "tellers": sorted(data["tellers"])}


# -- the roster entries after the founding -------------------------------------------------

def _view_of(entry) -> roster.AssociationView:
    heads = roster.roster_heads_of(entry)
    view = roster.view_at(entry.net, heads)
    if not view.founded:
        raise Rejected("an association entry must list the roster heads it saw in deps")
    if entry.data.get("association") != view.association_id:
        raise Rejected("association must name the association its roster heads belong to")
    return view


def check_join(entry):
    fields.only_fields(entry.data, {"association"}, {"association"})
    view = _view_of(entry)
    joiner = member_of(entry)
    if joiner in view.members:
        raise Rejected("already a member of the association")
    if any(join[1] == joiner for join in view.pending_joins):
        raise Rejected("a join of this member already waits for approvals")


def facts_of_join(entry, view) -> tuple[str, dict]:
    statutes = view.statutes
    needs = statutes.join_approvals if statutes.join_rule == "approval" else 0
    return member_of(entry), {"needs": needs}


def check_approve(entry):
    fields.only_fields(entry.data, {"association", "join"}, {"association", "join"})
    join_id = fields.entry_id(entry.data, "join")
    if join_id not in entry.deps:
        raise Rejected("an approval must list the join it approves in deps")
    view = _view_of(entry)
    approver = member_of(entry)
    if approver not in view.members:
        raise Forbidden("only a member of the association may approve a join")
    pending = {join[0]: join for join in view.pending_joins}
    if join_id not in pending:
        raise Rejected("that join does not wait for approvals")
    if pending[join_id][1] == approver:
        raise Forbidden("nobody approves their own join")
    if approver in pending[join_id][3]:
        raise Rejected("this member already approved that join")


def facts_of_approve(entry, view) -> tuple[str, dict]:
    return member_of(entry), {"join": entry.data["join"]}


def check_leave(entry):
    fields.only_fields(entry.data, {"association"}, {"association"})
    view = _view_of(entry)
    if member_of(entry) not in view.members:
        raise Rejected("not a member of the association")


def facts_of_leave(entry, view) -> tuple[str, dict]:
    leaver = member_of(entry)
    return leaver, {"ends": list(view.tags_of(leaver))}


# -- enactment -----------------------------------------------------------------------------

def check_effect(effect: dict, proposal_data: dict | None = None) -> None:
    """The shape of an effect the association enacts (the decisions app calls this when a
    proposal carries one). Whether it fits the statutes of the day is checked at enactment."""
    if not isinstance(effect, dict) or effect.get("kind") not in EFFECT_KINDS:
        raise Rejected("an association effect is a statutes change or an election")
    if effect["kind"] == "elect":
        if set(effect) != {"kind", "role"} or effect["role"] not in ROLES:
            raise Rejected("an election effect names its role: steward or teller")
        return
    changes = effect.get("changes")
    if set(effect) != {"kind", "changes"} or not isinstance(changes, dict) or not changes:
        raise Rejected("a statutes effect lists the changes it makes")
    # Checked against generous statutes, since the statutes of the day may differ by then.
    generous = Statutes(join_approvals=1, stewards_count=MAX_STEWARDS, payment_approvals=1)
    generous.changed(changes)


def check_enact(entry):
    fields.only_fields(entry.data, {"association", "close"}, {"association", "close"})
    close_id = fields.entry_id(entry.data, "close")
    if close_id not in entry.deps:
        raise Rejected("an enactment must list the decision's close entry in deps")
    view = _view_of(entry)
    if member_of(entry) not in view.members:
        raise Forbidden("only a member of the association may enact a decision")
    if close_id in view.enacted:
        raise Rejected("that decision is already enacted")
    outcome = outcome_of(entry.net, close_id)
    if outcome is None:
        raise Rejected("close names no closed decision")
    effect = outcome.effect
    if not isinstance(effect, dict) or effect.get("kind") not in EFFECT_KINDS:
        raise Rejected("that decision has nothing for the association to enact")
    check_effect(effect)
    if effect["kind"] == "statutes":
        if outcome.kind != "statutes":
            raise Rejected("statutes change only by a decision of the statutes kind")
        if outcome.passed is not True:
            raise Rejected("that decision did not pass")
        view.statutes.changed(effect["changes"])
        return
    if outcome.kind != "election":
        raise Rejected("roles change only by a decision of the election kind")
    winners = list(outcome.winners or [])
    if outcome.passed is False or not winners:
        raise Rejected("that election elected nobody")
    if any(winner not in view.members for winner in winners):
        raise Rejected("every winner must be a member of the association")
    if effect["role"] == "steward" and len(winners) != view.statutes.stewards_count:
        raise Rejected("the statutes call for a different number of stewards")
    if effect["role"] == "teller" and len(winners) > MAX_TELLERS:
        raise Rejected("too many tellers")


def facts_of_enact(entry, view) -> tuple[str, dict]:
    close_id = entry.data["close"]
    outcome = outcome_of(entry.net, close_id)
    return member_of(entry), {
        "close": close_id,
        "order": f"{close_ts(close_id):016d}:{close_id}",
        "effect": outcome.effect,
        "winners": sorted(outcome.winners or []),
    }


# -- apply: one row per roster entry -------------------------------------------------------

FACTS = {
    "association.found": ("found", facts_of_found),
    "association.join": ("join", facts_of_join),
    "association.approve": ("approve", facts_of_approve),
    "association.leave": ("leave", facts_of_leave),
    "association.enact": ("enact", facts_of_enact),
}


def apply_roster_entry(entry):
    kind, facts_of = FACTS[entry.type]
    roster_deps = [] if kind == "found" else roster.roster_heads_of(entry)
    view = roster.view_at(entry.net, roster_deps)
    member_id, facts = facts_of(entry, view)
    table = sql.table(RosterEntry)
    sql.execute(
        f"INSERT INTO {table} (id, net, kind, member_id, ts, roster_deps, facts, is_head)"
        " VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
        [entry.id, entry.net, kind, member_id, entry.ts, json.dumps(roster_deps),
         json.dumps(facts, sort_keys=True), True],
    )
    if roster_deps:
        sql.execute(
            f"UPDATE {table} SET is_head = %s WHERE net = %s AND id IN"
            f" ({', '.join(['%s'] * len(roster_deps))})",
            [False, entry.net, *roster_deps],
        )
    roster.remember({"id": entry.id, "kind": kind, "member_id": member_id, "ts": entry.ts,
                     "roster_deps": roster_deps, "facts": facts})


register("association.found", check=check_found, apply=apply_roster_entry, needs_member=False)
register("association.join", check=check_join, apply=apply_roster_entry)
register("association.approve", check=check_approve, apply=apply_roster_entry)
register("association.leave", check=check_leave, apply=apply_roster_entry)
register("association.enact", check=check_enact, apply=apply_roster_entry)
register_projection(RosterEntry)
