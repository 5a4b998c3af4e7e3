"""Work API lists page by keys: ?limit=&cursor= walks every row once, a page costs the rows it
sends (no query per row for statuses or descriptions), at any depth of history."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commoning.work.models import Contribution
from commoning.work.tests.helpers import rules_led_commons
from commoning.work.tests.test_work_pages_cost_what_they_show import grow


def walk(client, url: str, limit: int) -> list[dict]:
    items, cursor = [], ""
    while True:
        body = client.get(f"{url}?limit={limit}&cursor={cursor}").json()
        assert set(body) == {"items", "next"}
        items += body["items"]
        if body["next"] is None:
            return items
        cursor = body["next"]


def queries_of(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200, url
    return len(captured.captured_queries)


@pytest.mark.django_db
def test_it_walks_every_row_once_newest_first(client, alice, bob, carol, dave):
    commons = rules_led_commons(alice)
    grow(commons, alice, bob, carol, dave, 4)
    contributions = walk(client, f"/api/work/commons/{commons.id}/contributions", 3)
    expected = list(
        Contribution.objects.filter(commons_id=commons.id)
        .order_by("-ts", "id").values_list("id", flat=True)
    )
    assert [c["id"] for c in contributions] == expected
    tasks = walk(client, f"/api/work/commons/{commons.id}/tasks", 3)
    assert len({t["id"] for t in tasks}) == len(tasks) == 4
    assert {t["status"] for t in tasks} == {"done"}  # approved twice, no window


@pytest.mark.django_db
def test_a_page_costs_the_same_at_ten_times_the_history(client, alice, bob, carol, dave):
    commons = rules_led_commons(alice)
    urls = [
        f"/api/work/commons/{commons.id}/contributions?limit=1",
        f"/api/work/commons/{commons.id}/contributions?limit=20",
        f"/api/work/commons/{commons.id}/tasks?limit=1",
        f"/api/work/commons/{commons.id}/tasks?limit=20",
        "/api/commons?limit=1",
        "/api/members?limit=1",
    ]
    grow(commons, alice, bob, carol, dave, 3)
    small = {url: queries_of(client, url) for url in urls}
    grow(commons, alice, bob, carol, dave, 27)
    large = {url: queries_of(client, url) for url in urls}
    assert large == small
    # Twenty rows cost what one does: nothing is read row by row.
    assert small[urls[1]] == small[urls[0]] and small[urls[3]] == small[urls[2]]
    assert max(large.values()) < 20


@pytest.mark.django_db
def test_it_refuses_a_forged_cursor_and_an_offset(client, alice, bob, carol, dave):
    commons = rules_led_commons(alice)
    grow(commons, alice, bob, carol, dave, 2)
    url = f"/api/work/commons/{commons.id}/contributions"
    cursor = client.get(f"{url}?limit=1").json()["next"]
    forged = cursor.replace(cursor.split(":")[0], "W1siMCJdXQ")
    assert client.get(f"{url}?cursor={forged}").status_code == 400
    assert client.get(f"/api/work/commons/{commons.id}/tasks?cursor={cursor}").status_code == 400
    response = client.get(f"{url}?offset=5")
    assert response.status_code == 400
    assert "cursor" in response.json()["message"]
