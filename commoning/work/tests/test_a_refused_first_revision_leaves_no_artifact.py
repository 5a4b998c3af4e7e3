"""Creating an artifact appends two entries (the artifact, its first revision); when the
second is refused, the first is not left behind: 4xx, and nothing is stored."""

import pytest

from commoning.work import actions
from commoning.work.tests.artifact_kit import (
    InjectedFailure,
    api_client,
    failing_append,
    orphan_artifacts,
    stored,
    web_client,
)
from commoning.work.tests.helpers import rules_led_commons


def test_it_refuses_a_too_long_note_through_the_api_and_stores_nothing(alice):
    commons = rules_led_commons(alice)
    before = stored()
    response = api_client(alice).post(
        f"/api/work/commons/{commons.id}/artifacts",
        {"title": "Build guide", "body": "Step 1\n", "note": "n" * 301},
        content_type="application/json",
    )
    assert response.status_code == 422, response.content
    assert response.json()["field"] == "note"
    assert stored() == before
    assert orphan_artifacts() == []


def test_it_stores_nothing_when_the_first_revision_fails_after_the_artifact(alice):
    commons = rules_led_commons(alice)
    before = stored()
    with failing_append(at=2), pytest.raises(InjectedFailure):
        actions.create_artifact(alice, commons.id, title="Build guide", body="Step 1\n")
    assert stored() == before
    assert orphan_artifacts() == []


def test_the_page_answers_4xx_and_stores_nothing_when_the_second_step_fails(alice):
    commons = rules_led_commons(alice)
    before = stored()
    with failing_append(at=2):
        response = web_client(alice).post(
            f"/work/commons/{commons.id}/artifacts/new/",
            {"title": "Build guide", "body": "Step 1\n"},
        )
    assert 400 <= response.status_code < 500
    assert "Build guide" in response.content.decode()  # the member's input is kept
    assert stored() == before
    assert orphan_artifacts() == []
