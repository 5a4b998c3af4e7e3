"""Pages and API lists over HTTP on a big generated log, beside a bare view on the same server.

    python bench/web.py                                  # 100,000 and 1,000,000 contributions
    python bench/web.py --sizes 5000 --seconds 2         # a quick proof that it works
    python bench/web.py --sizes 100000 --workers 4 --json out.json

For each size, bench/big_log.py makes (or reuses, from its cache) a node with that many
contributions; the node is served by `commoning serve --workers N` (default: one per core) on
127.0.0.1, with the real settings plus one bare view (`/bench/bare/`, bench/web_server) that
runs the same middleware and does no work: the baseline, measured in the same run on the same
server. Load comes from a separate process per concurrency level: C clients (threads), each
with its own keep-alive connection and its own session (it logs in once, as the generated
`bench` member; pages are requested logged in, API lists anonymously). Each target is
requested by all C clients for `--seconds` after one warm-up request each; the figures are
p50/p95/p99 of the request time seen by the clients and the throughput (answers per second,
all clients together). The server's memory is read from /proc: the highest peak (VmHWM) of
any of its processes, and the peak of their summed proportional set size (Pss, shared pages
counted once), sampled every half second.

Rate limits: the state-hash and login limits are raised for the server under test (their
environment variables), so the figures time the work, not the throttle; nothing else changes.
With several sizes, each page's p50 at the largest size is compared with its p50 at the
smallest (the issue's rule: within 1.5x), and the targets on the largest log are printed beside
the figures: p95 < 100 ms at c=1 and < 300 ms at c=8, server memory < 300 MB.
"""

import argparse
import contextlib
import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import big_log

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = Path(__file__).resolve().parent
TARGET_P95_MS = {1: 100, 8: 300}
TARGET_MEMORY_MB = 300
GROWTH_LIMIT = 1.5
STARTUP_SECONDS = 300
REQUEST_TIMEOUT_SECONDS = 120
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SERVER_ENV = {
    # Each client logs in once, all from 127.0.0.1, and the state hash is asked for again and
    # again: without these the bench would time the throttle's 429s.
    "COMMONING_STATE_HASH_BURST": "1000000", "COMMONING_STATE_HASH_PER_MIN": "1000000",
    "COMMONING_LOGIN_BURST": "10000", "COMMONING_LOGIN_PER_MIN": "10000",
    "COMMONING_LOGIN_ACCOUNT_BURST": "10000", "COMMONING_LOGIN_ACCOUNT_PER_MIN": "10000",
    "COMMONING_LOGIN_ADDRESS_BURST": "10000", "COMMONING_LOGIN_ADDRESS_PER_MIN": "10000",
}


def targets(meta: dict) -> list[tuple[str, list[str], bool]]:
    """(name, paths the clients take in turn, logged in) of every page and list measured."""
    commons = meta["commons"][0]
    every = 50  # distinct rows per target, so a page is not one row's cache
    return [
        ("bare view (baseline)", ["/bench/bare/"], True),
        ("home", ["/"], True),
        ("/log/", ["/log/"], True),
        ("commons page", [f"/commons/{commons}/"], True),
        ("work board", [f"/work/commons/{commons}/"], True),
        ("my work (/work/)", ["/work/"], True),
        ("task page", [f"/work/tasks/{task}/" for task in meta["tasks"][:every]], True),
        ("contribution page",
         [f"/work/contributions/{c}/" for c in meta["contributions"][:every]], True),
        ("member profile", [f"/members/{member}/" for member in meta["members"][:every]], True),
        ("member reputation",
         [f"/work/members/{member}/" for member in meta["members"][:every]], True),
        ("API commons", ["/api/commons"], False),
        ("API tasks", [f"/api/work/commons/{commons}/tasks"], False),
        ("API contributions", [f"/api/work/commons/{commons}/contributions"], False),
        ("API members", ["/api/members"], False),
        ("API log entries", ["/api/log/entries"], False),
        ("API state hash", ["/api/log/state-hash"], False),
    ]


# -- the load process --------------------------------------------------------------------------
class Client:
    """One simulated member: a keep-alive connection and, once logged in, a session."""

    def __init__(self, port: int):
        self.port = port
        self.connection = None
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict | None = None, *, logged_in: bool = True):
        headers = dict(headers or {})
        if logged_in and self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in (1, 2):  # a keep-alive connection the server closed: reconnect once
            if self.connection is None:
                self.connection = http.client.HTTPConnection(
                    "127.0.0.1", self.port, timeout=REQUEST_TIMEOUT_SECONDS)
            try:
                self.connection.request(method, path, body=body, headers=headers)
                answer = self.connection.getresponse()
                content = answer.read()
            except (http.client.HTTPException, ConnectionError):
                self.connection.close()
                self.connection = None
                if attempt == 2:
                    raise
                continue
            for header, value in answer.getheaders():
                if header.lower() == "set-cookie":
                    name, _, rest = value.partition("=")
                    self.cookies[name.strip()] = rest.split(";", 1)[0]
            return answer.status, content
        raise AssertionError("unreachable")

    def log_in(self, login: str, password: str) -> None:
        status, page = self.request("GET", "/login/")
        token = CSRF_INPUT.search(page.decode())
        assert status == 200 and token, f"no login form ({status})"
        form = urllib.parse.urlencode({"username": login, "password": password,
                                       "csrfmiddlewaretoken": token.group(1)}).encode()
        status, _ = self.request("POST", "/login/", form, {
            "Content-Type": "application/x-www-form-urlencoded"})
        assert status == 302 and "sessionid" in self.cookies, f"login failed ({status})"


def run_load(port: int, clients: int, seconds: float, plan: list, login: str,
             password: str) -> None:
    """Log every client in once, then run each target for `seconds`; print a JSON line each."""
    members = [Client(port) for _ in range(clients)]
    for member in members:
        member.log_in(login, password)
    for name, paths, logged_in in plan:
        print(json.dumps(run_target(members, name, paths, logged_in, seconds)), flush=True)


def run_target(members: list[Client], name: str, paths: list[str], logged_in: bool,
               seconds: float) -> dict:
    """Every client requests the target's paths in turn until the time is up."""
    timings: list[list[float]] = [[] for _ in members]
    errors: list[dict] = [{} for _ in members]
    start_line = threading.Barrier(len(members) + 1)
    deadline = [float("inf")]  # set once every client has warmed up

    def work(number: int, member: Client) -> None:
        turn = number
        with contextlib.suppress(OSError, http.client.HTTPException):
            member.request("GET", paths[turn % len(paths)], logged_in=logged_in)  # warm-up
        start_line.wait()
        while time.perf_counter() < deadline[0]:
            turn += 1
            began = time.perf_counter()
            try:
                status, _ = member.request("GET", paths[turn % len(paths)], logged_in=logged_in)
            except (OSError, http.client.HTTPException) as error:
                status = type(error).__name__
            timings[number].append(time.perf_counter() - began)
            if status != 200:
                errors[number][str(status)] = errors[number].get(str(status), 0) + 1

    threads = [threading.Thread(target=work, args=(number, member))
               for number, member in enumerate(members)]
    for thread in threads:
        thread.start()
    start_line.wait()
    began = time.perf_counter()
    deadline[0] = began + seconds
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    every = sorted(t for per_client in timings for t in per_client)
    failed: dict = {}
    for per_client in errors:
        for status, count in per_client.items():
            failed[status] = failed.get(status, 0) + count
    return {"target": name, "clients": len(members), "requests": len(every),
            "seconds": elapsed, **percentiles(every), "errors": failed}


def percentiles(sorted_seconds: list[float]) -> dict:
    if not sorted_seconds:
        return {"p50_ms": None, "p95_ms": None, "p99_ms": None}

    def at(share: float) -> float:
        index = min(len(sorted_seconds) - 1, max(0, round(share * len(sorted_seconds)) - 1))
        return sorted_seconds[index] * 1000

    return {"p50_ms": statistics.median(sorted_seconds) * 1000, "p95_ms": at(0.95),
            "p99_ms": at(0.99)}


# -- the server and its memory -----------------------------------------------------------------
def server_pids(pid: int) -> list[int]:
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except FileNotFoundError:
        return []
    return [pid, *map(int, children)]


def status_kib(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except FileNotFoundError:
        pass
    return 0


def pss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (FileNotFoundError, PermissionError):
        pass
    return 0


class MemoryWatch:
    """Samples the server's processes every half second: the peak of their summed Pss, and
    each process' own peak (VmHWM, kept by the kernel, so no peak between samples is lost)."""

    def __init__(self, pid: int):
        self.pid = pid
        self.peak_pss_kib = 0
        self.peak_hwm_kib = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stop.is_set():
            self.sample()
            self.stop.wait(0.5)

    def sample(self) -> None:
        pids = server_pids(self.pid)
        self.peak_pss_kib = max(self.peak_pss_kib, sum(pss_kib(pid) for pid in pids))
        self.peak_hwm_kib = max([self.peak_hwm_kib, *(status_kib(pid, "VmHWM") for pid in pids)])

    def close(self) -> dict:
        self.sample()
        self.stop.set()
        self.thread.join()
        return {"peak_process_mb": self.peak_hwm_kib / 1024,
                "peak_total_pss_mb": self.peak_pss_kib / 1024}


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(home: Path, workers: int | None) -> tuple[subprocess.Popen, int]:
    port = free_port()
    env = {**os.environ, **SERVER_ENV, "COMMONING_HOME": str(home), "COMMONING_DEBUG": "0",
           "DJANGO_SETTINGS_MODULE": "web_server.settings",
           "PYTHONPATH": os.pathsep.join([str(BENCH_DIR), str(ROOT)])}
    for inherited in ("DATABASE_URL", "COMMONING_SECRET_KEY", "COMMONING_KEYSTORE_SECRET"):
        env.pop(inherited, None)
    command = [sys.executable, "-m", "commoning.cli.main", "serve", "--port", str(port)]
    if workers:
        command += ["--workers", str(workers)]
    log = (home / "bench-serve.log").open("ab")
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited; see {home / 'bench-serve.log'}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/bench/bare/")
            if connection.getresponse().status == 200:
                return server, port
        except OSError:
            pass
        time.sleep(0.3)
    server.terminate()
    raise SystemExit("the server did not start")


def measure_size(size: int, args) -> dict:
    say = lambda message: print(message, file=sys.stderr, flush=True)  # noqa: E731
    home, meta = big_log.ensure(size, seed=args.seed, cache=args.cache, commons=args.commons,
                                members=args.members, say=say)
    plan = targets(meta)
    if args.targets:  # the baseline always runs, so every figure keeps its ratio to it
        wanted = {name.strip() for name in args.targets.split(",")}
        plan = [target for target in plan if target[0] in wanted or target[0].startswith("bare")]
    server, port = start_server(home, args.workers)
    watch = MemoryWatch(server.pid)
    workers = len(server_pids(server.pid)) - 1 or 1
    rows = []
    try:
        for clients in args.concurrency:
            say(f"{size:,} contributions: {clients} clients, {len(plan)} targets "
                f"x {args.seconds:g} s")
            load = subprocess.run(
                [sys.executable, __file__, "--load", str(port), "--clients", str(clients),
                 "--seconds", str(args.seconds), "--plan", json.dumps(plan),
                 "--login", meta["login"], "--password", meta["password"]],
                capture_output=True, text=True, check=False)
            if load.returncode != 0:
                raise SystemExit(f"the load process failed:\n{load.stderr}")
            rows += [json.loads(line) for line in load.stdout.splitlines() if line.strip()]
    finally:
        memory = watch.close()
        server.terminate()
        server.wait(timeout=60)
    return {"contributions": size, "entries": meta["entries"], "workers": workers,
            "generate_s": meta["generate_s"], "database_mb": meta["database_bytes"] / 2**20,
            "memory": memory, "rows": rows}


# -- the report --------------------------------------------------------------------------------
def report(results: list[dict]) -> None:
    for result in results:
        print(f"\n{result['contributions']:,} contributions ({result['entries']:,} entries, "
              f"database {result['database_mb']:,.0f} MiB), {result['workers']} workers; "
              f"server memory: peak process {result['memory']['peak_process_mb']:.0f} MB, "
              f"peak total Pss {result['memory']['peak_total_pss_mb']:.0f} MB")
        bare = {row["clients"]: row for row in result["rows"] if row["target"].startswith("bare")}
        print(f"{'target':<22} {'c':>3} {'p50 ms':>9} {'p95 ms':>9} {'p99 ms':>9} "
              f"{'req/s':>8} {'x bare':>7}  errors")
        for row in result["rows"]:
            base = bare.get(row["clients"])
            rate = row["requests"] / row["seconds"] if row["seconds"] else 0
            base_rate = base["requests"] / base["seconds"] if base else 0
            share = f"{rate / base_rate:.3f}" if base_rate else "-"
            print(f"{row['target']:<22} {row['clients']:>3} {fmt(row['p50_ms'])} "
                  f"{fmt(row['p95_ms'])} {fmt(row['p99_ms'])} {rate:>8.1f} {share:>7}  "
                  f"{row['errors'] or ''}")
    if len(results) > 1:
        growth(results[0], results[-1])
    targets_met(results[-1])


def fmt(value) -> str:
    return f"{value:>9.1f}" if value is not None else f"{'-':>9}"


def growth(small: dict, large: dict) -> None:
    """Each target's p50 at c=1 on the largest log over its p50 on the smallest."""
    print(f"\np50 at c=1, {large['contributions']:,} over {small['contributions']:,} "
          f"contributions (within {GROWTH_LIMIT}x?)")
    before = {row["target"]: row for row in small["rows"] if row["clients"] == 1}
    for row in large["rows"]:
        if row["clients"] != 1 or row["target"] not in before:
            continue
        old, new = before[row["target"]]["p50_ms"], row["p50_ms"]
        if old and new:
            ratio = new / old
            verdict = "yes" if ratio <= GROWTH_LIMIT else "NO"
            print(f"  {row['target']:<22} {old:>9.1f} -> {new:>9.1f} ms  {ratio:>6.2f}x  {verdict}")


def targets_met(result: dict) -> None:
    print(f"\ntargets on the {result['contributions']:,}-contribution log (the issue's, "
          "for 1,000,000):")
    for clients, limit in TARGET_P95_MS.items():
        rows = [row for row in result["rows"] if row["clients"] == clients]
        slow = [row["target"] for row in rows
                if row["p95_ms"] is None or row["p95_ms"] >= limit or row["errors"]]
        verdict = ("not measured" if not rows else "met" if not slow
                   else "NOT met by " + ", ".join(slow))
        print(f"  p95 < {limit} ms at c={clients}: {verdict}")
    peak = result["memory"]["peak_process_mb"]
    print(f"  memory < {TARGET_MEMORY_MB} MB (highest process peak): {peak:.0f} MB, "
          f"{'met' if peak < TARGET_MEMORY_MB else 'NOT met'} (all processes' peak Pss "
          f"together: {result['memory']['peak_total_pss_mb']:.0f} MB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100000,1000000",
                        help="contributions of each generated log, comma-separated")
    parser.add_argument("--workers", type=int, default=None,
                        help="serve --workers (default: one per core)")
    parser.add_argument("--concurrency", default="1,8,32", help="client counts, comma-separated")
    parser.add_argument("--seconds", type=float, default=10.0, help="per target and count")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--commons", type=int, default=20)
    parser.add_argument("--members", type=int, default=2000)
    parser.add_argument("--cache", type=Path, default=None,
                        help="where generated logs are kept (see bench/big_log.py)")
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    parser.add_argument("--targets", default="",
                        help="only these targets (names as printed, comma-separated), "
                             "beside the bare view; default: all")
    # The load process (this file run again, in its own process).
    parser.add_argument("--load", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--clients", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--plan", help=argparse.SUPPRESS)
    parser.add_argument("--login", help=argparse.SUPPRESS)
    parser.add_argument("--password", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.load:
        run_load(args.load, args.clients, args.seconds, json.loads(args.plan), args.login,
                 args.password)
        return
    args.concurrency = [int(count) for count in args.concurrency.split(",")]
    sizes = sorted(int(size) for size in args.sizes.split(","))
    results = [measure_size(size, args) for size in sizes]
    report(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
