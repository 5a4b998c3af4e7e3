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
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

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
    """Write entries into the log as received; returns (count, member ids)."""
    import orjson
    from django.db import transaction

    from commoning.accounts.actions import DEFAULT_NET_SETTING
    from commoning.log.models import Entry as EntryRow
    from commoning.log.models import NodeSetting

    batch, count, members = [], 0, []
    for entry in entries:
        count += 1
        if entry.type == "accounts.identity":
            members.append(entry.id)
        if entry.type == "log.genesis":
            NodeSetting.objects.update_or_create(
                key=DEFAULT_NET_SETTING, defaults={"value": entry.id}
            )
        batch.append(
            EntryRow(
                id=entry.id,
                net=entry.network_id,
                author=entry.author,
                seq=entry.seq,
                prev=entry.prev,
                ts=entry.ts,
                type=entry.type,
                payload=entry.payload_bytes,
                sigs=orjson.dumps([list(pair) for pair in entry.sigs]).decode(),
                deps=orjson.dumps(entry.deps).decode(),
                status="applied",
                apply_order=count,
            )
        )
        if len(batch) >= 5000:
            with transaction.atomic():
                EntryRow.objects.bulk_create(batch)
            batch = []
            progress(f"stored {count:,} entries")
    if batch:
        with transaction.atomic():
            EntryRow.objects.bulk_create(batch)
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
    args = parser.parse_args()
    members = max(5, args.contributions // args.per_member)

    home = tempfile.mkdtemp(prefix="commoning-bench-work-")
    os.environ["COMMONING_HOME"] = home
    os.environ.pop("DATABASE_URL", None)
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from commoning.cli.django_setup import setup

    setup()
    from commoning.log.projection import rebuild, state_hash
    from commoning.work.models import Contribution, Validation

    def say(message):
        print(message, file=sys.stderr, flush=True)

    start = time.perf_counter()
    count, member_ids = store(generate(args.contributions, members), say)
    generate_s = time.perf_counter() - start
    start = time.perf_counter()
    outcome = rebuild()
    rebuild_s = time.perf_counter() - start
    assert outcome.get("applied") == count, outcome
    p50, p95 = reputation_p95(member_ids, args.samples)
    print(
        f"entries: {count:,} ({Contribution.objects.count():,} contributions, "
        f"{Validation.objects.count():,} validations, {members:,} members), SQLite"
    )
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
    shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
