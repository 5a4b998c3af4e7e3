"""The API lists an artifact's files a page at a time and takes uploads (multipart `file`),
with the same refusals as the page: 413 past the bound, 401 without a token, 404 for an
artifact that is not here; nothing is written when refused."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from commoning.accounts.actions import create_api_token
from commoning.log.models import Entry
from commoning.work import artifact_actions, artifact_file_api
from commoning.work.models import ArtifactFile
from commoning.work.tests.helpers import rules_led_commons

DRAWING = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _api(user):
    _row, token = create_api_token(user, "test")
    return Client(headers={"Authorization": f"Bearer {token}"})


@pytest.fixture
def artifact(alice):
    commons = rules_led_commons(alice)
    return artifact_actions.create_artifact(alice, commons.id, title="Press", body="Frame\n")


def test_it_takes_files_and_lists_them_a_page_at_a_time(bob, carol, artifact):
    path = f"/api/work/artifacts/{artifact.id}/files"
    for user, name in ((bob, "frame.png"), (carol, "frame.stl"), (bob, "plan.pdf")):
        media_type = {"png": "image/png", "stl": "model/stl", "pdf": "application/pdf"}
        upload = SimpleUploadedFile(name, DRAWING, content_type=media_type[name[-3:]])
        answer = _api(user).post(path, {"file": upload})
        assert answer.status_code == 201, answer.content
        assert answer.json()["preview"] == name.endswith(".png")

    first = Client().get(path, {"limit": 2}).json()
    second = Client().get(path, {"limit": 2, "cursor": first["next"]}).json()

    names = [item["name"] for item in first["items"] + second["items"]]
    assert names == ["frame.png", "frame.stl", "plan.pdf"]
    assert second["next"] is None


def test_it_refuses_past_the_bound_without_a_token_or_for_a_missing_artifact(
    bob, artifact, monkeypatch
):
    entries_before = Entry.objects.count()
    path = f"/api/work/artifacts/{artifact.id}/files"
    anonymous = Client().post(path, {"file": SimpleUploadedFile("a.png", DRAWING)})
    missing = _api(bob).post(f"/api/work/artifacts/{'0' * 64}/files",
                             {"file": SimpleUploadedFile("a.png", DRAWING)})
    monkeypatch.setattr(artifact_file_api, "ARTIFACT_FILE_MAX", 10)
    big = _api(bob).post(path, {"file": SimpleUploadedFile("a.png", DRAWING)})

    assert (anonymous.status_code, missing.status_code, big.status_code) == (401, 404, 413)
    assert Client().get(f"/api/work/artifacts/{'0' * 64}/files").status_code == 404
    assert Entry.objects.count() == entries_before
    assert not ArtifactFile.objects.exists()
