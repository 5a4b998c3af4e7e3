"""Optimal multilateral set-off: the largest total of debt that can be cleared in cycles.

The obligations that take part are summed per (debtor, creditor) pair into arcs. What stays
owed after clearing is a flow f with 0 <= f <= amount that keeps every member's net position;
clearing the most means leaving the least, so f is a minimum-cost flow with cost 1 per unit
and each member supplying what they owe net. OR-Tools solves it; networkx's network simplex
is the fallback where OR-Tools cannot be imported, or when asked for. Each arc's set-off
(amount - f) is shared among its obligations by largest remainder, and a certificate
(commoning.core.clearing.certificate) comes with every result.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from commoning.core.clearing.certificate import Certificate, net_positions, potentials_for
from commoning.core.clearing.obligations import Obligation, check_obligations

SOLVERS = ("auto", "ortools", "networkx")


class SolverUnavailable(RuntimeError):
    """The solver asked for cannot be imported here."""


@dataclass(frozen=True)
class Clearing:
    """The result of a run: set-off per obligation id (input order), totals in minor units,
    the solver that found it and the certificate that proves it."""

    set_off: dict[str, int]
    total: int
    cleared: int
    remaining: int
    solver: str
    certificate: Certificate


@dataclass
class _Arcs:
    """The participating obligations summed per (debtor, creditor), members numbered in
    sorted order so that the arcs, and so the solvers' input, depend only on the set."""

    members: list[str]
    tails: list[int]
    heads: list[int]
    capacities: list[int]
    obligations_on_arc: list[list[Obligation]]

    def supplies(self) -> list[int]:
        supply = [0] * len(self.members)
        for tail, head, capacity in zip(self.tails, self.heads, self.capacities, strict=True):
            supply[tail] += capacity
            supply[head] -= capacity
        return supply


def clear(
    obligations: Iterable[Obligation],
    *,
    opted_out: Iterable[str] = (),
    excluded: Iterable[str] = (),
    solver: str = "auto",
) -> Clearing:
    """Clear as much as possible of the obligations, leaving out every obligation of a member
    in `opted_out` and every obligation whose id is in `excluded`.

    `solver` is "ortools", "networkx", or "auto" (OR-Tools where it imports, else networkx).
    """
    if solver not in SOLVERS:
        raise ValueError(f"solver must be one of {', '.join(SOLVERS)}")
    checked = check_obligations(obligations)
    opted_out_members = frozenset(opted_out)
    excluded_ids = frozenset(excluded) | {
        obligation.id for obligation in checked
        if obligation.debtor in opted_out_members or obligation.creditor in opted_out_members
    }
    arcs = _arcs([obligation for obligation in checked if obligation.id not in excluded_ids])
    solver_used, remaining_on_arc = _solve(arcs, solver)
    arc_set_offs = [
        capacity - remaining
        for capacity, remaining in zip(arcs.capacities, remaining_on_arc, strict=True)
    ]
    set_off_by_id: dict[str, int] = {}
    for on_arc, arc_set_off in zip(arcs.obligations_on_arc, arc_set_offs, strict=True):
        set_off_by_id.update(share_set_off(on_arc, arc_set_off))
    set_off = {obligation.id: set_off_by_id.get(obligation.id, 0) for obligation in checked}
    potentials = potentials_for(
        len(arcs.members), arcs.tails, arcs.heads, arcs.capacities, arc_set_offs
    )
    total = sum(obligation.amount for obligation in checked)
    cleared = sum(arc_set_offs)
    certificate = Certificate(
        obligations=checked,
        set_off=set_off,
        excluded=excluded_ids & set_off.keys(),
        opted_out=opted_out_members,
        net_positions=net_positions(checked),
        potentials=dict(zip(arcs.members, potentials, strict=True)),
        total=total,
        cleared=cleared,
    )
    return Clearing(set_off, total, cleared, total - cleared, solver_used, certificate)


def share_set_off(on_arc: Sequence[Obligation], arc_set_off: int) -> dict[str, int]:
    """Share an arc's set-off among its obligations in proportion to their amounts, exactly:
    each gets the floor of its share, and what is left goes one unit each to the largest
    remainders, ties to the smaller id. No share exceeds its obligation."""
    capacity = sum(obligation.amount for obligation in on_arc)
    if arc_set_off in (0, capacity):
        return {obligation.id: obligation.amount if arc_set_off else 0 for obligation in on_arc}
    shares = {}
    remainders = []
    for obligation in on_arc:
        share, remainder = divmod(arc_set_off * obligation.amount, capacity)
        shares[obligation.id] = share
        remainders.append((-remainder, obligation.id))
    left = arc_set_off - sum(shares.values())
    # A positive remainder means share < amount, and at most that many units are left over.
    for _negative_remainder, obligation_id in sorted(remainders)[:left]:
        shares[obligation_id] += 1
    return shares


def _arcs(participating: list[Obligation]) -> _Arcs:
    members = sorted({o.debtor for o in participating} | {o.creditor for o in participating})
    number = {member: index for index, member in enumerate(members)}
    # A pair as one integer (debtor * members + creditor): sorts like the (debtor, creditor)
    # tuple, and a million of them cost no tuples.
    width = len(members)
    by_pair: dict[int, list[Obligation]] = {}
    for obligation in participating:
        pair = number[obligation.debtor] * width + number[obligation.creditor]
        on_pair = by_pair.get(pair)
        if on_pair is None:
            by_pair[pair] = [obligation]
        else:
            on_pair.append(obligation)
    pairs = sorted(by_pair)
    obligations_on_arc = [by_pair[pair] for pair in pairs]
    return _Arcs(
        members=members,
        tails=[pair // width for pair in pairs],
        heads=[pair % width for pair in pairs],
        capacities=[sum(o.amount for o in on_arc) for on_arc in obligations_on_arc],
        obligations_on_arc=obligations_on_arc,
    )


def _solve(arcs: _Arcs, solver: str) -> tuple[str, list[int]]:
    """The flow left owed on each arc, and the name of the solver that found it."""
    if solver in ("auto", "ortools"):
        try:
            from ortools.graph.python import min_cost_flow  # noqa: F401
        except ImportError as error:
            if solver == "ortools":
                raise SolverUnavailable("OR-Tools cannot be imported here") from error
        else:
            return "ortools", _solve_with_ortools(arcs)
    return "networkx", _solve_with_networkx(arcs)


def _solve_with_ortools(arcs: _Arcs) -> list[int]:
    import numpy as np
    from ortools.graph.python import min_cost_flow

    if not arcs.tails:
        return []
    flow = min_cost_flow.SimpleMinCostFlow()
    arc_ids = flow.add_arcs_with_capacity_and_unit_cost(
        np.asarray(arcs.tails, dtype=np.int32),
        np.asarray(arcs.heads, dtype=np.int32),
        np.asarray(arcs.capacities, dtype=np.int64),
        np.ones(len(arcs.tails), dtype=np.int64),
    )
    flow.set_nodes_supplies(
        np.arange(len(arcs.members), dtype=np.int32), np.asarray(arcs.supplies(), dtype=np.int64)
    )
    status = flow.solve()
    # Leaving every debt as it is meets every supply, so a feasible flow always exists.
    if status != flow.OPTIMAL:
        raise RuntimeError(f"OR-Tools min-cost flow ended with status {status}")
    return flow.flows(arc_ids).tolist()


def _solve_with_networkx(arcs: _Arcs) -> list[int]:
    import networkx as nx

    if not arcs.tails:
        return []  # network_simplex refuses a graph without nodes
    graph = nx.DiGraph()
    for member, supply in enumerate(arcs.supplies()):
        graph.add_node(member, demand=-supply)  # networkx: demand = inflow - outflow
    for tail, head, capacity in zip(arcs.tails, arcs.heads, arcs.capacities, strict=True):
        graph.add_edge(tail, head, capacity=capacity, weight=1)
    _cost, flows = nx.network_simplex(graph)
    return [flows[tail][head] for tail, head in zip(arcs.tails, arcs.heads, strict=True)]
