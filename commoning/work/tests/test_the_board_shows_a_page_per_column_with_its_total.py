"""Each board column shows its newest tasks, a page at most, and the number it holds in all,
from the kept stage counts; the page says that number."""

import pytest

from commoning.commons.actions import create_commons
from commoning.testing import HostileNode
from commoning.work import actions, task_board


@pytest.mark.django_db
def test_it_shows_the_newest_tasks_of_a_column_and_counts_them_all(alice, bob):
    commons = create_commons(alice, name="Busy Valley", licence="CC-BY-4.0")
    tasks = [actions.create_task(alice, commons.id, title=f"Task {n}", kind="code")
             for n in range(5)]
    actions.claim_task(bob, tasks[0].id)
    board = task_board.board(commons.id, limit=2)
    newest_open = sorted(tasks[1:], key=lambda task: (-task.created_ts, task.id))[:2]
    assert [view.task.id for view in board["open"]] == [task.id for task in newest_open]
    assert board["open"].total == 4
    assert [view.task.id for view in board["claimed"]] == [tasks[0].id]
    assert board["claimed"].total == 1
    assert board["done"].total == 0


@pytest.mark.django_db
def test_its_page_says_how_many_tasks_each_column_holds(client, alice):
    commons = create_commons(alice, name="Busy Valley", licence="CC-BY-4.0")
    node = HostileNode.of(alice)  # written directly: a newcomer's action is rate limited
    for n in range(task_board.COLUMN_SIZE + 3):
        node.write("work.task", {"commons": commons.id, "title": f"Task {n}", "kind": "code"},
                   deps=[commons.id])
    response = client.get(f"/work/commons/{commons.id}/")
    assert len(response.context["board"]["open"]) == task_board.COLUMN_SIZE
    assert f"({task_board.COLUMN_SIZE + 3})" in response.content.decode()
