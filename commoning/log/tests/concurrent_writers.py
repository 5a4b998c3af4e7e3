"""Writers in several processes and threads at once against one database, for the tests of
the write path (test_writers_in_many_processes_and_threads_keep_the_log_whole.py).

Run as a module, one step per process, with COMMONING_HOME (and DATABASE_URL, if any) set:

    python -m commoning.log.tests.concurrent_writers setup MEMBERS TOKENS
    python -m commoning.log.tests.concurrent_writers write COMMONS PER_THREAD TOKEN...
    python -m commoning.log.tests.concurrent_writers group COMMONS TOKEN TOKEN TOKEN TOKEN
    python -m commoning.log.tests.concurrent_writers check

Each step prints one JSON line. `write` posts contributions through the API (Django's test
client, a real token per thread), every fourth one refused by the action (a kind the commons
does not use), so refusals land in the middle of shared groups.
"""

import json
import os
import sys
import threading


def _start() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "commoning.settings")
    import django

    django.setup()


def setup(members: int, tokens: int) -> dict:
    """A network, `members` members (the first founds a commons) and `tokens` API tokens dealt
    to them in turn: several threads writing with one member's tokens append to one feed."""
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    from commoning.accounts.actions import create_api_token
    from commoning.commons.actions import create_commons
    from commoning.testing import make_member, make_network

    net = make_network()
    users = [make_member(net, f"writer{number}") for number in range(members)]
    commons = create_commons(users[0], name="Many Hands", licence="CC0-1.0")
    return {"commons": commons.id,
            "tokens": [create_api_token(users[number % members], "load")[1]
                       for number in range(tokens)]}


def _post(client, commons_id: str, kind: str, text: str):
    body = {"commons": commons_id, "kind": kind, "effort_minutes": 5, "description": text}
    return client.post("/api/work/contributions", body, content_type="application/json")


def write(commons_id: str, per_thread: int, tokens: list[str]) -> dict:
    from django.db import connection
    from django.test import Client

    from commoning.log.group_commit import writers

    stored, refused, failures = [], [], []
    lock = threading.Lock()

    def one_writer(token: str) -> None:
        client = Client(headers={"Authorization": f"Bearer {token}"})
        try:
            for number in range(per_thread):
                kind = "juggling" if number % 4 == 3 else "code"
                response = _post(client, commons_id, kind, f"{token[-6:]} {number}")
                with lock:
                    if response.status_code == 201:
                        stored.append(response.json()["id"])
                    elif response.status_code in (400, 422) and kind == "juggling":
                        refused.append(number)
                    else:
                        failures.append([response.status_code, response.content.decode()[:200]])
        finally:
            connection.close()

    threads = [threading.Thread(target=one_writer, args=(token,)) for token in tokens]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"stored": stored, "refused": len(refused), "failures": failures,
            "groups": writers.groups_run, "largest_group": writers.largest_group}


def group(commons_id: str, tokens: list[str]) -> dict:
    """The first writer's action waits inside its group until three more are queued behind it;
    those three must then share the next group's one transaction."""
    from django.db import connection
    from django.test import Client

    from commoning.log.group_commit import writers
    from commoning.work import actions

    first_inside = threading.Event()
    original = actions._newcomer_may_write  # a step every recording takes inside its action

    def held(member_id):
        if not first_inside.is_set():
            first_inside.set()
            for _tick in range(3000):  # at most 30 s, should a writer never come
                if len(writers.queue) >= 3:  # the other three, queued behind this group
                    break
                threading.Event().wait(0.01)
        return original(member_id)

    statuses = []
    # Each token used once first: its first use writes `last_used_at` outside any action, and
    # would wait on the write lock this test holds on purpose.
    for token in tokens[:4]:
        Client(headers={"Authorization": f"Bearer {token}"}).get("/api/me")
    actions._newcomer_may_write = held

    def one_writer(token: str) -> None:
        client = Client(headers={"Authorization": f"Bearer {token}"})
        try:
            statuses.append(_post(client, commons_id, "code", token[-6:]).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=one_writer, args=(tokens[0],))]
    threads[0].start()
    first_inside.wait()
    threads += [threading.Thread(target=one_writer, args=(token,)) for token in tokens[1:4]]
    for thread in threads[1:]:
        thread.start()
    for thread in threads:
        thread.join()
    return {"statuses": statuses, "groups": writers.groups_run,
            "largest_group": writers.largest_group}


def check() -> dict:
    from commoning.log.models import Entry
    from commoning.log.projection import rebuild, state_hash

    rows = list(Entry.objects.values_list("id", "net", "author", "seq", "prev", "ts"))
    feeds: dict = {}
    for row in rows:
        feeds.setdefault((row[1], row[2]), []).append(row)
    broken = []
    for key, feed in feeds.items():
        feed.sort(key=lambda row: row[3])
        for position, row in enumerate(feed, start=1):
            earlier = feed[position - 2] if position > 1 else None
            intact = row[3] == position and (
                row[4] is None if earlier is None else row[4] == earlier[0] and row[5] > earlier[5]
            )
            if not intact:
                broken.append([key[1][:12], row[3]])
    contributions = list(
        Entry.objects.filter(type="work.contribution").values_list("id", flat=True)
    )
    hash_served = state_hash()
    rebuild()
    return {"contributions": contributions, "unique_ids": len({row[0] for row in rows}),
            "entries": len(rows), "broken_chains": broken,
            "hash_served": hash_served, "hash_rebuilt": state_hash()}


def main(argv: list[str]) -> None:
    _start()
    step, args = argv[0], argv[1:]
    if step == "setup":
        result = setup(int(args[0]), int(args[1]))
    elif step == "write":
        result = write(args[0], int(args[1]), args[2:])
    elif step == "group":
        result = group(args[0], args[1:])
    else:
        result = check()
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
