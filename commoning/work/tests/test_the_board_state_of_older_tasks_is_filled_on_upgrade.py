"""Upgrading a node fills the board state of tasks recorded before it was kept, exactly as the
apply functions keep it."""

import importlib

import pytest
from django.apps import apps

from commoning.work.models import Task, TaskCount
from commoning.work.tests.board_kit import build_board_log

upgrade = importlib.import_module("commoning.work.migrations.0007_task_board_state")


def kept_state():
    tasks = sorted(Task.objects.values_list("id", "stage", "phase", "done_from_ts",
                                            "live_claim_ts"))
    return tasks, sorted(TaskCount.objects.values_list("id", "net", "commons_id", "stage",
                                                       "count"))


@pytest.mark.django_db
def test_it_fills_the_same_state_the_apply_functions_keep(alice, bob, carol, dave, eve):
    build_board_log(alice, bob, carol, dave, eve)
    kept = kept_state()
    assert {stage for _id, stage, *_rest in kept[0]} == {"open", "claimed", "submitted", "done"}
    # As an older node has them: every task at the column defaults, no counts.
    Task.objects.update(stage="open", phase="open", done_from_ts=None, live_claim_ts=None)
    TaskCount.objects.all().delete()
    upgrade.fill_board_state(apps, None)
    assert kept_state() == kept
