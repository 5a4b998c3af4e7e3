"""Transfer benchmark: payments through the action layer, beside no-op appends in the same run.

    python bench/transfers.py                   # 1 and 16 writers, 2,000 transfers each count
    python bench/transfers.py --transfers 200   # a quick run

A node with a file SQLite database in a temporary COMMONING_HOME, in this process. Writers are
threads; each pays from its own member to another (`credit.actions.do_transfer`: the action, the
domain rule's fold over the payer's feed, the apply, the log) and, through
commoning/log/group_commit.py, the threads' actions share write transactions as the API's
do. For each writer count it prints transfers per second and p50/p99/max latency, beside the
same threads appending `bench.noop` entries (a type whose rule and apply do nothing) through
the same group commit: the log's own cost, so the difference is what credit adds. The targets
of issue 14 (2,000 transfers/s with 16 writers, p99 under 50 ms) are printed beside them. On a
shared machine the figures move a lot between runs: read them against the same run's baseline.
"""

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_PER_SECOND_AT_16 = 2000
TARGET_P99_MS_AT_16 = 50


def start_node(home: str) -> None:
    os.environ["COMMONING_HOME"] = home
    os.environ.pop("DATABASE_URL", None)  # file SQLite: the case the issue names
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "commoning.settings")
    os.environ["COMMONING_GROUP_COMMIT"] = "1"
    sys.path.insert(0, str(ROOT))
    from commoning.cli.django_setup import setup

    setup()
    from commoning.log import registry

    registry.register("bench.noop", check=lambda entry: None, apply=lambda entry: None)


def make_people(count: int):
    from commoning.credit.testing import make_currency
    from commoning.testing import make_member, make_network

    net = make_network("Bench Valley")
    users = [make_member(net, f"bench{number}") for number in range(count)]
    currency_id = make_currency(net, users[0], name="Bench hours", default_limit=10**12)
    return net, users, currency_id


def run_writers(writers: int, per_writer: int, write_one) -> tuple[float, list[float]]:
    """`writers` threads, each calling write_one(writer, number) per_writer times; returns the
    wall time and every call's latency in seconds."""
    from django.db import connection

    latencies: list[float] = []
    lock = threading.Lock()
    barrier = threading.Barrier(writers + 1)

    def work(writer: int):
        mine = []
        barrier.wait()
        for number in range(per_writer):
            started = time.perf_counter()
            write_one(writer, number)
            mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)
        connection.close()

    threads = [threading.Thread(target=work, args=(writer,)) for writer in range(writers)]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started, latencies


def figures(name: str, count: int, seconds: float, latencies: list[float]) -> str:
    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    p50 = statistics.median(ordered)
    return (f"  {name:<22} {count / seconds:8.0f}/s   p50 {p50 * 1000:6.1f} ms"
            f"   p99 {p99 * 1000:6.1f} ms   max {ordered[-1] * 1000:6.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--transfers", type=int, default=2000,
                        help="transfers per writer count (split among the writers)")
    parser.add_argument("--writers", type=int, nargs="+", default=[1, 16])
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="commoning-bench-transfers-") as home:
        start_node(home)
        from commoning.accounts.access import actor_for
        from commoning.credit.actions import do_accept, do_transfer
        from commoning.log import group_commit
        from commoning.log.append import append
        from commoning.log.atomic import atomic_action

        most = max(arguments.writers)
        net, users, currency_id = make_people(2 * most)
        payee_ids = [user.account.member_id for user in users]
        keys = [actor_for(user)[2] for user in users]

        @atomic_action
        def noop(writer: int, number: int):
            append(keys[writer], net=net, type="bench.noop", data={"n": number})

        def transfer(writer: int, number: int):
            payee = payee_ids[most + (writer + number) % most]
            do_transfer(users[writer], currency_id, payee, 100 + number, memo="bench")

        print(f"transfers on file SQLite, group commit on; targets at 16 writers: "
              f"{TARGET_PER_SECOND_AT_16}/s, p99 < {TARGET_P99_MS_AT_16} ms")
        for writers in arguments.writers:
            per_writer = max(1, arguments.transfers // writers)
            count = per_writer * writers
            groups_before = group_commit.writers.groups_run
            seconds, latencies = run_writers(writers, per_writer, transfer)
            groups = group_commit.writers.groups_run - groups_before
            noop_seconds, noop_latencies = run_writers(writers, per_writer, noop)
            print(f"{writers} writer{'s' if writers > 1 else ''}, {count} each:")
            print(figures("credit.transfer", count, seconds, latencies)
                  + f"   ({count / max(groups, 1):.1f} per commit)")
            print(figures("bench.noop append", count, noop_seconds, noop_latencies))
        # Accepting is the payee's half: one thread, for scale.
        from commoning.credit.models import Transfer

        pending = list(Transfer.objects.filter(status="pending")
                       .values_list("id", "payee_id")[: max(1, arguments.transfers // 4)])
        by_member = {user.account.member_id: user for user in users}
        started = time.perf_counter()
        for transfer_id, payee_id in pending:
            do_accept(by_member[payee_id], transfer_id)
        seconds = time.perf_counter() - started
        print(f"  credit.accept, 1 writer: {len(pending) / seconds:8.0f}/s")


if __name__ == "__main__":
    main()
