"""Peer-production benchmark: rebuild the projections from a log of contributions and their
validations, then the p95 time of a member's reputation page.

Entries are generated and signed for real (commoning.core.entry.build) and stored straight into
the log of a fresh node (a temporary COMMONING_HOME with its own SQLite database), as if
received; then `rebuild` replays them through every domain rule and apply function. Each
contribution gets three validations (mostly approvals, some objections), so the log holds
1 contribution : 3 validations. Members contribute 1,000 times each by default, as at full
scale (1,000,000 contributions among 1,000 members).

    python bench/peer_production.py                        # the target scale (slow: hours)
    python bench/peer_production.py --contributions 20000  # a quicker run
"""

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import orjson

TARGET_P95_MS = 100
# A run of `--contributions 20000` on a shared two-core machine (load average about 7).
BASELINE = {"contributions": 20_000, "rebuild_s": 51.9, "p95_ms": 36.7}


def generate(contributions: int, members: int, seed: int = 7):
    """Yield signed entries in causal order: genesis, members, a commons, rules, then each
    contribution followed by its three validations."""
    from commoning.core import entry as entry_format
    from commoning.core.signing import SigningKey

    rng = random.Random(seed)
    ts = 1_700_000_000_000
    heads: dict = {}

    def make(key, net, type_, data, deps=()):
        nonlocal ts
        ts += 1
        seq, prev = heads.get(key.public_hex, (0, None))
        entry = entry_format.build(
            key, net=net, seq=seq + 1, prev=prev, ts=ts, type=type_, data=data, deps=deps
        )
        heads[key.public_hex] = (seq + 1, entry.id)
        return entry

    founder = SigningKey(rng.randbytes(32))
    genesis = make(founder, None, "log.genesis", {"name": "Bench valley"})
    net = genesis.id
    yield genesis
    keys = [SigningKey(rng.randbytes(32)) for _ in range(members)]
    member_ids = []
    for number, key in enumerate(keys):
        identity = make(
            key, net, "accounts.identity", {"name": f"Member {number}", "custody": "node"}
        )
        member_ids.append(identity.id)
        yield identity
    commons = make(
        keys[0], net, "commons.create", {"name": "Bench commons", "licence": "CC-BY-SA-4.0"}
    )
    yield commons
    yield make(
        keys[0],
        net,
        "work.rules",
        {
            "commons": commons.id,
            "mode": "rules-led",
            "kinds": ["code", "design", "testing", "writing"],
            "min_approvals": 2,
            "objection_window_days": 0,
            "claim_days": 14,
            "maintainer_contributions": 3,
            "maintainer_approvals": 0,
            "inactivity_days": 3650,
        },
        deps=[commons.id],
    )
    kinds = ["code", "design", "testing", "writing"]
    for _ in range(contributions):
        author = rng.randrange(members)
        contribution = make(
            keys[author],
            net,
            "work.contribution",
            {
                "commons": commons.id,
                "kind": rng.choice(kinds),
                "effort_minutes": rng.randint(10, 600),
            },
            deps=[commons.id],
        )
        yield contribution
        judges = set()
        while len(judges) < 3:
            judge = rng.randrange(members)
            if judge != author:
                judges.add(judge)
        for judge in sorted(judges):
            data = {"contribution": contribution.id, "verdict": "approve"}
            if rng.random() < 0.05:
                data = {
                    "contribution": contribution.id,
                    "verdict": "object",
                    "reason": "Needs photos",
                }
            yield make(keys[judge], net, "work.validation", data, deps=[contribution.id])


def store(entries, progress) -> tuple[int, list[str]]:
    """Write entries into the log as received (status applied, in causal order); returns
    (count, member ids). Plain executemany: building 4 million model instances took longer
    than signing the entries."""
    from django.db import connection, transaction
    from django.utils import timezone

    from commoning.accounts.actions import DEFAULT_NET_SETTING
    from commoning.log.models import NodeSetting
    from commoning.log.writer import _insert_sql

    received_at = connection.ops.adapt_datetimefield_value(timezone.now())
    batch, count, members = [], 0, []

    def write():
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(_insert_sql(), batch)

    for entry in entries:
        count += 1
        if entry.type == "accounts.identity":
            members.append(entry.id)
        if entry.type == "log.genesis":
            NodeSetting.objects.update_or_create(
                key=DEFAULT_NET_SETTING, defaults={"value": entry.id}
            )
        batch.append((
            entry.id, entry.network_id, entry.author, entry.seq, entry.prev, entry.ts,
            entry.type, entry.payload_bytes, orjson.dumps(entry.sigs).decode(),
            orjson.dumps(entry.deps).decode(), None, "applied", "", count, received_at,
        ))
        if len(batch) >= 20_000:
            write()
            batch = []
            progress(f"stored {count:,} entries")
    if batch:
        write()
    return count, members


def reputation_p95(member_ids, samples: int) -> tuple[float, float]:
    """(p50, p95) in ms of GET /work/members/<id>/ through the full Django stack."""
    from django.test import Client

    client = Client()
    rng = random.Random(3)
    timings = []
    for _ in range(samples):
        member = rng.choice(member_ids)
        start = time.perf_counter()
        response = client.get(f"/work/members/{member}/")
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--contributions", type=int, default=1_000_000)
    parser.add_argument(
        "--per-member",
        type=int,
        default=1000,
        help="contributions per member (sets the number of members)",
    )
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--profile", action="store_true", help="cProfile the rebuild")
    parser.add_argument(
        "--home",
        help="keep the generated node here and reuse it on the next run with the same sizes "
        "(generating the full-scale log takes longer than rebuilding it)",
    )
    args = parser.parse_args()
    members = max(5, args.contributions // args.per_member)
    sizes = {"contributions": args.contributions, "members": members, "seed": 7}

    home = Path(args.home) if args.home else Path(tempfile.mkdtemp(prefix="commoning-bench-work-"))
    home.mkdir(parents=True, exist_ok=True)
    made = home / "bench-log.json"
    reuse = made.exists() and json.loads(made.read_text())["sizes"] == sizes
    if args.home and not reuse:
        for old in home.iterdir():  # a log of other sizes: start again
            shutil.rmtree(old) if old.is_dir() else old.unlink()
    os.environ["COMMONING_HOME"] = str(home)
    os.environ.pop("DATABASE_URL", None)
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from commoning.cli.django_setup import setup

    setup()
    from commoning.log.models import Entry as EntryRow
    from commoning.log.projection import rebuild, state_hash
    from commoning.work.models import Contribution, Validation

    def say(message):
        print(message, file=sys.stderr, flush=True)

    if reuse:
        member_ids = json.loads(made.read_text())["members"]
        count, generate_s = EntryRow.objects.count(), None
        say(f"reusing the log of {count:,} entries in {home}")
    else:
        start = time.perf_counter()
        count, member_ids = store(generate(args.contributions, members), say)
        generate_s = time.perf_counter() - start
        made.write_text(json.dumps({"sizes": sizes, "members": member_ids}))
    start = time.perf_counter()
    if args.profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        outcome = profiler.runcall(rebuild, progress=progress_printer(count, say))
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("tottime").print_stats(30)
    else:
        outcome = rebuild(progress=progress_printer(count, say))
    rebuild_s = time.perf_counter() - start
    assert outcome.get("applied") == count, outcome
    p50, p95 = reputation_p95(member_ids, args.samples)
    print(
        f"entries: {count:,} ({Contribution.objects.count():,} contributions, "
        f"{Validation.objects.count():,} validations, {members:,} members), SQLite"
    )
    if generate_s is not None:
        print(f"generate, sign and store: {generate_s:.1f} s")
    print(f"rebuild: {rebuild_s:.1f} s ({count / rebuild_s:,.0f} entries/s)")
    print(
        f"reputation page: p50 {p50:.1f} ms, p95 {p95:.1f} ms over {args.samples} requests "
        f"(target p95 < {TARGET_P95_MS} ms: {'met' if p95 < TARGET_P95_MS else 'NOT met'})"
    )
    if BASELINE["p95_ms"]:
        print(
            f"ratio to baseline ({BASELINE['contributions']:,} contributions): rebuild "
            f"{rebuild_s / BASELINE['rebuild_s']:.2f}x, p95 {p95 / BASELINE['p95_ms']:.2f}x"
        )
    print(f"state hash: {state_hash()[:16]}")
    if not args.home:
        shutil.rmtree(home, ignore_errors=True)


def progress_printer(total: int, say):
    """A rebuild progress callback that reports every 5% or so."""
    done, step = [0, 0], max(1, total // 20)

    def progress(chunk: int, _total: int) -> None:
        done[0] += chunk
        if done[0] - done[1] >= step:
            done[1] = done[0]
            say(f"rebuilt {done[0]:,} of {total:,}")

    return progress


if __name__ == "__main__":
    main()
