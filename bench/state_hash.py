"""State-hash benchmark: the digest of every projection on a log of contributions and their
validations, computed the old way (every row of a projection sorted in memory: what each
public ask cost on a cache miss before) and the new way (streamed, sorted in bounded runs),
side by side in the same run on the same log; then the public endpoint's answer time while its
digest is fresh and while it is stale (a recomputation running in the background).

The log is generated and stored as bench/peer_production.py does (real signatures, stored as
received, then `rebuild`), in a temporary node home on file SQLite. Memory figures are
tracemalloc peaks of Python allocations during one computation (timings are taken in a
separate run without tracemalloc). The endpoint is called through the full Django stack with
the rate limit raised out of the way.

    python bench/state_hash.py --contributions 1000000    # the target scale
    python bench/state_hash.py --contributions 2000       # a quick check that it runs
    python bench/state_hash.py --home DIR                 # keep the log; reuse it next time
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET_ANSWER_MS = 50


def timed(function, *args, **kwargs):
    start = time.perf_counter()
    value = function(*args, **kwargs)
    return value, time.perf_counter() - start


def peak_mib(function, *args, **kwargs) -> float:
    tracemalloc.start()
    try:
        function(*args, **kwargs)
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def answer_times(client, samples: int) -> tuple[float, float, set]:
    timings, fresh = [], set()
    for _ in range(samples):
        start = time.perf_counter()
        response = client.get("/api/log/state-hash")
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
        fresh.add(response.json()["fresh"])
    timings.sort()
    return statistics.median(timings), timings[-1], fresh


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--contributions", type=int, default=1_000_000)
    parser.add_argument("--per-member", type=int, default=1000)
    parser.add_argument("--samples", type=int, default=50)
    parser.add_argument("--home", help="keep the generated node here and reuse it next time")
    parser.add_argument("--run-rows", type=int, default=0,
                        help="rows sorted in memory at once (default: the node's RUN_ROWS)")
    args = parser.parse_args()

    home = Path(args.home) if args.home else Path(tempfile.mkdtemp(prefix="commoning-bench-hash-"))
    home.mkdir(parents=True, exist_ok=True)
    os.environ["COMMONING_HOME"] = str(home)
    os.environ.pop("DATABASE_URL", None)
    os.environ["COMMONING_STATE_HASH_BURST"] = "1000000"
    sys.path[:0] = [str(HERE.parent), str(HERE)]
    from commoning.cli.django_setup import setup

    setup()
    from django.test import Client
    from peer_production import generate, store

    from commoning.log import state_hash as state_hashes
    from commoning.log.models import Entry as EntryRow
    from commoning.log.projection import rebuild
    from commoning.log.tests.oracle import state_hash_in_memory

    if args.run_rows:
        state_hashes.RUN_ROWS = args.run_rows

    members = max(5, args.contributions // args.per_member)
    made = home / "bench-log.json"
    sizes = {"contributions": args.contributions, "members": members}
    if made.exists() and json.loads(made.read_text()) == sizes:
        print(f"reusing the log in {home}", file=sys.stderr)
    else:
        store(generate(args.contributions, members), lambda message: None)
        rebuild()
        made.write_text(json.dumps(sizes))
    entries = EntryRow.objects.count()

    old_digest, old_s = timed(state_hash_in_memory)
    new_digest, new_s = timed(state_hashes.state_hash)
    assert old_digest == new_digest, "the streamed digest differs from the in-memory one"
    old_mib = peak_mib(state_hash_in_memory)
    new_mib = peak_mib(state_hashes.state_hash)

    client = Client()
    state_hashes.refresh()
    fresh_p50, fresh_max, fresh_flags = answer_times(client, args.samples)
    # A rebuild's mark moves the position: the stored digest is stale; the first ask starts a
    # computation in a background thread and every ask answers at once meanwhile.
    state_hashes.note_rebuild()
    stale_p50, stale_max, stale_flags = answer_times(client, args.samples)
    for thread in threading.enumerate():
        if thread is not threading.current_thread() and thread.daemon:
            thread.join()

    print(f"log: {entries:,} entries ({args.contributions:,} contributions, "
          f"3 validations each, {members:,} members), file SQLite, one process")
    print(f"state hash, in memory (before; baseline): {old_s * 1000:,.0f} ms, "
          f"peak {old_mib:,.1f} MiB of Python allocations")
    print(f"state hash, streamed (now, CLI and background): {new_s * 1000:,.0f} ms, "
          f"peak {new_mib:,.1f} MiB with runs of {state_hashes.RUN_ROWS:,} rows; same digest")
    print(f"GET /api/log/state-hash while fresh: p50 {fresh_p50:.1f} ms, max {fresh_max:.1f} ms "
          f"(fresh={sorted(fresh_flags)})")
    met = "met" if stale_p50 < TARGET_ANSWER_MS else "NOT met"
    print(f"GET /api/log/state-hash while stale, computing in the background: p50 "
          f"{stale_p50:.1f} ms, max {stale_max:.1f} ms (fresh={sorted(stale_flags)}; "
          f"target p50 < {TARGET_ANSWER_MS} ms: {met})")


if __name__ == "__main__":
    main()
