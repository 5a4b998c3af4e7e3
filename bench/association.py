"""How the association's view costs grow with the roster: a cold `view_at` (walking the
roster DAG from the heads and folding it, rows already in memory as after their apply) of a
roster of SIZE members, beside the same at SIZE/10 measured in the same run (the baseline),
and a memoised `view_at` look-up.

    python bench/association.py 10000          # rosters of 1,000 and 10,000 members
    python bench/association.py 100000 --repeat 5

The rosters are synthetic rows (a founding, SIZE joins, a tenth of them approval joins with
their approvals, a twentieth leaves, ten statutes changes and an election), walked and folded
in memory: no database, so the figures are the walk and fold alone. The machine's load moves
them; compare the two sizes of one run, not runs on different days.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _id(rng) -> str:
    return f"{rng.getrandbits(256):064x}"


def roster_rows(size: int, seed: int = 7) -> list[dict]:
    from commoning.association.statutes import Statutes

    rng = random.Random(seed)
    founder = _id(rng)
    found = {"id": _id(rng), "kind": "found", "member_id": founder, "ts": 0, "roster_deps": [],
             "facts": {"name": "Bench", "statutes": Statutes(stewards_count=1,
                                                             payment_approvals=1).as_dict(),
                       "members": [founder], "stewards": [founder], "tellers": [founder]}}
    rows, members, head = [found], [founder], found["id"]
    for number in range(size):
        member = _id(rng)
        needs = 1 if number % 10 == 0 else 0
        join = {"id": _id(rng), "kind": "join", "member_id": member, "ts": number + 1,
                "roster_deps": [head], "facts": {"needs": needs}}
        rows.append(join)
        head = join["id"]
        if needs:
            approve = {"id": _id(rng), "kind": "approve", "member_id": founder, "ts": number + 1,
                       "roster_deps": [head], "facts": {"join": join["id"]}}
            rows.append(approve)
            head = approve["id"]
        members.append(member)
        if number % 20 == 19:
            leaver = rng.choice(members[1:])
            leave = {"id": _id(rng), "kind": "leave", "member_id": leaver, "ts": number + 1,
                     "roster_deps": [head], "facts": {"ends": []}}
            rows.append(leave)
            head = leave["id"]
    for number in range(10):
        close = _id(rng)
        enact_id = _id(rng)
        rows.append({"id": enact_id, "kind": "enact", "member_id": founder, "ts": size + number,
                     "roster_deps": [head], "facts": {
                         "close": close, "order": f"{size + number:016d}:{close}",
                         "effect": {"kind": "statutes", "changes": {"dues_minor": number}},
                         "winners": []}})
        head = enact_id
    return rows


def timed(function, repeat: int) -> float:
    """Median seconds of `repeat` runs."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", type=int, nargs="?", default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "commoning.settings")
    import django

    django.setup()
    from commoning.association import roster

    print(f"{'roster':>10} {'rows':>9} {'cold view_at (ms)':>18} {'memoised view_at (µs)':>22}")
    for size in (max(options.size // 10, 1), options.size):
        rows = roster_rows(size)
        roster.forget()
        for row in rows:
            roster.remember(row)  # as the apply functions do: no database is read below
        heads = [rows[-1]["id"]]

        def cold(heads=heads):
            roster._view.cache_clear()
            return roster.view_at("bench", heads)

        cold_seconds = timed(cold, options.repeat)
        view = roster.view_at("bench", heads)
        warm = timed(lambda heads=heads: [roster.view_at("bench", heads) for _ in range(1000)],
                     options.repeat) / 1000
        print(f"{size:>10} {len(rows):>9} {cold_seconds * 1000:>18.1f} {warm * 1e6:>22.2f}"
              f"   ({len(view.members)} members, statutes version {view.statutes_version})")


if __name__ == "__main__":
    main()
