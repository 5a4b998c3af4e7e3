"""Liquid delegation by topic, resolved when a decision closes (pure).

A member may delegate their vote on a topic to another member, change the delegate, or revoke
(delegate None); their latest act by their own seq counts. At close, for each member of the
electorate: a direct ballot always counts as their own (it overrides any delegation);
otherwise the chain of delegates is followed to the first member who cast a ballot, and that
ballot counts for them too. A chain that ends at someone who neither voted nor delegated, that
leaves the electorate, or that loops back on itself (a cycle) goes nowhere: that member does
not vote. Delegations are per topic only; a decision without a topic takes none.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class DelegationAct:
    """One act on the voter's own feed: delegate on a topic to `delegate`, or revoke (None)."""

    voter: str
    topic: str
    delegate: str | None
    seq: int


@dataclass(frozen=True)
class EffectiveBallot:
    """The ballot that counts for `voter`, cast by `cast_by` (the voter, or their delegate)."""

    voter: str
    cast_by: str
    ballot: dict
    chain: tuple[str, ...]  # voter, each delegate followed, ..., cast_by


class DelegationError(ValueError):
    """Two acts of one voter on one topic share a seq: which is later is undecidable."""


def current_delegates(acts: Iterable[DelegationAct], topic: str | None) -> dict[str, str]:
    """voter -> delegate on `topic`, from each voter's latest act (highest seq)."""
    latest: dict[str, DelegationAct] = {}
    for act in acts:
        if topic is None or act.topic != topic:
            continue
        earlier = latest.get(act.voter)
        if earlier is not None and earlier.seq == act.seq and earlier != act:
            raise DelegationError(f"voter {act.voter!r} has two delegation acts with seq "
                                  f"{act.seq} on topic {topic!r}")
        if earlier is None or act.seq > earlier.seq:
            latest[act.voter] = act
    return {voter: act.delegate for voter, act in latest.items()
            if act.delegate is not None and act.delegate != voter}


def resolve(electorate: Iterable[str], direct_ballots: Mapping[str, dict],
            acts: Iterable[DelegationAct], topic: str | None) -> list[EffectiveBallot]:
    """The ballots that count at close, sorted by voter: direct ones, then delegated ones.

    `direct_ballots` maps a voter to their effective direct ballot (already their latest).
    Ballots of voters outside the electorate are ignored, as are delegations through them.
    """
    members = set(electorate)
    delegates = current_delegates(acts, topic)
    effective = []
    for voter in sorted(members):
        if voter in direct_ballots:
            effective.append(EffectiveBallot(voter, voter, direct_ballots[voter], (voter,)))
            continue
        chain = [voter]
        seen = {voter}
        current = voter
        while True:
            current = delegates.get(current)
            if current is None or current not in members or current in seen:
                break  # nobody to follow, outside the electorate, or a cycle: no vote
            chain.append(current)
            seen.add(current)
            if current in direct_ballots:
                effective.append(EffectiveBallot(voter, current, direct_ballots[current],
                                                 tuple(chain)))
                break
    return effective


def ballots_for_tally(effective: Iterable[EffectiveBallot]) -> list[dict]:
    """The effective ballots as decision-file ballots, each under the voter it counts for."""
    return [{**item.ballot, "voter": item.voter} for item in effective]
