"""The clearing's hot loops over numpy arrays: obligations summed into arcs, the potentials
of the certificate, and each arc's set-off shared among its obligations.

solve.clear uses these whenever numpy imports (OR-Tools brings it), and its plain-Python loops
otherwise (the networkx fallback where OR-Tools cannot be installed); both give the same
arcs, the same set-off and the same potentials, so a result never depends on the path taken.
Members are integer indices here; flows and amounts are int64, which holds every bounded
total (commoning.core.limits.MAX_CLEARING_TOTAL is below 2**63).
"""

from dataclasses import dataclass

import numpy as np

from commoning.core.clearing.certificate import SolverDisagrees

# Below this many members whose distance just dropped, a round of whole-array operations
# costs more than visiting them one by one: the rest of the potentials search runs in Python.
FEW_ACTIVE_MEMBERS = 512


@dataclass
class ArcArrays:
    """Participating obligations summed per (debtor, creditor) pair, pairs in sorted order
    (members are numbered in sorted order), so the arcs depend only on the set.

    `order` lists the participating obligations (as positions among them) arc by arc, and
    `starts[a]` is where arc a's run begins in it."""

    members: int
    tails: np.ndarray
    heads: np.ndarray
    capacities: np.ndarray
    order: np.ndarray
    starts: np.ndarray

    def supplies(self) -> np.ndarray:
        supply = np.zeros(self.members, dtype=np.int64)
        np.add.at(supply, self.tails, self.capacities)
        np.subtract.at(supply, self.heads, self.capacities)
        return supply

    def counts(self) -> np.ndarray:
        """How many obligations each arc sums."""
        return np.diff(self.starts, append=len(self.order))


def arcs_of(tails: np.ndarray, heads: np.ndarray, amounts: np.ndarray, members: int) -> ArcArrays:
    """The arcs of obligations given as debtor and creditor indices (0..members-1) and
    amounts. A pair as one integer (debtor * members + creditor) sorts like the pair; a
    stable sort keeps the obligations of one arc in the order given."""
    pairs = tails * members + heads
    order = np.argsort(pairs, kind="stable")
    sorted_pairs = pairs[order]
    if len(sorted_pairs):
        starts = np.flatnonzero(np.r_[True, sorted_pairs[1:] != sorted_pairs[:-1]])
        capacities = np.add.reduceat(amounts[order], starts)
    else:
        starts = np.zeros(0, dtype=np.int64)
        capacities = np.zeros(0, dtype=np.int64)
    arc_pairs = sorted_pairs[starts]
    return ArcArrays(members, arc_pairs // members, arc_pairs % members, capacities, order,
                     starts)


def shares_of(arcs: ArcArrays, amounts: np.ndarray, arc_set_offs: np.ndarray, share_few):
    """Each participating obligation's set-off (as positions among them). An arc cleared
    whole or not at all, or summing one obligation, needs no sharing: one array operation
    covers them all. The rest (at most one per member, those the optimum clears in part)
    go to `share_few(positions, arc_set_off)`, the exact largest-remainder rule."""
    counts = arcs.counts()
    arc_of = np.repeat(np.arange(len(counts)), counts)  # arc of each entry of `order`
    in_order = amounts[arcs.order]
    set_off_on_arc = arc_set_offs[arc_of]
    shares_in_order = np.where(set_off_on_arc == arcs.capacities[arc_of], in_order, 0)
    single = counts[arc_of] == 1
    shares_in_order[single] = set_off_on_arc[single]
    partly = np.flatnonzero((arc_set_offs > 0) & (arc_set_offs < arcs.capacities) & (counts > 1))
    for arc in partly.tolist():
        start = int(arcs.starts[arc])
        positions = arcs.order[start:start + int(counts[arc])].tolist()
        shared = share_few(positions, int(arc_set_offs[arc]))
        shares_in_order[start:start + len(positions)] = [shared[p] for p in positions]
    shares = np.empty_like(shares_in_order)
    shares[arcs.order] = shares_in_order
    return shares


def potentials_of(
    members: int, tails: np.ndarray, heads: np.ndarray, capacities: np.ndarray,
    set_offs: np.ndarray,
) -> np.ndarray:
    """The same potentials as certificate.potentials_for (shortest distances from a virtual
    source over edges u->v of weight -1 where an arc keeps debt and v->u of weight +1 where
    it sets some off: unique, whatever finds them), found in rounds over whole arrays while
    many members' distances drop, then member by member (SPFA) for the long tail."""
    keeps, sets_off = set_offs < capacities, set_offs > 0
    sources = np.concatenate([tails[keeps], heads[sets_off]])
    targets = np.concatenate([heads[keeps], tails[sets_off]])
    weights = np.concatenate([np.full(int(keeps.sum()), -1, dtype=np.int64),
                              np.ones(int(sets_off.sum()), dtype=np.int64)])
    by_source = np.argsort(sources, kind="stable")
    targets, weights = targets[by_source], weights[by_source]
    out_start = np.zeros(members + 1, dtype=np.int64)
    np.cumsum(np.bincount(sources, minlength=members), out=out_start[1:])
    distance = np.zeros(members, dtype=np.int64)
    active = np.arange(members)
    rounds = 0
    while len(active) > FEW_ACTIVE_MEMBERS:
        rounds += 1
        if rounds > members + 1:
            raise SolverDisagrees("the set-off is not optimal (negative cycle)")
        first, degree = out_start[active], out_start[active + 1] - out_start[active]
        edge_count = int(degree.sum())
        # The edges leaving the active members, as one index array.
        edges = np.repeat(first - np.cumsum(degree) + degree, degree) + np.arange(edge_count)
        candidates = np.repeat(distance[active], degree) + weights[edges]
        lowered = distance.copy()
        np.minimum.at(lowered, targets[edges], candidates)
        active = np.flatnonzero(lowered < distance)
        distance = lowered
    if len(active):
        distance = np.asarray(_finish_in_python(
            distance.tolist(), active.tolist(), out_start.tolist(), targets.tolist(),
            weights.tolist()), dtype=np.int64)
    return distance


def _finish_in_python(distance, queue_from, out_start, targets, weights):
    """Queue-based Bellman-Ford from distances already lowered: every member not in
    `queue_from` has relaxed its edges at its current distance, so this ends at the same
    shortest distances. A member entering the queue more times than there are members
    means a negative cycle."""
    from collections import deque

    members = len(distance)
    queued = [False] * members
    for member in queue_from:
        queued[member] = True
    entered = [1] * members
    queue = deque(queue_from)
    while queue:
        member = queue.popleft()
        queued[member] = False
        base = distance[member]
        for edge in range(out_start[member], out_start[member + 1]):
            target = targets[edge]
            candidate = base + weights[edge]
            if candidate < distance[target]:
                distance[target] = candidate
                if not queued[target]:
                    entered[target] += 1
                    if entered[target] > members + 1:
                        raise SolverDisagrees("the set-off is not optimal (negative cycle)")
                    queued[target] = True
                    queue.append(target)
    return distance
