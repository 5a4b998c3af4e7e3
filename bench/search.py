"""Search latency on the demo network and on big generated logs, beside baselines measured in
the same process on the same database.

    python bench/search.py                               # the demo, 100,000 and 1,000,000
    python bench/search.py --sizes 2000 --runs 20        # a quick proof that it works
    python bench/search.py --sizes 100000 --json out.json

For each node (the demo, seeded into a temporary home, then one node per size made or reused
by bench/big_log.py), a child process (Django's settings, and so the node, are fixed per
process) migrates the node, queues every object for indexing, and times:

- `index`: the catch-up that indexes every queued object (what the first search, `commoning
  rebuild` or the demo pays once), with the number of objects and documents;
- for each query, `search()` as the page and the API call it (the indexer's look at the empty
  queue, the ranked full-text query for one page of 20, the snippets of that page): p50 and
  p95 over `--runs` calls, and the results found on the first page;
- two baselines, timed the same way: `pk` (one commons read by primary key, the cheapest
  query there is) and `name LIKE` (the commons list's older name filter, one page of 20).

Queries: a rare word, a common word, two words, and a common word filtered to one kind. On
the generated logs, contributions carry no note, so a contribution's title is its kind: the
word `code` matches about a quarter of all contributions, the worst case of ranking.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import big_log

ROOT = Path(__file__).resolve().parent.parent
DEMO_QUERIES = [("rare word", "hydraulics", ""), ("common word", "the", ""),
                ("two words", "seed saver", ""), ("one kind", "the", "task")]
BIG_QUERIES = [("rare word", "17", "commons"), ("common word", "code", ""),
               ("two words", "member 1234", ""), ("one kind", "task", "task")]


def timed(function, runs: int) -> dict:
    function()  # warm: the first call pays the statement cache and the pages' first read
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {"p50_ms": round(statistics.median(times), 2),
            "p95_ms": round(times[min(len(times) - 1, int(len(times) * 0.95))], 2)}


def measure(home: Path, demo: bool, runs: int) -> dict:
    """In the child: the node at COMMONING_HOME=home. Prints one JSON line."""
    sys.path.insert(0, str(ROOT))
    from commoning.cli.django_setup import setup

    setup()
    from commoning.accounts.actions import default_network
    from commoning.commons.access import commons_in
    from commoning.commons.models import Commons
    from commoning.search.index import catch_up
    from commoning.search.models import SearchDocument, SearchPending
    from commoning.search.query import search

    if demo:
        from commoning.demo import seed_demo

        seed_demo(progress=lambda message: None)
    # Queue every object again, so the catch-up is timed whole on a seeded demo or a reused
    # node as on a new one.
    from django.db import connection

    with connection.cursor() as cursor:
        for table, kind in (("commons_commons", "commons"), ("work_task", "task"),
                            ("work_contribution", "contribution"),
                            ("work_artifact", "artifact"), ("accounts_member", "member")):
            cursor.execute(f"INSERT INTO search_searchpending (kind, object_id) "  # noqa: S608
                           f"SELECT '{kind}', id FROM {table}")
    net = default_network()
    queued = SearchPending.objects.count()
    started = time.perf_counter()
    indexed = catch_up()
    index_s = time.perf_counter() - started
    figures = {"queued": queued, "indexed": indexed, "index_s": round(index_s, 2),
               "documents": SearchDocument.objects.count(), "queries": {}}
    some_commons = Commons.objects.filter(net=net).values_list("id", "name").first()
    figures["baseline pk"] = timed(
        lambda: Commons.objects.filter(id=some_commons[0]).values_list("name").first(), runs)
    figures["baseline name LIKE"] = timed(
        lambda: list(commons_in(net, search=some_commons[1][:4])[:20]), runs)
    for label, query, kind in DEMO_QUERIES if demo else BIG_QUERIES:
        found = len(search(net, query, kind=kind).items)
        figures["queries"][f"{label}: {query!r}" + (f" kind={kind}" if kind else "")] = {
            **timed(lambda query=query, kind=kind: search(net, query, kind=kind), runs),
            "found": found,
        }
    print(json.dumps(figures))
    return figures


def run_child(home: Path, demo: bool, runs: int) -> dict:
    env = {**os.environ, "COMMONING_HOME": str(home), "COMMONING_DEBUG": "0"}
    for inherited in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE"):
        env.pop(inherited, None)
    args = [sys.executable, __file__, "--child", str(home), "--runs", str(runs)]
    output = subprocess.run(args + (["--demo"] if demo else []), env=env, check=True,
                            capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def show(name: str, figures: dict) -> None:
    print(f"\n{name}: {figures['documents']:,} documents; indexing {figures['indexed']:,} "
          f"queued objects took {figures['index_s']:,.2f} s")
    print(f"  {'what':<44} {'p50 ms':>9} {'p95 ms':>9} {'found':>6}")
    for label in ("baseline pk", "baseline name LIKE"):
        row = figures[label]
        print(f"  {label:<44} {row['p50_ms']:>9.2f} {row['p95_ms']:>9.2f}")
    for label, row in figures["queries"].items():
        print(f"  {'search ' + label:<44} {row['p50_ms']:>9.2f} {row['p95_ms']:>9.2f} "
              f"{row['found']:>6}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100000,1000000",
                        help="contributions of each generated log, comma-separated ('' for "
                             "the demo alone)")
    parser.add_argument("--runs", type=int, default=100, help="calls timed per query")
    parser.add_argument("--no-demo", action="store_true", help="skip the demo network")
    parser.add_argument("--cache", type=Path, default=None, help="as for bench/big_log.py")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--demo", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        measure(args.child, args.demo, args.runs)
        return
    results = {}
    if not args.no_demo:
        with tempfile.TemporaryDirectory() as home:
            results["demo"] = run_child(Path(home), True, args.runs)
        show("demo network", results["demo"])
    for size in [int(size) for size in args.sizes.split(",") if size.strip()]:
        home, meta = big_log.ensure(size, cache=args.cache)
        results[str(size)] = {"entries": meta["entries"], **run_child(home, False, args.runs)}
        show(f"{size:,} contributions ({meta['entries']:,} entries)", results[str(size)])
    print("\nThe machine may be busy: compare each search with the baselines of the same run.")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
