"""Benchmark of optimal multilateral clearing on power-law debt graphs, certificate included.

    python bench/clearing.py [--sizes 100000,1000000] [--baseline-size 100000]
                             [--plain-size 100000] [--seed 1]

For each size a graph of that many obligations is drawn (see `power_law_obligations`), then
cleared with OR-Tools, and the certificate checked, with the loops over obligations as numpy
array operations (commoning.core.clearing.arrays, bulk_check). In the same run the plain-size
graph is cleared and checked again with plain-Python loops (as where numpy is missing), the
baseline of the array path, and networkx's network simplex clears the baseline-size graph
(the same obligations as that size, if it is one of the sizes), so all the times are taken on
the same machine under the same load. Each measurement runs in
its own process, so its peak resident memory (ru_maxrss: the obligations, the solver and the
certificate together) is its own. Targets (issue 14): 1,000,000 obligations under 30 s and
1 GB, counting the clearing and the certificate check, not the drawing of the graph.
"""

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def power_law_obligations(size: int, seed: int):
    """`size` obligations among size / 5 members (10 obligations per member on average).
    Debtor and creditor are drawn independently with weight (rank + 1) ** -(2/3), a Chung-Lu
    graph whose degrees follow a power law of exponent 2.5 as in payment networks: a few
    hubs, many members with one or two debts. Amounts are log-uniform from 1 to 100,000 minor
    units."""
    from commoning.core.clearing.obligations import Obligation

    generator = random.Random(seed)
    members = [f"member-{rank}" for rank in range(max(2, size // 5))]
    cumulative, running = [], 0.0
    for rank in range(len(members)):
        running += (rank + 1) ** (-2 / 3)
        cumulative.append(running)
    debtors = generator.choices(members, cum_weights=cumulative, k=size)
    creditors = generator.choices(members, cum_weights=cumulative, k=size)
    obligations = []
    for number, (debtor, creditor) in enumerate(zip(debtors, creditors, strict=True)):
        while creditor == debtor:
            creditor = generator.choice(members)
        amount = int(10 ** generator.uniform(0, 5))
        obligations.append(Obligation(f"o{number}", debtor, creditor, amount))
    return obligations


def measure(size: int, seed: int, solver: str, path: str = "arrays") -> dict:
    """One measurement, in this process: draw, clear, check; times and peak memory. `path`
    "plain" runs clear and the certificate check as plain Python, as where numpy is missing
    (and as every run did before the array path): the baseline of the array path."""
    sys.path.insert(0, str(ROOT))
    from commoning.core.clearing import certificate, solve

    clear, check_certificate = solve.clear, certificate.check_certificate
    if path == "plain":
        solve._numpy_here = lambda: False
        check_certificate = certificate.check_obligation_by_obligation

    obligations = power_law_obligations(size, seed)
    drawn, drawn_cpu = time.perf_counter(), time.process_time()
    clearing = clear(obligations, solver=solver)
    cleared = time.perf_counter()
    problems = check_certificate(clearing.certificate)
    checked, checked_cpu = time.perf_counter(), time.process_time()
    return {
        "size": size,
        "solver": clearing.solver if path == "arrays" else f"{clearing.solver}, plain",
        "members": len({o.debtor for o in obligations} | {o.creditor for o in obligations}),
        "total": clearing.total,
        "cleared": clearing.cleared,
        "certificate_ok": not problems,
        # CPU time of this process (the solvers run in its thread): on a shared machine it
        # moves less with the load than wall time does.
        "cpu_seconds": checked_cpu - drawn_cpu,
        "clear_seconds": cleared - drawn,
        "check_seconds": checked - cleared,
        # Linux reports ru_maxrss in KiB.
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def in_own_process(size: int, seed: int, solver: str, path: str = "arrays") -> dict:
    result = subprocess.run(
        [sys.executable, __file__, "--measure", f"{size},{seed},{solver},{path}"],
        capture_output=True, text=True, check=True,
    )
    return json.loads(result.stdout)


def report(row: dict) -> None:
    share = row["cleared"] * 100 / row["total"] if row["total"] else 0.0
    work = row["clear_seconds"] + row["check_seconds"]
    print(f"{row['size']:>9,} {row['solver']:<14} {row['members']:>8,} {share:>8.2f} % "
          f"{row['clear_seconds']:>8.2f} s {row['check_seconds']:>7.2f} s {work:>8.2f} s "
          f"{row['cpu_seconds']:>8.2f} s {row['peak_rss_mib']:>8.0f} MiB  "
          f"{'checks' if row['certificate_ok'] else 'FAILS'}",
          flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100000,1000000",
                        help="obligations per graph, comma-separated")
    parser.add_argument("--baseline-size", type=int, default=100_000,
                        help="the size networkx clears as the baseline (0: none)")
    parser.add_argument("--plain-size", type=int, default=100_000,
                        help="the size OR-Tools clears with plain-Python loops as the baseline "
                             "of the array path (0: none)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.measure:
        size, seed, solver, path = arguments.measure.split(",")
        print(json.dumps(measure(int(size), int(seed), solver, path)))
        return
    print("obligations solver          members  cleared     clear   check  clear+check      CPU  "
          "peak RSS   (clear, check: wall time; CPU: both, this process)")
    rows = []
    for size in (int(size) for size in arguments.sizes.split(",")):
        rows.append(in_own_process(size, arguments.seed, "ortools"))
        report(rows[-1])
    if arguments.plain_size:
        plain = in_own_process(arguments.plain_size, arguments.seed, "ortools", "plain")
        report(plain)
        ours = next((row for row in rows if row["size"] == plain["size"]), None)
        if ours:
            assert ours["cleared"] == plain["cleared"], "the two paths disagree"
            print(f"plain Python / arrays CPU time at {plain['size']:,}: "
                  f"{plain['cpu_seconds'] / ours['cpu_seconds']:.1f}x (clear and check)")
    if arguments.baseline_size:
        baseline = in_own_process(arguments.baseline_size, arguments.seed, "networkx")
        report(baseline)
        ours = next((row for row in rows if row["size"] == baseline["size"]), None)
        if ours:
            assert ours["cleared"] == baseline["cleared"], "the two solvers disagree"
            print(f"networkx / OR-Tools clear time at {baseline['size']:,}: "
                  f"{baseline['clear_seconds'] / ours['clear_seconds']:.1f}x "
                  "(both include sharing the set-off and computing the potentials)")
    print("Targets: 1,000,000 obligations cleared and checked under 30 s and 1 GB. "
          "Figures move with the machine's load: compare rows of one run.")


if __name__ == "__main__":
    main()
