"""Maintainer powers that follow recalls, whatever order the entries arrive in.

A maintainer act (a hide, a settle, a recall of another maintainer) names in deps the grant it
relies on. A recall (`work.role` revoke) names in deps the recalled member's feed heads it had
seen. The act counts if the grant is not revoked by a standing recall, or if the act is in that
recall's causal past: same key, seq at or below the head the recall names. Acts the recall had
not seen (concurrent with it or after it) are void. `ts` plays no part, so backdating gains
nothing.

Recalls may themselves rely on grants and be voided; which recalls stand is worked out from
the set of role entries alone (`standing_recalls`), so a late recall re-projects the same way
on every node: hides and settlements it voids are undone, and so are the recalls it voids.
"""

from commoning.log import sql
from commoning.work.events import credits
from commoning.work.models import Contribution, MaintainerAct, RoleChange, Validation


def parse_heads(text: str) -> dict[str, int]:
    heads = {}
    for part in filter(None, text.split(",")):
        key, _, seq = part.partition(":")
        heads[key] = max(int(seq), heads.get(key, 0))
    return heads


def voids(recall: RoleChange, grant_id: str, author_key: str, seq: int) -> bool:
    """Whether `recall` voids an act relying on `grant_id`, written as (author_key, seq).

    A lapse (`rule: inactivity`) voids nothing: anyone may record one, so its word on what it
    had seen would not be trusted; it only ends the grant for what follows. A recall comes
    from the founder or a maintainer, who hold the power to recall anyway.
    """
    if recall.rule != "recall" or not grant_id or grant_id not in recall.grants.split(","):
        return False
    return seq > parse_heads(recall.heads).get(author_key, 0)


def standing_recalls(revokes: list[RoleChange]) -> set[str]:
    """The ids of the revokes that stand.

    A revoke by the founder, or a lapse, relies on no grant and always stands. Another
    stands when every revoke that would void it is void, and is void when a standing revoke
    voids it; repeated until nothing changes. Revokes left undecided void each other in a
    cycle (two maintainers recalling each other unseen): all of them stand, so a conflict of
    recalls removes both roles rather than keeping either.
    """
    decided: dict[str, bool] = {r.id: True for r in revokes if not r.relied_grant_id}
    voiders = {
        r.id: [s for s in revokes if s.id != r.id and voids(s, r.relied_grant_id, r.author_key,
                                                            r.seq)]
        for r in revokes
        if r.relied_grant_id
    }
    changed = True
    while changed:
        changed = False
        for revoke_id, against in voiders.items():
            if revoke_id in decided:
                continue
            if any(decided.get(s.id) is True for s in against):
                decided[revoke_id], changed = False, True
            elif all(decided.get(s.id) is False for s in against):
                decided[revoke_id], changed = True, True
    return {r.id for r in revokes if decided.get(r.id, True)}


def act_is_void(commons_id: str, grant_id: str, author_key: str, seq: int) -> bool:
    """For a new act: whether a revoke standing now voids it (the founder's acts never are)."""
    if not grant_id:
        return False
    revokes = RoleChange.objects.filter(
        commons_id=commons_id, change="revoke", rule="recall", void=False,
        grants__contains=grant_id,
    )
    return any(voids(revoke, grant_id, author_key, seq) for revoke in revokes)


def reproject_roles(commons_id: str) -> None:
    """Recompute, from the set of role entries of a commons, which revokes stand, which grants
    are revoked, and which maintainer acts are void; then what those acts change."""
    changes = list(RoleChange.objects.filter(commons_id=commons_id))
    revokes = [change for change in changes if change.change == "revoke"]
    standing = standing_recalls(revokes)
    revoked_grants = set()
    for revoke in revokes:
        if revoke.id in standing:
            revoked_grants |= set(revoke.grants.split(","))
        void = revoke.id not in standing
        if revoke.void != void:
            RoleChange.objects.filter(id=revoke.id).update(void=void)
    for change in changes:
        revoked = change.change == "grant" and change.id in revoked_grants
        if change.change == "grant" and change.revoked != revoked:
            RoleChange.objects.filter(id=change.id).update(revoked=revoked)
    live = [revoke for revoke in revokes if revoke.id in standing]
    for act in MaintainerAct.objects.filter(commons_id=commons_id).exclude(grant_id=""):
        void = any(voids(revoke, act.grant_id, act.author_key, act.seq) for revoke in live)
        if act.void != void:
            MaintainerAct.objects.filter(id=act.id).update(void=void)
            refresh_target(act.kind, act.target_id)


def refresh_target(kind: str, target_id: str) -> None:
    if kind == "hide":
        refresh_hidden(target_id)
    else:
        refresh_settled(target_id)


def _first_standing_act(kind: str, target_id: str):
    # Of several acts, the first by (ts, author, id) gives the reason shown.
    return (
        MaintainerAct.objects.filter(kind=kind, target_id=target_id, void=False)
        .order_by("clock")
        .first()
    )


def refresh_hidden(contribution_id: str) -> None:
    act = _first_standing_act("hide", contribution_id)
    Contribution.objects.filter(id=contribution_id).update(
        hidden=act is not None,
        hidden_reason=act.reason if act else "",
        hidden_clock=act.clock if act else "",
        hidden_by=act.member_id if act else "",
    )
    credits.refresh_credit(contribution_id)


def refresh_settled(validation_id: str) -> None:
    from commoning.work.events.validations import recount  # validations import this module

    act = _first_standing_act("settle", validation_id)
    Validation.objects.filter(id=validation_id).update(
        settled=act is not None,
        settled_reason=act.reason if act else "",
        settled_clock=act.clock if act else "",
    )
    contribution_id = sql.fetch_one(
        "SELECT contribution_id FROM work_validation WHERE id = %s", [validation_id]
    )
    if contribution_id:
        recount(contribution_id[0])
