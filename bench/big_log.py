"""A big generated node for benchmarks: SIZE contributions in several commons, with tasks and
validations, as real signed entries taken in through the log's checked ingest.

    python bench/big_log.py 100000                       # about 340,000 entries
    python bench/big_log.py 1000000 --cache DIR          # about 3.4 million entries

The node is a COMMONING_HOME (its own SQLite database and secrets) under the cache directory,
named by its sizes and seed, so a later run with the same sizes reuses it (bench/web.py calls
`ensure`). The cache directory is `--cache`, else $COMMONING_BENCH_CACHE, else
`commoning-bench` in the system's temporary directory.

What it holds: a network founded by a generated key; `--members` members admitted by the
founder, each with an identity; `--commons` commons founded by members; one task per 50
contributions; SIZE contributions by random members in random commons (a quarter of them for
a task of their commons). Validations by other members: most contributions get two or three
approvals (validated under the default rules), a tenth get one and a tenth none (pending),
and one in twenty an objection with a reason. The founder also admits the node's operator key,
and one login, `bench` (password BENCH_PASSWORD), signs up through the real action at the end,
so pages can be measured with a real session. Entries are signed with PyNaCl
(commoning.core.entry.build) and ingested in large batches by commoning.log.ingest (every
domain rule and apply function runs); generation time and database size are printed and kept
in the node's big-log.json.
"""

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
META = "big-log.json"
BENCH_LOGIN = "bench"
BENCH_PASSWORD = "bench-correct-horse-battery"  # a throwaway login of a generated node
KINDS = ["code", "design", "testing", "writing"]
LICENCES = ["CC-BY-SA-4.0", "CC0-1.0", "MIT", "GPL-3.0-or-later"]
INGEST_CHUNK = 20_000  # entries held in memory at once; ingest takes them 2,000 a transaction
TASK_EVERY = 50
# Entries are dated one step apart, ending an hour before now: never in the future (which
# would park them), and old enough that every objection window has passed.
TS_STEP_MS = 100


def default_cache() -> Path:
    return Path(os.environ.get("COMMONING_BENCH_CACHE")
                or Path(tempfile.gettempdir()) / "commoning-bench")


def home_for(cache: Path, size: int, seed: int, commons: int, members: int) -> Path:
    return Path(cache) / f"big-log-{size}-seed{seed}-c{commons}-m{members}"


def ensure(size: int, *, seed: int = 7, cache: Path | None = None, commons: int = 20,
           members: int = 2000, say=print) -> tuple[Path, dict]:
    """The home of a generated node of these sizes and its description, made if missing
    (in a child process: Django's settings, and so the node's home, are fixed per process)."""
    home = home_for(cache or default_cache(), size, seed, commons, members)
    if (home / META).exists():
        say(f"reusing the generated log in {home}")
        return home, json.loads((home / META).read_text())
    if home.exists():  # an interrupted generation: start again
        shutil.rmtree(home)
    home.mkdir(parents=True)
    env = {**os.environ, "COMMONING_HOME": str(home), "COMMONING_DEBUG": "0"}
    for inherited in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "COMMONING_SECRET_KEY",
                      "COMMONING_KEYSTORE_SECRET"):
        env.pop(inherited, None)
    subprocess.run(
        [sys.executable, __file__, str(size), "--seed", str(seed), "--commons", str(commons),
         "--members", str(members), "--into", str(home)],
        env=env, check=True,
    )
    return home, json.loads((home / META).read_text())


def generate(size: int, *, seed: int, commons: int, members: int, operator_public: str,
             start_ts: int, facts: dict):
    """Yield signed entries in causal order; fill `facts` with ids the benchmarks visit."""
    from commoning.core import entry as entry_format
    from commoning.core.signing import SigningKey

    rng = random.Random(seed)
    clock = [start_ts]
    heads: dict = {}

    def make(key, net, type_, data, deps=()):
        clock[0] += TS_STEP_MS
        seq, prev = heads.get(key.public_hex, (0, None))
        entry = entry_format.build(key, net=net, seq=seq + 1, prev=prev, ts=clock[0],
                                   type=type_, data=data, deps=deps)
        heads[key.public_hex] = (seq + 1, entry.id)
        return entry

    founder = SigningKey(rng.randbytes(32))
    genesis = make(founder, None, "log.genesis", {"name": "Bench Valley Network"})
    net = genesis.id
    facts["net"] = net
    yield genesis
    # The node's operator key, so the node can sign its own members up (admitting.py).
    yield make(founder, net, "accounts.admit", {"key": operator_public})
    keys = [SigningKey(rng.randbytes(32)) for _ in range(members)]
    member_ids = []
    for number, key in enumerate(keys):
        admit = make(founder, net, "accounts.admit", {"key": key.public_hex})
        yield admit
        identity = make(key, net, "accounts.identity",
                        {"name": f"Member {number}", "custody": "node"}, deps=[admit.id])
        member_ids.append(identity.id)
        yield identity
    commons_ids = []
    for number in range(commons):
        created = make(keys[rng.randrange(members)], net, "commons.create",
                       {"name": f"Commons {number}", "licence": rng.choice(LICENCES)})
        commons_ids.append(created.id)
        yield created
    tasks_by_commons: dict[str, list[str]] = {commons_id: [] for commons_id in commons_ids}
    contribution_ids = []
    for number in range(size):
        commons_id = rng.choice(commons_ids)
        if number % TASK_EVERY == 0:
            task = make(keys[rng.randrange(members)], net, "work.task",
                        {"commons": commons_id, "title": f"Task {number // TASK_EVERY}",
                         "kind": rng.choice(KINDS)}, deps=[commons_id])
            tasks_by_commons[commons_id].append(task.id)
            yield task
        author = rng.randrange(members)
        data = {"commons": commons_id, "kind": rng.choice(KINDS),
                "effort_minutes": rng.randint(10, 600)}
        deps = [commons_id]
        if tasks_by_commons[commons_id] and rng.random() < 0.25:
            data["task"] = rng.choice(tasks_by_commons[commons_id][-20:])
            deps.append(data["task"])
        contribution = make(keys[author], net, "work.contribution", data, deps=deps)
        if len(contribution_ids) < 1000:
            contribution_ids.append(contribution.id)
        yield contribution
        yield from validations(make, rng, keys, author, net, contribution.id)
    facts.update(
        members=member_ids[:1000], commons=commons_ids,
        tasks=[task for tasks in tasks_by_commons.values() for task in tasks[:50]],
        contributions=contribution_ids,
    )


def validations(make, rng, keys, author: int, net: str, contribution_id: str):
    """Validations of one contribution by other members: how many, and whether one objects."""
    roll = rng.random()
    count = 0 if roll < 0.1 else 1 if roll < 0.2 else 2 if roll < 0.8 else 3
    judges = set()
    while len(judges) < count:
        judge = rng.randrange(len(keys))
        if judge != author:
            judges.add(judge)
    objector = min(judges) if judges and rng.random() < 0.05 else None
    for judge in sorted(judges):
        data = {"contribution": contribution_id, "verdict": "approve"}
        if judge == objector:
            data = {"contribution": contribution_id, "verdict": "object",
                    "reason": "The photos do not show the finished work"}
        yield make(keys[judge], net, "work.validation", data, deps=[contribution_id])


def build_into(home: Path, size: int, *, seed: int, commons: int, members: int) -> None:
    """Generate and ingest the log into this process' node (COMMONING_HOME=home)."""
    sys.path.insert(0, str(ROOT))
    from commoning.cli.django_setup import setup

    setup()
    from django.db import connection

    from commoning.accounts.actions import DEFAULT_NET_SETTING, sign_up
    from commoning.accounts.admitting import operator_key
    from commoning.log.ingest import ingest_entries
    from commoning.log.models import NodeSetting

    started = time.perf_counter()
    entries_per_contribution = 1 + 1.9 + 1 / TASK_EVERY  # validations average 1.9
    total = 2 + 2 * members + commons + int(size * entries_per_contribution)
    start_ts = int(time.time() * 1000) - 3_600_000 - total * TS_STEP_MS
    facts: dict = {}
    stream = generate(size, seed=seed, commons=commons, members=members,
                      operator_public=operator_key().public_hex, start_ts=start_ts, facts=facts)
    counts: dict = {}
    batch, done, net_set = [], 0, False
    for entry in stream:
        batch.append(entry)
        if len(batch) >= INGEST_CHUNK:
            net_set = _ingest(batch, counts, net_set, ingest_entries, NodeSetting,
                              DEFAULT_NET_SETTING)
            done += len(batch)
            batch = []
            rate = done / (time.perf_counter() - started)
            print(f"  {done:,} of about {total:,} entries ({rate:,.0f}/s)", file=sys.stderr,
                  flush=True)
    if batch:
        _ingest(batch, counts, net_set, ingest_entries, NodeSetting, DEFAULT_NET_SETTING)
        done += len(batch)
    sign_up(facts["net"], username=BENCH_LOGIN, password=BENCH_PASSWORD,
            display_name="Bench Member")
    seconds = time.perf_counter() - started
    assert set(counts) == {"applied"}, f"not every entry applied: {counts}"
    with connection.cursor() as cursor:  # fold the write-ahead log into the file measured
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    # The database file and its write-ahead log (the -shm index is scratch, not data).
    database_bytes = sum(path.stat().st_size for path in
                         (home / "commoning.sqlite3", home / "commoning.sqlite3-wal")
                         if path.exists())
    meta = {"sizes": {"contributions": size, "seed": seed, "commons": commons,
                      "members": members},
            "entries": done, "generate_s": round(seconds, 1), "database_bytes": database_bytes,
            "login": BENCH_LOGIN, "password": BENCH_PASSWORD, **facts}
    (home / f"{META}.part").write_text(json.dumps(meta))
    (home / f"{META}.part").rename(home / META)  # present only once the node is whole


def _ingest(batch, counts, net_set, ingest_entries, NodeSetting, setting) -> bool:
    report = ingest_entries(batch)
    for status, count in report.counts.items():
        counts[status] = counts.get(status, 0) + count
    if not net_set:  # the genesis is in: this node serves that network
        NodeSetting.objects.update_or_create(key=setting, defaults={"value": batch[0].id})
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("size", type=int, nargs="?", default=100_000,
                        help="contributions (default 100,000)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--commons", type=int, default=20)
    parser.add_argument("--members", type=int, default=2000)
    parser.add_argument("--cache", type=Path, default=None,
                        help="where generated nodes are kept (default $COMMONING_BENCH_CACHE, "
                        "else commoning-bench in the temporary directory)")
    parser.add_argument("--into", type=Path, help=argparse.SUPPRESS)  # the child's own home
    args = parser.parse_args()
    if args.into:
        build_into(args.into, args.size, seed=args.seed, commons=args.commons,
                   members=args.members)
        return
    home, meta = ensure(args.size, seed=args.seed, cache=args.cache, commons=args.commons,
                        members=args.members)
    print(f"{meta['sizes']['contributions']:,} contributions, {meta['entries']:,} entries, "
          f"{len(meta['commons'])} commons, {meta['sizes']['members']:,} members")
    print(f"generate, sign and ingest: {meta['generate_s']:,.1f} s "
          f"({meta['entries'] / meta['generate_s']:,.0f} entries/s)")
    print(f"database: {meta['database_bytes'] / 2**20:,.0f} MiB (SQLite, in {home})")


if __name__ == "__main__":
    main()
