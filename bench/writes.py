"""Write benchmark: contributions recorded through the HTTP API, beside baselines in the same run.

    python bench/writes.py                          # 1 and 16 clients, 2,000 writes each
    python bench/writes.py --writes 200             # a quick run
    python bench/writes.py --postgres postgres://user:password@host:5432/bench_writes

A node with a file SQLite database (or the PostgreSQL database named, dropped and made afresh)
in a temporary COMMONING_HOME, served by a real `commoning serve` process. Members with real
API tokens and the default rules; the load comes from a separate process (threads with one
keep-alive connection each), so it never shares the server's interpreter lock. For each client
count it prints throughput and latency (p50/p95/p99/max) of:

- API write: POST /api/work/contributions (token, write limit, the action, group commit, the
  answer), every write a new contribution with its own description;
- bare view: GET of a view that answers a constant, on the same server
  (bench/web_server, shared with bench/web.py): what HTTP, waitress and Django's
  middleware cost by themselves;

the API write again on a server with group commit off (COMMONING_GROUP_COMMIT=0: one
transaction per action, as before); and, in process (no HTTP, one thread): the same action in a
loop, and bare `append()` of the same entries in a loop (what the README's older figure timed).

Rate limits: the API write limit (a bucket in process memory) is checked on every write with a
burst set so high that none is refused, and the same bucket is timed alone in process; the
newcomer limit is off (COMMONING_NEWCOMER_DAYS=0: the bench members would otherwise be new).
The targets of issue 11 are printed beside the figures. On a shared machine the figures move a
lot from run to run: read them against the baselines of the same run.
"""

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = Path(__file__).resolve().parent  # bench/web_server holds the bare view
TARGETS = {1: 300, 16: 1000}  # writes per second through the API (issue 11)
TARGET_P99_MS_AT_16 = 50


def node_env(home: Path, postgres: str | None) -> dict:
    environment = {
        **os.environ,
        "COMMONING_HOME": str(home),
        "DJANGO_SETTINGS_MODULE": "web_server.settings",
        "PYTHONPATH": os.pathsep.join([str(BENCH_DIR), str(ROOT)]),
        "COMMONING_NEWCOMER_DAYS": "0",
        "COMMONING_WRITE_BURST": str(10**9),
        "COMMONING_WRITE_PER_MIN": str(10**9),
    }
    environment.pop("DATABASE_URL", None)
    if postgres:
        environment["DATABASE_URL"] = postgres
    return environment


def run_step(home: Path, postgres: str | None, *args) -> dict:
    done = subprocess.run([sys.executable, __file__, "--step", *map(str, args)],
                          env=node_env(home, postgres), capture_output=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"step {args} failed:\n{done.stderr.decode()[-4000:]}")
    return json.loads(done.stdout.decode().strip().splitlines()[-1])


def fresh_postgres(url: str) -> None:
    import psycopg

    base, _slash, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(home: Path, postgres: str | None, port: int, group_commit: bool) -> subprocess.Popen:
    environment = {**node_env(home, postgres), "COMMONING_GROUP_COMMIT": str(int(group_commit))}
    process = subprocess.Popen(
        [sys.executable, "-m", "commoning.cli.main", "serve", "--port", str(port)],
        env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    for _ in range(300):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/bench/bare/")
            if connection.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("the node did not start")


# -- steps, each in a process of its own ----------------------------------------------------------
def step_setup(members: int, tokens: int) -> dict:
    from commoning.cli.django_setup import setup

    setup()
    from commoning.accounts.actions import create_api_token
    from commoning.commons.actions import create_commons
    from commoning.testing import make_member, make_network

    net = make_network("Bench Valley")
    users = [make_member(net, f"bench{number}") for number in range(members)]
    commons = create_commons(users[0], name="Bench Works", licence="CC0-1.0")
    return {"commons": commons.id,
            "tokens": [create_api_token(users[number % members], "bench")[1]
                       for number in range(tokens)]}


def step_in_process(commons_id: str, writes: int) -> dict:
    """The action in a loop, then bare append() of contributions in a loop, then the write
    limit's bucket alone: one thread, no HTTP."""
    from commoning.cli.django_setup import setup

    setup(migrate=False)
    from django.contrib.auth import get_user_model

    from commoning.accounts import ratelimit
    from commoning.accounts.access import signing_key_for
    from commoning.log.append import append
    from commoning.work import actions

    user = get_user_model().objects.get(username="bench0")
    started = time.perf_counter()
    for number in range(writes):
        actions.record_contribution(user, commons_id, kind="code", effort_minutes=5,
                                    description=f"in process {number}")
    action_seconds = time.perf_counter() - started
    account, key = signing_key_for(user)
    data = {"commons": commons_id, "kind": "code", "effort_minutes": 5, "rules": commons_id}
    started = time.perf_counter()
    for number in range(writes):
        append(key, net=account.net, type="work.contribution", data=data,
               deps=[commons_id], attachment=f"bare append {number}".encode())
    append_seconds = time.perf_counter() - started
    buckets = ratelimit.MemoryBuckets()
    started = time.perf_counter()
    for number in range(10_000):
        buckets.take(f"api:write:{number % 16}", capacity=10**9, per_minute=10**9)
    bucket_us = (time.perf_counter() - started) / 10_000 * 1e6
    return {"action_per_s": writes / action_seconds, "append_per_s": writes / append_seconds,
            "bucket_us": bucket_us}


def step_load(port: int, what: str, commons_id: str, writes: int, tokens: list[str]) -> dict:
    """`len(tokens)` clients, one thread and keep-alive connection each, `writes` in all."""
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    per_client = writes // len(tokens)

    def client(number: int, token: str) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        mine, seen = [], {}
        for count in range(per_client):
            if what == "api":
                body = json.dumps({"commons": commons_id, "kind": "code", "effort_minutes": 5,
                                   "description": f"client {number} write {count}"})
                started = time.perf_counter()
                connection.request("POST", "/api/work/contributions", body, headers)
            else:
                started = time.perf_counter()
                connection.request("GET", "/bench/bare/")
            response = connection.getresponse()
            response.read()
            mine.append(time.perf_counter() - started)
            seen[response.status] = seen.get(response.status, 0) + 1
        with lock:
            latencies.extend(mine)
            for status, count in seen.items():
                statuses[status] = statuses.get(status, 0) + count

    threads = [threading.Thread(target=client, args=(number, token))
               for number, token in enumerate(tokens)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    ordered = sorted(latencies)

    def percentile(share: float) -> float:
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000

    return {"per_s": len(ordered) / elapsed, "p50": statistics.median(ordered) * 1000,
            "p95": percentile(0.95), "p99": percentile(0.99), "max": ordered[-1] * 1000,
            "statuses": statuses}


def run_step_here(args: list[str]) -> None:
    step, rest = args[0], args[1:]
    if step == "setup":
        result = step_setup(int(rest[0]), int(rest[1]))
    elif step == "in_process":
        result = step_in_process(rest[0], int(rest[1]))
    else:
        result = step_load(int(rest[0]), rest[1], rest[2], int(rest[3]), rest[4:])
    print(json.dumps(result))


# -- the run --------------------------------------------------------------------------------------
def line(label: str, figures: dict) -> str:
    refused = {status: count for status, count in figures["statuses"].items()
               if not str(status).startswith("2")}
    note = f"  NOT 2xx: {refused}" if refused else ""
    return (f"  {label:<34} {figures['per_s']:8.0f}/s   p50 {figures['p50']:6.1f}  "
            f"p95 {figures['p95']:6.1f}  p99 {figures['p99']:6.1f}  max {figures['max']:7.1f} ms"
            f"{note}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--writes", type=int, default=2000, help="writes per client count")
    parser.add_argument("--clients", default="1,16", help="client counts, comma-separated")
    parser.add_argument("--postgres", default=None, help="a PostgreSQL URL (dropped, remade)")
    parser.add_argument("--step", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.step:
        run_step_here(options.step)
        return
    client_counts = [int(count) for count in options.clients.split(",")]
    if options.postgres:
        fresh_postgres(options.postgres)
    database = "PostgreSQL" if options.postgres else "file SQLite (WAL)"
    with tempfile.TemporaryDirectory(prefix="bench-writes-") as home_name:
        home = Path(home_name)
        made = run_step(home, options.postgres, "setup", min(8, max(client_counts)),
                        max(client_counts))
        commons, tokens = made["commons"], made["tokens"]
        in_process = run_step(home, options.postgres, "in_process", commons,
                              max(50, options.writes // 4))
        results = {clients: {} for clients in client_counts}
        for group_commit in (True, False):
            port = free_port()
            server = serve(home, options.postgres, port, group_commit)
            try:
                # A first round, not counted: imports, connections and caches warm up.
                run_step(home, None, "load", port, "bare", commons, 100, *tokens[:1])
                for clients in client_counts:
                    kinds = ("bare", "api") if group_commit else ("api",)
                    for what in kinds:
                        results[clients][what if group_commit else "api_alone"] = run_step(
                            home, None, "load", port, what, commons, options.writes,
                            *tokens[:clients],
                        )
            finally:
                server.terminate()
                server.wait(timeout=30)
    print(f"Writes: {database}, one `commoning serve` process (waitress threads), "
          f"{options.writes} requests per row, load from a separate process.")
    print("Rate limits: API write limit ON (in-memory bucket checked per write, burst set high "
          "so none refuses); newcomer limit OFF.")
    print("In process, one thread, no HTTP:")
    print(f"  the action (record_contribution)   {in_process['action_per_s']:8.0f}/s")
    print(f"  bare append() of contributions     {in_process['append_per_s']:8.0f}/s")
    print(f"  the write limit's bucket alone     {in_process['bucket_us']:8.1f} us per take")
    for clients, figures in results.items():
        print(f"{clients} client{'s' if clients > 1 else ''}:")
        print(line("bare view (GET, same server)", figures["bare"]))
        print(line("API write (POST contributions)", figures["api"]))
        print(line("  the same, group commit off", figures["api_alone"]))
        target = TARGETS.get(clients)
        if target:
            reached = "reached" if figures["api"]["per_s"] >= target else "NOT reached"
            extra = ""
            if clients == 16:
                p99 = figures["api"]["p99"]
                extra = (f"; p99 < {TARGET_P99_MS_AT_16} ms "
                         f"{'reached' if p99 < TARGET_P99_MS_AT_16 else 'NOT reached'}")
            print(f"  target: {target}/s {reached}{extra}")
        print(f"  API write / bare view: {figures['api']['per_s'] / figures['bare']['per_s']:.2f}")
    if len(results) > 1:
        counts = sorted(results)
        for key, label in (("api", "group commit on"), ("api_alone", "group commit off")):
            first, last = results[counts[0]][key]["per_s"], results[counts[-1]][key]["per_s"]
            print(f"API writes at {counts[-1]} clients / at {counts[0]} ({label}): "
                  f"{last / first:.2f}")


if __name__ == "__main__":
    main()
