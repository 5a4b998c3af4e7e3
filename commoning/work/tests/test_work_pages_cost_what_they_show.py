"""The main work pages run as many queries at ten times the history as they do at one: they
read maintained tallies and the rows they show, never every contribution or a query per row."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commoning.testing import HostileNode
from commoning.work import actions
from commoning.work.models import Contribution, Task
from commoning.work.tests.helpers import member_id, rules_led_commons


def grow(commons, alice, bob, carol, dave, rounds: int) -> None:
    """`rounds` more tasks, each claimed and worked on, with approved and objected work."""
    nodes = [HostileNode.of(user) for user in (alice, bob, carol, dave)]
    for _ in range(rounds):
        task = nodes[0].write("work.task", {"commons": commons.id, "title": "Solder",
                                            "kind": "code"}, deps=[commons.id])
        nodes[1].write("work.claim", {"task": task.id}, deps=[task.id])
        work = nodes[1].write("work.contribution", {"commons": commons.id, "kind": "code",
                                                    "effort_minutes": 30, "task": task.id},
                              deps=[commons.id, task.id])
        nodes[2].write("work.validation", {"contribution": work.id, "verdict": "approve"},
                       deps=[work.id])
        nodes[3].write("work.validation", {"contribution": work.id, "verdict": "approve"},
                       deps=[work.id])
        doubtful = nodes[2].write("work.contribution", {"commons": commons.id,
                                                        "kind": "design", "effort_minutes": 5},
                                  deps=[commons.id])
        nodes[1].write("work.validation", {"contribution": doubtful.id, "verdict": "object",
                                           "reason": "Not done"}, deps=[doubtful.id])


def page_urls(commons, bob) -> list[str]:
    task = Task.objects.filter(commons_id=commons.id).order_by("created_ts").first()
    contribution = Contribution.objects.filter(commons_id=commons.id).order_by("ts").first()
    return [
        f"/work/commons/{commons.id}/",
        f"/commons/{commons.id}/",
        f"/work/members/{member_id(bob)}/",
        f"/work/tasks/{task.id}/",
        f"/work/contributions/{contribution.id}/",
        "/work/",
    ]


def queries_per_page(client, urls) -> dict[str, int]:
    counts = {}
    for url in urls:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200, url
        counts[url] = len(captured.captured_queries)
    return counts


@pytest.mark.django_db
def test_its_pages_cost_the_same_at_ten_times_the_history(client, alice, bob, carol, dave):
    commons = rules_led_commons(alice)
    actions.fork_commons(carol, commons.id, name="Fork", reason="Our way")
    client.force_login(bob)
    grow(commons, alice, bob, carol, dave, 3)
    urls = page_urls(commons, bob)
    small = queries_per_page(client, urls)
    grow(commons, alice, bob, carol, dave, 27)
    large = queries_per_page(client, urls)
    assert large == small
