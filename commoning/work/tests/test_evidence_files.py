"""A contributor attaches evidence files to their own contribution; nobody else can."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from commoning.log.models import Entry
from commoning.log.registry import Forbidden
from commoning.testing import PASSWORD
from commoning.work import actions
from commoning.work.models import Evidence
from commoning.work.tests.helpers import rules_led_commons

PHOTO = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def contribution(alice, bob):
    commons = rules_led_commons(alice)
    return actions.record_contribution(
        bob, commons.id, kind="design", effort_minutes=45, description="Welded the frame"
    )


def test_the_author_attaches_a_file_and_anyone_downloads_it(client, bob, contribution):
    client.login(username="bob", password=PASSWORD)
    upload = SimpleUploadedFile("frame.png", PHOTO, content_type="image/png")

    answer = client.post(f"/work/contributions/{contribution.id}/evidence/", {"file": upload})

    assert answer.status_code == 303
    evidence = Evidence.objects.get(contribution_id=contribution.id)
    assert (evidence.name, evidence.media_type, evidence.size) == ("frame.png", "image/png", 72)
    page = client.get(f"/work/contributions/{contribution.id}/").content.decode()
    assert "frame.png" in page
    client.logout()
    download = client.get(f"/work/evidence/{evidence.id}/")
    assert download.status_code == 200
    assert download.content == PHOTO
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"


def test_eve_cannot_attach_evidence_to_bobs_contribution(client, eve, contribution):
    entries_before = Entry.objects.count()
    with pytest.raises(Forbidden):
        actions.attach_evidence(
            eve, contribution.id, name="fake.png", body=PHOTO, media_type="image/png"
        )
    client.login(username="eve", password=PASSWORD)
    upload = SimpleUploadedFile("fake.png", PHOTO, content_type="image/png")

    answer = client.post(f"/work/contributions/{contribution.id}/evidence/", {"file": upload})

    assert answer.status_code == 403
    assert Entry.objects.count() == entries_before
    assert not Evidence.objects.exists()


def test_an_empty_file_is_refused_and_changes_nothing(client, bob, contribution):
    entries_before = Entry.objects.count()
    client.login(username="bob", password=PASSWORD)
    upload = SimpleUploadedFile("empty.txt", b"", content_type="text/plain")

    answer = client.post(f"/work/contributions/{contribution.id}/evidence/", {"file": upload})

    assert answer.status_code == 400
    assert Entry.objects.count() == entries_before


def test_an_odd_media_type_is_stored_as_octet_stream(bob, contribution):
    evidence = actions.attach_evidence(
        bob, contribution.id, name="notes.bin", body=b"abc", media_type="<script>"
    )
    assert evidence.media_type == "application/octet-stream"
