"""Shared set-up for the artifact, revision and atomic-action tests: clients for a person, and
a way to make an action's n-th append fail as a refused rule or a crash half-way would."""

from contextlib import ExitStack, contextmanager
from unittest import mock

from django.test import Client

from commoning.accounts.actions import create_api_token
from commoning.log.models import Entry
from commoning.log.registry import Rejected
from commoning.testing import PASSWORD
from commoning.work import actions as work_actions
from commoning.work import artifact_actions, role_actions
from commoning.work.models import Artifact, Revision


def api_client(user) -> Client:
    _row, token = create_api_token(user, "test")
    return Client(headers={"Authorization": f"Bearer {token}"})


def web_client(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


class InjectedFailure(Rejected):
    """The failure a test injects between two appends of one action."""


@contextmanager
def failing_append(at: int, modules=(work_actions, artifact_actions, role_actions)):
    """Within the block, the `at`-th append made by the actions of `modules` (1-based, counted
    across them) raises before it writes anything; the appends before it succeed as usual."""
    real_append = work_actions.append
    calls = 0

    def append(*args, **kwargs):
        nonlocal calls
        calls += 1
        if calls == at:
            raise InjectedFailure("injected failure half-way through the action")
        return real_append(*args, **kwargs)

    with ExitStack() as patches:
        for module in modules:
            patches.enter_context(mock.patch.object(module, "append", append))
        yield


def stored() -> tuple[int, int, int]:
    """(entries, artifacts, revisions) stored now: what a rolled-back action must not change."""
    return Entry.objects.count(), Artifact.objects.count(), Revision.objects.count()


def orphan_artifacts() -> list[str]:
    """Artifacts with no revision at all: what a half-done create_artifact used to leave."""
    with_revisions = Revision.objects.values_list("artifact_id", flat=True)
    return list(Artifact.objects.exclude(id__in=with_revisions).values_list("id", flat=True))
