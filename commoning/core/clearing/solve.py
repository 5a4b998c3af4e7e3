"""Optimal multilateral set-off: the largest total of debt that can be cleared in cycles.

The obligations that take part are summed per (debtor, creditor) pair into arcs. What stays
owed after clearing is a flow f with 0 <= f <= amount that keeps every member's net position;
clearing the most means leaving the least, so f is a minimum-cost flow with cost 1 per unit
and each member supplying what they owe net (OR-Tools is handed the same optimum as a
circulation of cost -1 per unit set off, which it solves faster). OR-Tools solves it;
networkx's network simplex is the fallback where OR-Tools cannot be imported, or when asked
for. Each arc's set-off (amount - f) is shared among its obligations by largest remainder,
and a certificate (commoning.core.clearing.certificate) comes with every result.

Where numpy imports (it comes with OR-Tools) the loops over obligations run as array
operations (commoning.core.clearing.arrays); without it, as plain Python. Both give the same
arcs, set-off and potentials.
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
    excluded_ids = frozenset(excluded)
    if opted_out_members:
        excluded_ids |= {
            obligation.id for obligation in checked
            if obligation.debtor in opted_out_members or obligation.creditor in opted_out_members
        }
    if _numpy_here():
        return _clear_in_arrays(checked, excluded_ids, opted_out_members, solver)
    return _clear_in_python(checked, excluded_ids, opted_out_members, solver)


def _numpy_here() -> bool:
    """numpy comes with OR-Tools; where neither can be installed, plain Python does it all."""
    try:
        import numpy  # noqa: F401
    except ImportError:
        return False
    return True


def _clear_in_arrays(
    checked: list[Obligation], excluded_ids: frozenset[str], opted_out_members: frozenset[str],
    solver: str,
) -> Clearing:
    """clear() with its loops over a million obligations done as numpy array operations."""
    import numpy as np

    from commoning.core.clearing import arrays

    count = len(checked)
    ids = [obligation.id for obligation in checked]
    debtors = [obligation.debtor for obligation in checked]
    creditors = [obligation.creditor for obligation in checked]
    amount_list = [obligation.amount for obligation in checked]
    amounts = np.array(amount_list, dtype=np.int64)
    everyone = sorted(set(debtors).union(creditors))
    number = {member: index for index, member in enumerate(everyone)}
    tails = np.fromiter(map(number.__getitem__, debtors), dtype=np.int64, count=count)
    heads = np.fromiter(map(number.__getitem__, creditors), dtype=np.int64, count=count)
    positions = np.zeros(len(everyone), dtype=np.int64)
    np.subtract.at(positions, tails, amounts)
    np.add.at(positions, heads, amounts)

    if excluded_ids:
        taking_part = np.flatnonzero(np.fromiter(
            (obligation_id not in excluded_ids for obligation_id in ids), dtype=bool, count=count
        ))
    else:
        taking_part = np.arange(count)
    # Members taking part, renumbered in the same sorted order: the solver sees no one else.
    named = np.zeros(len(everyone), dtype=bool)
    named[tails[taking_part]] = True
    named[heads[taking_part]] = True
    renumber = np.cumsum(named) - 1
    members = [everyone[index] for index in np.flatnonzero(named).tolist()]
    arcs = arrays.arcs_of(renumber[tails[taking_part]], renumber[heads[taking_part]],
                          amounts[taking_part], len(members))

    solver_used, remaining_on_arc = _solve(
        _ArcLists(arcs.members, arcs.tails, arcs.heads, arcs.capacities, arcs.supplies()),
        solver,
    )
    arc_set_offs = arcs.capacities - np.asarray(remaining_on_arc, dtype=np.int64)

    def share_few(positions_taking_part: list[int], arc_set_off: int) -> dict[int, int]:
        on_arc = [checked[taking_part[position]] for position in positions_taking_part]
        by_id = share_set_off(on_arc, arc_set_off)
        return {position: by_id[obligation.id]
                for position, obligation in zip(positions_taking_part, on_arc, strict=True)}

    shares = np.zeros(count, dtype=np.int64)
    shares[taking_part] = arrays.shares_of(arcs, amounts[taking_part], arc_set_offs, share_few)
    set_off = dict(zip(ids, shares.tolist(), strict=True))
    potentials = arrays.potentials_of(len(members), arcs.tails, arcs.heads, arcs.capacities,
                                      arc_set_offs)
    total = sum(amount_list)
    cleared = int(arc_set_offs.sum())
    certificate = Certificate(
        obligations=checked,
        set_off=set_off,
        excluded=excluded_ids & set_off.keys(),
        opted_out=opted_out_members,
        net_positions=dict(zip(everyone, positions.tolist(), strict=True)),
        potentials=dict(zip(members, potentials.tolist(), strict=True)),
        total=total,
        cleared=cleared,
    )
    return Clearing(set_off, total, cleared, total - cleared, solver_used, certificate)


def _clear_in_python(
    checked: list[Obligation], excluded_ids: frozenset[str], opted_out_members: frozenset[str],
    solver: str,
) -> Clearing:
    """clear() without numpy: the same arcs, set-off and potentials, in plain loops."""
    arcs = _arcs([obligation for obligation in checked if obligation.id not in excluded_ids])
    solver_used, remaining_on_arc = _solve(
        _ArcLists(len(arcs.members), arcs.tails, arcs.heads, arcs.capacities, arcs.supplies()),
        solver,
    )
    arc_set_offs = [
        capacity - int(remaining)
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


@dataclass
class _ArcLists:
    """What a solver needs: members 0..members-1, arcs and supplies, as lists or arrays."""

    members: int
    tails: Sequence[int]
    heads: Sequence[int]
    capacities: Sequence[int]
    supplies: Sequence[int]


def _solve(arcs: _ArcLists, solver: str) -> tuple[str, Sequence[int]]:
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


def _solve_with_ortools(arcs: _ArcLists):
    import numpy as np
    from ortools.graph.python import min_cost_flow

    if not len(arcs.tails):
        return []
    # The same optimum asked the other way round: a circulation of cost -1 per unit set off,
    # no supplies. OR-Tools then skips the max-flow check that supplies can be met, which
    # on 200,000 obligations saved about 15 % of its time (6.4 s -> 5.5 s CPU, same process).
    flow = min_cost_flow.SimpleMinCostFlow()
    capacities = np.asarray(arcs.capacities, dtype=np.int64)
    arc_ids = flow.add_arcs_with_capacity_and_unit_cost(
        np.asarray(arcs.tails, dtype=np.int32),
        np.asarray(arcs.heads, dtype=np.int32),
        capacities,
        np.full(len(capacities), -1, dtype=np.int64),
    )
    status = flow.solve()
    # Setting nothing off is a circulation, so a feasible one always exists.
    if status != flow.OPTIMAL:
        raise RuntimeError(f"OR-Tools min-cost flow ended with status {status}")
    return capacities - flow.flows(arc_ids)


def _solve_with_networkx(arcs: _ArcLists) -> list[int]:
    import networkx as nx

    if not len(arcs.tails):
        return []  # network_simplex refuses a graph without nodes
    tails, heads = list(map(int, arcs.tails)), list(map(int, arcs.heads))
    graph = nx.DiGraph()
    for member, supply in enumerate(map(int, arcs.supplies)):
        graph.add_node(member, demand=-supply)  # networkx: demand = inflow - outflow
    for tail, head, capacity in zip(tails, heads, map(int, arcs.capacities), strict=True):
        graph.add_edge(tail, head, capacity=capacity, weight=1)
    _cost, flows = nx.network_simplex(graph)
    return [flows[tail][head] for tail, head in zip(tails, heads, strict=True)]
