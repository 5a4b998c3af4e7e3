"""Conversation and notifications benchmark: a member's notifications page, the unread count
in the menu, and a thread page, at a baseline history and at ten times it, in one process.

What grows is the history: comments on Bob's contribution that mention or answer him (so his
notifications keep growing too) and, five times as many, comments between others on other
subjects. A page should cost what it shows, so its time should hardly move when the history
grows tenfold. Comments are written through the real action (`post_comment`), in a temporary
COMMONING_HOME with its own SQLite database.

    python bench/conversation.py                               # baseline 2,000, size 20,000
    python bench/conversation.py --baseline 100 --size 1000    # a quick check that it runs
"""

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPEATS = 30


def timings(function) -> dict:
    samples = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return {"p50_ms": round(statistics.median(samples), 2),
            "p95_ms": round(samples[int(len(samples) * 0.95) - 1], 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=int, default=2_000, help="comments at the baseline")
    parser.add_argument("--size", type=int, default=20_000, help="comments at the measured size")
    arguments = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="commoning-bench-talk-"))
    os.environ["COMMONING_HOME"] = str(home)
    os.environ.setdefault("COMMONING_GROUP_COMMIT", "0")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from commoning.cli.django_setup import setup

    setup()
    from commoning.commons.actions import create_commons
    from commoning.notify import access as notify_access
    from commoning.talk import access as talk_access
    from commoning.talk.actions import post_comment
    from commoning.testing import make_member, make_network
    from commoning.work import actions as work

    net = make_network("Bench Valley")
    alice, bob, carol, dave = (make_member(net, name) for name in ("alice", "bob", "carol", "dave"))
    from commoning.accounts.models import Account

    bob_id = Account.objects.get(user=bob).member_id
    commons = create_commons(alice, name="Bench Works", licence="CC0-1.0")
    work.publish_rules(alice, commons.id, mode="rules-led", kinds=["code"], min_approvals=2,
                       objection_window_days=0, claim_days=14, maintainer_contributions=1,
                       maintainer_approvals=0, inactivity_days=180)
    bobs = work.record_contribution(bob, commons.id, kind="code", effort_minutes=60,
                                    description="Bench work")
    elsewhere = work.create_task(alice, commons.id, title="Elsewhere", kind="code")
    written = 0

    def grow_to(total: int) -> None:
        nonlocal written
        while written < total:
            if written % 6 == 0:  # one in six concerns Bob
                post_comment(carol, bobs.id, body=f"Note {written} for @bob")
            else:
                post_comment(dave if written % 2 else carol, elsewhere.id, body=f"Aside {written}")
            written += 1

    def measure() -> dict:
        return {
            "notifications_page": timings(lambda: notify_access.page_of(net, bob_id, limit=25)),
            "unread_count": timings(lambda: notify_access.unread(net, bob_id)),
            "thread_page": timings(lambda: talk_access.thread_page(net, bobs.id)),
        }

    started = time.perf_counter()
    grow_to(arguments.baseline)
    baseline = measure()
    grow_to(arguments.size)
    at_size = measure()
    report = {"baseline_comments": arguments.baseline, "size_comments": arguments.size,
              "write_seconds": round(time.perf_counter() - started, 1), "figures": {}}
    for name in baseline:
        report["figures"][name] = {
            "baseline": baseline[name], "size": at_size[name],
            "p50_ratio": round(at_size[name]["p50_ms"] / max(baseline[name]["p50_ms"], 0.01), 2),
        }
    print(json.dumps(report, indent=2))
    shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
