"""The demo network seeds through actions alone, and its pages render."""

import pytest

from commoning.accounts.models import Member
from commoning.commons.models import Commons
from commoning.demo import COMMONS, MEMBERS, seed_demo
from commoning.log.models import Entry


@pytest.fixture
def demo(db):
    assert seed_demo(progress=lambda message: None) is True


def test_it_seeds_members_commons_and_their_updates(demo):
    assert Member.objects.count() == len(MEMBERS)
    assert Commons.objects.count() >= len(COMMONS)
    assert Commons.objects.filter(name="Open Soil Moisture Sensor (LoRa)").exists()
    assert Entry.objects.filter(type="commons.update").count() >= 3
    assert not Entry.objects.exclude(status="applied").exclude(type__startswith="work.").exists()


def test_it_seeds_only_once(demo):
    assert seed_demo(progress=lambda message: None) is False


def test_its_pages_render(demo, client):
    client.login(username="alice", password="commons-demo-2026")
    for commons in Commons.objects.all():
        assert client.get(f"/commons/{commons.id}/").status_code == 200
    for member in Member.objects.all():
        assert client.get(f"/members/{member.id}/").status_code == 200
    assert client.get("/").status_code == 200
    assert client.get("/log/").status_code == 200


def test_its_build_guide_has_a_drawing_previewed_and_a_pdf_to_download(demo, client):
    from commoning.work.models import Artifact, ArtifactFile

    guide = Artifact.objects.get(title="Build guide")
    files = {row.name: row for row in ArtifactFile.objects.filter(artifact_id=guide.id)}
    assert set(files) == {"frame-drawing.png", "cut-list.pdf"}
    page = client.get(f"/work/artifacts/{guide.id}/").content.decode()
    assert f'<img src="/work/files/{files["frame-drawing.png"].id}/"' in page
    drawing = client.get(f"/work/files/{files['frame-drawing.png'].id}/")
    assert drawing.content.startswith(b"\x89PNG") and drawing["Content-Type"] == "image/png"
    pdf = client.get(f"/work/files/{files['cut-list.pdf'].id}/")
    assert pdf.content.startswith(b"%PDF") and pdf["Content-Disposition"].startswith("attachment")
