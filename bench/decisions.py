"""Benchmark of the decision tallies: 100,000 ranked ballots over 20 options.

    python bench/decisions.py [--ballots 100000] [--options 20] [--seats 3] [--seed 1]

One seeded profile (Plackett-Luce: every voter ranks all options, popular ones tend to come
first; few rankings repeat, the hard case for a counted profile) is built in memory as a
decision file. Each figure is the median wall time of `--repeat` runs in this one process:
- read: orjson parsing the file's bytes, the baseline every tally pays first;
- check: parse + check_decision (validation, latest ballot per voter, normal form);
- irv / schulze / stv: tally() of the checked decision (count, rounds, digest);
- pref_voting irv / schulze: pref_voting's instant runoff and beat-path on the same profile,
  its Profile built beforehand (not timed), as an independent yardstick.
Targets: irv and schulze under 2 s each at 100,000 x 20. Timings on a shared machine move;
compare the ratios in the last column, measured side by side in the same run.
"""

import argparse
import random
import statistics
import time
import warnings

import orjson

from commoning.core.voting.ballots import check_decision
from commoning.core.voting.tally import tally


def plackett_luce_rankings(ballots: int, options: int, seed: int) -> list[list[int]]:
    rng = random.Random(seed)
    weights = [1 / (index + 1) for index in range(options)]
    rankings = []
    for _ in range(ballots):
        # Sorting by -log(U)/w is a Plackett-Luce draw (exponential race).
        keys = [rng.expovariate(weight) for weight in weights]
        rankings.append(sorted(range(options), key=keys.__getitem__))
    return rankings


def timed(function, repeat: int) -> tuple[float, object]:
    times = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ballots", type=int, default=100_000)
    parser.add_argument("--options", type=int, default=20)
    parser.add_argument("--seats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-pref-voting", action="store_true",
                        help="skip the pref_voting yardstick")
    args = parser.parse_args()

    options = [f"option-{index:02d}" for index in range(args.options)]
    rankings = plackett_luce_rankings(args.ballots, args.options, args.seed)
    value = {"method": "irv", "options": options, "seats": 1, "electorate": args.ballots,
             "quorum": args.ballots // 2,
             "ballots": [{"voter": f"voter-{i}", "ranking": [options[j] for j in ranking]}
                         for i, ranking in enumerate(rankings)]}
    raw = orjson.dumps(value)
    distinct = len({tuple(ranking) for ranking in rankings})
    print(f"{args.ballots} ballots over {args.options} options ({distinct} distinct rankings), "
          f"file {len(raw) / 1e6:.1f} MB, median of {args.repeat}")

    read_seconds, _ = timed(lambda: orjson.loads(raw), args.repeat)
    check_seconds, _ = timed(lambda: check_decision(orjson.loads(raw)), args.repeat)
    rows = [("read (orjson.loads)", read_seconds, None),
            ("check (parse + check_decision)", check_seconds, None)]
    outcomes = {}
    for method, seats in (("irv", 1), ("schulze", 1), ("stv", args.seats)):
        decision = check_decision({**value, "method": method, "seats": seats})
        seconds, outcomes[method] = timed(lambda d=decision: tally(d), args.repeat)
        rows.append((f"{method} tally" + (f" ({seats} seats)" if method == "stv" else ""),
                     seconds, None))

    if not args.no_pref_voting:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from pref_voting.iterative_methods import instant_runoff_tb
            from pref_voting.margin_based_methods import beat_path
            from pref_voting.profiles import Profile

            profile = Profile(rankings)
            tie_breaker = list(reversed(range(args.options)))  # ids sort as indices here
            irv_seconds, irv_winners = timed(
                lambda: instant_runoff_tb(profile, tie_breaker=tie_breaker), args.repeat)
            schulze_seconds, schulze_winners = timed(lambda: beat_path(profile), args.repeat)
        rows.append(("pref_voting irv", irv_seconds, "irv tally"))
        rows.append(("pref_voting schulze", schulze_seconds, "schulze tally"))
        assert outcomes["irv"]["winners"] == [options[w] for w in irv_winners]
        assert outcomes["schulze"]["counts"]["schulze_winners"] == [
            options[w] for w in schulze_winners]

    by_name = {name: seconds for name, seconds, _ in rows}
    print(f"{'phase':34} {'seconds':>9}  ratio")
    for name, seconds, compare_to in rows:
        if compare_to:
            ratio = f"ours takes {by_name[compare_to] / seconds:.2f}x its time"
        elif name != rows[0][0]:
            ratio = f"{seconds / read_seconds:.1f}x read"
        else:
            ratio = "baseline"
        print(f"{name:34} {seconds:9.3f}  {ratio}")
    for method, outcome in outcomes.items():
        print(f"{method}: winners {outcome['winners']}, {len(outcome['rounds'])} rounds")


if __name__ == "__main__":
    main()
