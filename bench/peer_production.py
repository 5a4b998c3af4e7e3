"""Peer-production benchmark: rebuild the projections from a log of contributions and their
validations, then the p95 time of a member's reputation page and of their profile.

Entries are generated and signed for real (commoning.core.entry.build) and stored straight into
the log of a fresh node (a temporary COMMONING_HOME with its own SQLite database), as if
received; then `rebuild` replays them through every domain rule and apply function, and the
reputation page and the profile page are requested for random members. A log of `--baseline`
contributions is measured first, in the same run, as the baseline the figures are compared
with. Each contribution gets three validations (mostly approvals, some objections), so the log
holds
1 contribution : 3 validations. Members contribute 1,000 times each by default, as at full
scale (1,000,000 contributions among 1,000 members).

    python bench/peer_production.py                        # the target scale (about 30 min
                                                           # to generate, 15 to rebuild)
    python bench/peer_production.py --home DIR             # keep the log; reuse it next time
    python bench/peer_production.py --contributions 100000 # a quicker run
"""

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import orjson

TARGET_P95_MS = 100


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
        admit = make(founder, net, "accounts.admit", {"key": key.public_hex})  # decision 0007
        yield admit
        identity = make(
            key, net, "accounts.identity", {"name": f"Member {number}", "custody": "node"},
            deps=[admit.id],
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


def reputation_p95(member_ids, samples: int, page: str = "/work/members/{}/"):
    """(p50, p95) in ms of GET `page` (the reputation page unless told) for random members,
    through the full Django stack."""
    from django.test import Client

    client = Client()
    rng = random.Random(3)
    timings = []
    for _ in range(samples):
        member = rng.choice(member_ids)
        start = time.perf_counter()
        response = client.get(page.format(member))
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
    parser.add_argument(
        "--baseline",
        type=int,
        default=20_000,
        help="contributions of the small log measured first, in the same run, as the baseline "
        "(0: none)",
    )
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    baseline = None
    if args.baseline and not args.json:
        # In a child process: Django's settings, and so the node's home, are fixed per process.
        child = subprocess.run(
            [sys.executable, __file__, "--json", "--contributions", str(args.baseline),
             "--per-member", str(args.per_member), "--samples", str(args.samples)],
            check=True, capture_output=True, text=True,
        )
        baseline = json.loads(child.stdout.strip().splitlines()[-1])
    result = measure(args)
    if args.json:
        print(json.dumps(result))
        return
    report(result, baseline)


def measure(args) -> dict:
    """Generate (or reuse) the log, rebuild it, time the reputation page; return the figures."""
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
    # The profile (roles, validated work, ten recent contributions): it must not grow with the
    # member's history either.
    profile_p50, profile_p95 = reputation_p95(member_ids, args.samples, "/members/{}/")
    result = {
        "entries": count,
        "contributions": Contribution.objects.count(),
        "validations": Validation.objects.count(),
        "members": members,
        "generate_s": generate_s,
        "rebuild_s": rebuild_s,
        "p50_ms": p50,
        "p95_ms": p95,
        "profile_p50_ms": profile_p50,
        "profile_p95_ms": profile_p95,
        "state_hash": state_hash()[:16],
    }
    if not args.home:
        shutil.rmtree(home, ignore_errors=True)
    return result


def report(result: dict, baseline: dict | None) -> None:
    print(
        f"entries: {result['entries']:,} ({result['contributions']:,} contributions, "
        f"{result['validations']:,} validations, {result['members']:,} members), SQLite"
    )
    if result["generate_s"] is not None:
        print(f"generate, sign and store: {result['generate_s']:.1f} s")
    rate = result["entries"] / result["rebuild_s"]
    print(f"rebuild: {result['rebuild_s']:.1f} s ({rate:,.0f} entries/s)")
    met = "met" if result["p95_ms"] < TARGET_P95_MS else "NOT met"
    print(
        f"reputation page: p50 {result['p50_ms']:.1f} ms, p95 {result['p95_ms']:.1f} ms "
        f"(target p95 < {TARGET_P95_MS} ms: {met})"
    )
    print(
        f"member profile page: p50 {result['profile_p50_ms']:.1f} ms, "
        f"p95 {result['profile_p95_ms']:.1f} ms"
    )
    if baseline:
        base_rate = baseline["entries"] / baseline["rebuild_s"]
        print(
            f"baseline, same run, {baseline['contributions']:,} contributions: rebuild "
            f"{base_rate:,.0f} entries/s, page p95 {baseline['p95_ms']:.1f} ms"
        )
        print(
            f"ratio to baseline: rebuild rate {rate / base_rate:.2f}x, "
            f"page p95 {result['p95_ms'] / baseline['p95_ms']:.2f}x, profile p95 "
            f"{result['profile_p95_ms'] / baseline['profile_p95_ms']:.2f}x "
            f"(baseline {baseline['profile_p95_ms']:.1f} ms)"
        )
    print(f"state hash: {result['state_hash']}")


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
