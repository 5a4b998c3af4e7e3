"""The board state the apply functions keep (each task's stage and times, the stage counts) is
the same in any delivery order, and the board read from it at any moment equals a recount that
judges every task's claims and work afresh (the oracle)."""

import pytest

from commoning.log.models import Entry
from commoning.log.tests.kit import assert_same_in_any_order
from commoning.log.writer import entry_from_row
from commoning.work import access, task_board
from commoning.work.models import Task, TaskCount
from commoning.work.tests.board_kit import build_board_log, moments
from commoning.work.tests.test_order_independence import build_realistic_log


def shown(commons_id: str, now: int) -> dict:
    columns = task_board.board(commons_id, now)
    return {status: [view.task.id for view in views] for status, views in columns.items()}


def totals(commons_id: str, now: int) -> dict:
    return {status: len(ids) for status, ids in task_board.recount_board(commons_id, now).items()}


@pytest.mark.django_db(transaction=False)
def test_it_keeps_the_same_board_in_any_order(alice, bob, carol, dave, eve):
    # The realistic log adds concurrent claims and a change of the rules in force.
    commons_ids = [build_board_log(alice, bob, carol, dave, eve),
                   build_realistic_log(alice, bob, carol, dave, eve).id]
    envelopes = [entry_from_row(row).envelope() for row in Entry.objects.order_by("apply_order")]
    at = moments()

    def boards_everywhere():
        seen = []
        for commons_id in commons_ids:
            for now in at:
                board = shown(commons_id, now)
                assert board == task_board.recount_board(commons_id, now), (commons_id, now)
                assert task_board.totals(commons_id, now) == totals(commons_id, now)
                seen.append(board)
        kept = sorted(Task.objects.values_list("id", "stage", "phase", "done_from_ts",
                                               "live_claim_ts"))
        counts = sorted(TaskCount.objects.values_list("id", "count"))
        return seen, kept, counts

    boards_everywhere()  # checks the board against the recount at every moment
    # The log must put tasks in every column at some moment, and move some between them.
    over_time = [shown(commons_ids[0], now) for now in at]
    for status in task_board.COLUMNS:
        assert any(board[status] for board in over_time), status
    assert over_time[1]["done"] != over_time[0]["done"]  # the objection window closed
    assert over_time[0]["claimed"] and not over_time[2]["claimed"]  # the claims expired
    assert access.board(commons_ids[0], at[0])["open"].total == len(over_time[0]["open"])
    assert_same_in_any_order(envelopes, examples=3, observe=boards_everywhere)
