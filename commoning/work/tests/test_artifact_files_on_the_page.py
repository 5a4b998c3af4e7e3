"""A member attaches a file to an artifact on its page; the page lists it (name, size, who,
when, download link) with an <img> preview for images served by the node with safe headers;
a refused upload comes back in place with a 4xx and writes nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from commoning.log.models import Entry
from commoning.testing import PASSWORD
from commoning.work import artifact_actions, artifact_file_views
from commoning.work.models import ArtifactFile
from commoning.work.tests.helpers import rules_led_commons

DRAWING = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


@pytest.fixture
def artifact(alice):
    commons = rules_led_commons(alice)
    return artifact_actions.create_artifact(alice, commons.id, title="Press", body="Frame\n")


def _upload(client, artifact, name, body, media_type):
    upload = SimpleUploadedFile(name, body, content_type=media_type)
    return client.post(f"/work/artifacts/{artifact.id}/files/", {"file": upload})


def test_a_member_attaches_a_drawing_and_the_page_previews_it(client, bob, artifact):
    client.login(username="bob", password=PASSWORD)

    answer = _upload(client, artifact, "frame.png", DRAWING, "image/png")

    assert answer.status_code == 303
    row = ArtifactFile.objects.get(artifact_id=artifact.id)
    assert (row.name, row.media_type, row.size) == ("frame.png", "image/png", len(DRAWING))
    page = client.get(f"/work/artifacts/{artifact.id}/").content.decode()
    assert "frame.png" in page and "Bob" in page
    assert f'<img src="/work/files/{row.id}/"' in page
    client.logout()
    image = client.get(f"/work/files/{row.id}/")
    assert image.status_code == 200 and image.content == DRAWING
    assert image["Content-Type"] == "image/png"
    assert image["Content-Disposition"].startswith("inline")
    assert image["X-Content-Type-Options"] == "nosniff"


def test_an_svg_or_pdf_is_never_previewed_and_always_downloads(client, bob, artifact):
    client.login(username="bob", password=PASSWORD)
    _upload(client, artifact, "logo.svg", SVG, "image/svg+xml")
    _upload(client, artifact, "plan.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
    page = client.get(f"/work/artifacts/{artifact.id}/").content.decode()
    assert "<img" not in page
    for row in ArtifactFile.objects.all():
        download = client.get(f"/work/files/{row.id}/")
        assert download["Content-Type"] == row.media_type
        assert download["Content-Disposition"].startswith("attachment")
        assert download["X-Content-Type-Options"] == "nosniff"
        assert download["Content-Security-Policy"] == "sandbox"


def test_a_media_type_off_the_list_is_kept_as_a_plain_download(client, bob, artifact):
    client.login(username="bob", password=PASSWORD)
    _upload(client, artifact, "page.html", b"<script>alert(1)</script>", "text/html")
    row = ArtifactFile.objects.get()
    assert row.media_type == "application/octet-stream"
    download = client.get(f"/work/files/{row.id}/")
    assert download["Content-Type"] == "application/octet-stream"
    assert download["Content-Disposition"].startswith("attachment")


def test_it_refuses_an_empty_file_in_place_and_writes_nothing(client, bob, artifact):
    entries_before = Entry.objects.count()
    client.login(username="bob", password=PASSWORD)

    answer = _upload(client, artifact, "empty.stl", b"", "model/stl")

    assert answer.status_code == 400
    assert 'id="files"' in answer.content.decode()  # the artifact page, the form in place
    assert Entry.objects.count() == entries_before


def test_it_refuses_a_file_past_the_bound_in_place_and_writes_nothing(
    client, bob, artifact, monkeypatch
):
    monkeypatch.setattr(artifact_file_views, "ARTIFACT_FILE_MAX", 10)
    entries_before = Entry.objects.count()
    client.login(username="bob", password=PASSWORD)

    answer = _upload(client, artifact, "frame.png", DRAWING, "image/png")

    assert answer.status_code == 413
    assert "larger than 5 MB" in answer.content.decode()
    assert Entry.objects.count() == entries_before


def test_it_answers_404_for_an_artifact_that_is_not_here(client, bob, artifact):
    client.login(username="bob", password=PASSWORD)
    answer = _upload(client, type("Gone", (), {"id": "0" * 64})(), "a.png", DRAWING, "image/png")
    assert answer.status_code == 404
    assert not ArtifactFile.objects.exists()


def test_a_visitor_is_sent_to_log_in_and_nothing_is_written(client, artifact):
    entries_before = Entry.objects.count()
    answer = _upload(client, artifact, "frame.png", DRAWING, "image/png")
    assert answer.status_code == 302 and "/login/" in answer["Location"]
    assert Entry.objects.count() == entries_before
