"""The certificate of a clearing run: what anyone checks, in one pass and without a solver,
to trust that a set-off keeps every member's net position and clears as much as possible.

The set-off x (one integer per obligation) is a feasible circulation: 0 <= x_e <= amount_e,
and at every member what is set off of their debts equals what is set off of their credits,
so net positions do not move. It is optimal when integer potentials p (one per member) meet,
for every obligation e from debtor u to creditor v that takes part,

    remaining_e > 0  =>  p[u] - p[v] >= 1
    set_off_e   > 0  =>  p[u] - p[v] <= 1

These are the complementary-slackness conditions of the linear programme
max sum x_e (circulation, 0 <= x_e <= amount_e) with its dual
min sum amount_e * y_e subject to y_e + p[u] - p[v] >= 1, y_e >= 0. For any other circulation x',
sum x'_e <= sum x'_e * (y_e + p[u] - p[v]) = sum x'_e * y_e <= sum amount_e * y_e (potential
differences sum to zero around a circulation), and the conditions make both inequalities
equalities for x with y_e = max(0, 1 - p[u] + p[v]). docs/subsystems/clearing.md says more.
"""

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

from commoning.core.clearing.obligations import Obligation, ObligationError, check_obligation

# A check reports at most this many problems: a forged certificate need not cost memory.
KEPT_PROBLEMS = 20


@dataclass(frozen=True)
class Certificate:
    """A clearing run as it is checked: the obligations, their set-off, what was kept out, the
    net position of every member (unchanged by the set-off) and the potentials proving it
    optimal. Amounts and positions in minor units."""

    obligations: Sequence[Obligation]
    set_off: dict[str, int]
    excluded: frozenset[str]  # obligation ids kept out: named, or of a member who opted out
    opted_out: frozenset[str]  # members who took no part
    net_positions: dict[str, int]  # member: credits minus debts, before and after alike
    potentials: dict[str, int]  # member taking part: potential
    total: int
    cleared: int


class SolverDisagrees(RuntimeError):
    """The set-off handed in is not optimal: its residual graph has a negative cycle."""


def net_positions(obligations: Sequence[Obligation]) -> dict[str, int]:
    """Each member's credits minus debts over the obligations."""
    positions: dict[str, int] = {}
    for obligation in obligations:
        positions[obligation.debtor] = positions.get(obligation.debtor, 0) - obligation.amount
        positions[obligation.creditor] = positions.get(obligation.creditor, 0) + obligation.amount
    return positions


def potentials_for(
    members: int, tails: Sequence[int], heads: Sequence[int], capacities: Sequence[int],
    set_offs: Sequence[int],
) -> list[int]:
    """Integer potentials meeting the optimality conditions for a set-off on arcs (a debtor's
    debts to one creditor, summed), found as shortest distances from a virtual source.

    The conditions are difference constraints: a remaining arc u->v asks p[v] <= p[u] - 1, a
    set-off arc asks p[u] <= p[v] + 1. Shortest paths over edges u->v of weight -1 and v->u of
    weight +1 meet them all, and exist exactly when the set-off is optimal (no negative
    cycle). Queue-based Bellman-Ford (SPFA): each member re-enters the queue only when its
    distance dropped, which on debt graphs is a few times.
    """
    out_start = [0] * (members + 1)
    for tail, head, capacity, set_off in zip(tails, heads, capacities, set_offs, strict=True):
        if set_off < capacity:
            out_start[tail + 1] += 1
        if set_off > 0:
            out_start[head + 1] += 1
    for member in range(members):
        out_start[member + 1] += out_start[member]
    fill = out_start[:-1].copy()
    targets = [0] * out_start[-1]
    weights = [0] * out_start[-1]
    for tail, head, capacity, set_off in zip(tails, heads, capacities, set_offs, strict=True):
        if set_off < capacity:
            targets[fill[tail]], weights[fill[tail]] = head, -1
            fill[tail] += 1
        if set_off > 0:
            targets[fill[head]], weights[fill[head]] = tail, 1
            fill[head] += 1
    distance = [0] * members
    queued = [True] * members
    entered = [1] * members
    queue = deque(range(members))
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


def check_certificate(certificate: Certificate) -> list[str]:
    """Every way the certificate fails, in one pass over its obligations (at most
    KEPT_PROBLEMS of them); an empty list means it checks."""
    try:
        from commoning.core.clearing.bulk_check import certificate_checks
    except ImportError:
        pass  # no numpy: the reference pass is complete on its own
    else:
        # All of it at once, in arrays; only a certificate that does not check, or one out
        # of the ordinary, pays for the reference pass, which names each problem.
        if certificate_checks(certificate):
            return []
    return check_obligation_by_obligation(certificate)


def check_obligation_by_obligation(certificate: Certificate) -> list[str]:
    """check_certificate's reference pass, in plain Python: every problem it finds, named
    (at most KEPT_PROBLEMS of them)."""
    problems: list[str] = []

    def problem(text: str) -> None:
        if len(problems) < KEPT_PROBLEMS:
            problems.append(text)

    set_off, potentials = certificate.set_off, certificate.potentials
    excluded, opted_out = certificate.excluded, certificate.opted_out
    before: dict[str, int] = {}
    after: dict[str, int] = {}
    seen_ids: set[str] = set()
    total = cleared = 0
    for obligation in certificate.obligations:
        try:
            check_obligation(obligation)
        except ObligationError as error:
            problem(f"obligation {obligation.id!r}: {error}")
            continue
        key, debtor, creditor = obligation.id, obligation.debtor, obligation.creditor
        if key in seen_ids:
            problem(f"obligation {key} appears twice")
        seen_ids.add(key)
        amount = obligation.amount
        amount_set_off = set_off.get(key)
        if type(amount_set_off) is not int or not 0 <= amount_set_off <= amount:
            problem(f"obligation {key}: set-off {amount_set_off!r} is not within 0..{amount}")
            continue
        remaining = amount - amount_set_off
        total += amount
        cleared += amount_set_off
        before[debtor] = before.get(debtor, 0) - amount
        before[creditor] = before.get(creditor, 0) + amount
        after[debtor] = after.get(debtor, 0) - remaining
        after[creditor] = after.get(creditor, 0) + remaining
        if debtor in opted_out or creditor in opted_out or key in excluded:
            if key not in excluded:
                problem(f"obligation {key} of a member who opted out is not excluded")
            if amount_set_off:
                problem(f"obligation {key} is excluded but sets off {amount_set_off}")
            continue
        debtor_potential, creditor_potential = potentials.get(debtor), potentials.get(creditor)
        if type(debtor_potential) is not int or type(creditor_potential) is not int:
            problem(f"obligation {key}: a member has no integer potential")
            continue
        drop = debtor_potential - creditor_potential
        if remaining > 0 and drop < 1:
            problem(f"obligation {key} keeps {remaining} but its potentials drop by {drop} < 1")
        if amount_set_off > 0 and drop > 1:
            problem(f"obligation {key} sets off {amount_set_off} but its potentials drop "
                    f"by {drop} > 1")
    if len(set_off) != len(seen_ids) or not seen_ids.issuperset(set_off):
        problem("the set-off names obligations the certificate does not hold")
    if not seen_ids.issuperset(certificate.excluded):
        problem("the exclusions name obligations the certificate does not hold")
    if before != after:
        moved = sorted(member for member in before if before[member] != after.get(member))
        problem(f"the set-off moves the net position of {len(moved)} member(s), e.g. {moved[:3]}")
    if before != certificate.net_positions:
        problem("the net positions stated differ from those of the obligations")
    if total != certificate.total or cleared != certificate.cleared:
        problem(f"the totals stated ({certificate.total}, {certificate.cleared}) differ from "
                f"the obligations' ({total}, {cleared})")
    return problems
