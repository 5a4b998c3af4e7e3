"""Benchmark of the largest clearing run an entry holds: 400 obligations among 16 members.

    python bench/clearing_runs.py [--obligations 400] [--members 16] [--repeat 5] [--seed 1]

Random debts (amounts 1..100,000 minor units) among the members are cleared by the core, and
the run's data is built as `commoning.obligations.proposal` builds it (only obligations with a
set-off). Printed, each the median wall time of `--repeat` runs in this process:
- solve: the core's clear() over all the debts (what the node proposing the run pays);
- check: rules.run_certificate + check_certificate over the run's data (what every node's
  `clearing.run` rule pays on ingest), with its ratio to solve;
- payload: the run's data as JSON, in bytes, beside the 64 KiB an entry may carry.
Timings on a shared machine move; compare the ratio, measured side by side in the same run.
"""

import argparse
import random
import statistics
import time

import orjson

from commoning.core.clearing.certificate import check_certificate, net_positions
from commoning.core.clearing.obligations import Obligation
from commoning.core.clearing.solve import clear
from commoning.core.limits import MAX_PAYLOAD_BYTES
from commoning.obligations.rules import run_certificate


def timed(function, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--obligations", type=int, default=400)
    parser.add_argument("--members", type=int, default=16)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    members = [f"{index:064x}" for index in range(args.members)]
    debts = []
    for index in range(args.obligations):
        debtor, creditor = rng.sample(members, 2)
        debts.append(Obligation(f"{index + 1:064x}", debtor, creditor, rng.randint(1, 100_000)))
    solve_time, result = timed(lambda: clear(debts), args.repeat)
    taken = [o for o in debts if result.set_off[o.id] > 0]
    people = sorted({m for o in taken for m in (o.debtor, o.creditor)})
    data = {
        "unit": "EUR",
        "items": sorted([o.id, o.amount, result.set_off[o.id]] for o in taken),
        "potentials": {m: result.certificate.potentials[m] for m in people},
        "positions": dict(sorted(net_positions(taken).items())),
        "total": sum(o.amount for o in taken),
        "cleared": sum(result.set_off[o.id] for o in taken),
    }
    parties = {o.id: (o.debtor, o.creditor) for o in taken}
    check_time, problems = timed(
        lambda: check_certificate(run_certificate(data, parties)), args.repeat)
    assert not problems, problems
    payload = len(orjson.dumps(data))
    print(f"{args.obligations} obligations among {args.members} members: {len(taken)} taken, "
          f"{result.cleared:,} of {result.total:,} cleared ({result.solver})")
    print(f"solve   {solve_time * 1000:9.2f} ms")
    print(f"check   {check_time * 1000:9.2f} ms   ({check_time / solve_time:.2f} x solve)")
    print(f"payload {payload:9,d} bytes of {MAX_PAYLOAD_BYTES:,} an entry may carry "
          f"({'fits' if payload <= MAX_PAYLOAD_BYTES else 'TOO LARGE'})")


if __name__ == "__main__":
    main()
