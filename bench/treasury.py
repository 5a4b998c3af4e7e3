"""Treasury benchmark: a year of books with a great many postings; the rebuild of every
projection from the log, and the transparency page's p50/p95, each beside a baseline measured in
the same run and process.

    python bench/treasury.py                        # 1,000,000 postings (500,000 movements)
    python bench/treasury.py --postings 20000       # a quick proof that it runs

In a temporary COMMONING_HOME (its own SQLite database): an association whose stewards are
Alice, Bob and Carol (two approvals per payment), one treasury, and `--postings / 2` movements
of two postings each over a year, signed by Alice's key and delivered through the log's ingest
(the same checked path a peer's entries take): mostly income (dues, donations) and transfers to
the reserve, plus twelve granted decisions, each with a payment that two stewards approved.
Figures:
- rebuild_seconds: `commoning rebuild` of the whole log (every app's projections);
- rebuild_noop_seconds (baseline): the same rebuild with the treasury's rules and apply
  functions replaced by ones that do nothing, so the difference is the books' own cost;
- page: GET /treasury/<id>/ (anonymous, first page of movements) through Django's test client
  in this process, `--requests` times after a warm-up: p50 and p95 in ms (target p95 < 100 ms);
- bare (baseline): GET of bench/web.py's bare view (same middleware, no work), the same way.
Timings on a shared machine move; compare the figures measured side by side in the same run.
"""

import argparse
import dataclasses
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
YEAR_MS = 365 * 24 * 3600 * 1000
BATCH = 2_000


def percentiles(samples_ms: list[float]) -> dict:
    samples_ms = sorted(samples_ms)
    return {"p50_ms": round(statistics.median(samples_ms), 2),
            "p95_ms": round(samples_ms[max(0, int(len(samples_ms) * 0.95) - 1)], 2)}


def timed_gets(client, path: str, requests: int) -> dict:
    client.get(path)  # warm-up: templates, caches, connections
    samples = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(path)
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return percentiles(samples)


class YearAgoClock:
    """The log's clock, set back so the books span the past year; `at(ts)` moves it to a moment
    (never backwards), as the log's own clock seam allows (commoning.log.clock)."""

    def __init__(self):
        from commoning.log import clock

        self.clock, self.real = clock, clock.now_ms
        self.moment = self.real() - YEAR_MS - 24 * 3600 * 1000
        clock.now_ms = lambda: self.moment

    def at(self, ts: int) -> None:
        self.moment = max(self.moment, ts)

    def restore(self) -> None:
        self.clock.now_ms = self.real


def build_books(postings: int):
    """The association, the treasury and `postings` postings; returns (books, seconds)."""
    from commoning.accounts.access import signing_key_for
    from commoning.core import entry as entry_format
    from commoning.log.append import feed_head
    from commoning.log.ingest import ingest_entries
    from commoning.treasury import actions, governance
    from commoning.treasury.testing import grant, make_books

    started = time.perf_counter()
    clock = YearAgoClock()
    books = make_books()
    users = books.users
    _account, key = signing_key_for(users["alice"])
    movements = max(0, postings // 2 - 24)  # each month's grant adds income and a payment
    per_month = movements // 12 + 1
    month_ms = YEAR_MS // 12
    written = 0
    for month in range(12):
        # A granted decision a month, paid after two stewards approved it.
        clock.at(clock.moment + 1000)
        decision = grant(books, 50_000 + month * 1_000, to=f"Supplier {month + 1}")
        actions.record_income(users["alice"], books.treasury.id, into=books.bank.id,
                              source=books.donations.id, amount="600")
        payment = actions.propose_payment(users["alice"], decision=decision,
                                          from_account=books.bank.id, amount="500")
        actions.approve_payment(users["bob"], payment.id)
        actions.approve_payment(users["carol"], payment.id)
        heads = governance.current_heads(books.net)
        seq, prev, ts = feed_head(books.net, key.public_hex)
        step = max(1, (month_ms - 60_000) // per_month)
        batch = []
        for _ in range(min(per_month, movements - written)):
            if written % 5 == 4:
                debit, credit, kind = books.reserve.id, books.bank.id, "transfer"
            else:
                debit, kind = books.bank.id, "income"
                credit = books.dues.id if written % 2 else books.donations.id
            amount = 100 + written % 9_000
            data = {"treasury": books.treasury.id, "kind": kind, "postings": [
                {"account": debit, "amount": amount}, {"account": credit, "amount": -amount}]}
            ts, seq = ts + step, seq + 1
            entry = entry_format.build(
                key, net=books.net, seq=seq, prev=prev, ts=ts, type="treasury.movement",
                data=data, deps=sorted({books.treasury.id, debit, credit, *heads}))
            prev, written = entry.id, written + 1
            batch.append(entry)
            if len(batch) >= BATCH:
                clock.at(ts)
                ingest_entries(batch)
                batch = []
        clock.at(ts)
        if batch:
            ingest_entries(batch)
    clock.restore()
    return books, time.perf_counter() - started


def noop_treasury_types():
    """Swap the treasury's entry types for ones that check and apply nothing; give back how to
    restore them."""
    from commoning.log import registry

    saved = {name: kind for name, kind in registry.ENTRY_TYPES.items()
             if name.startswith("treasury.")}
    for name, kind in saved.items():
        registry.ENTRY_TYPES[name] = dataclasses.replace(
            kind, check=lambda entry: None, apply=lambda entry: None)
    return lambda: registry.ENTRY_TYPES.update(saved)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postings", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=50)
    arguments = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="commoning-bench-treasury-"))
    os.environ["COMMONING_HOME"] = str(home)
    os.environ.setdefault("COMMONING_GROUP_COMMIT", "0")
    os.environ["DJANGO_SETTINGS_MODULE"] = "web_server.settings"  # the node plus a bare view
    sys.path[:0] = [str(BENCH_DIR.parent), str(BENCH_DIR)]
    from commoning.cli.django_setup import setup

    setup()
    from django.test import Client

    from commoning.log.projection import rebuild
    from commoning.treasury.models import Posting

    books, build_seconds = build_books(arguments.postings)
    report = {"postings": Posting.objects.count(), "build_seconds": round(build_seconds, 1)}
    restore = noop_treasury_types()
    started = time.perf_counter()
    rebuild()
    report["rebuild_noop_seconds"] = round(time.perf_counter() - started, 2)
    restore()
    started = time.perf_counter()
    rebuild()
    report["rebuild_seconds"] = round(time.perf_counter() - started, 2)
    assert Posting.objects.count() == report["postings"], "the rebuild lost postings"
    client = Client()
    report["page"] = timed_gets(client, f"/treasury/{books.treasury.id}/", arguments.requests)
    report["bare"] = timed_gets(client, "/bench/bare/", arguments.requests)
    report["page_p95_target_ms"] = 100
    print(json.dumps(report, indent=2))
    shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
