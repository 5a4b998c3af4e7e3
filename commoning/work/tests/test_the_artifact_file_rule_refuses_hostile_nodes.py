"""The shared rule of `work.artifact_file` refuses what a hostile node writes directly: an
artifact of another network or missing from deps, an author who is no member (who may not
revise), a media type off the allow-list, a file past the bound; it applies a proper one."""

import pytest

from commoning.commons.actions import create_commons
from commoning.log.append import store_attachment
from commoning.testing import HostileNode, make_member, make_network
from commoning.work import artifact_actions
from commoning.work.events import artifact_files
from commoning.work.models import ArtifactFile
from commoning.work.tests.helpers import rules_led_commons

DRAWING = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def artifact(alice):
    commons = rules_led_commons(alice)
    return _make_artifact(alice, commons)


def _make_artifact(user, commons):
    return artifact_actions.create_artifact(user, commons.id, title="Press frame", body="Frame\n")


def _file(artifact_id, media_type="image/png", name="frame.png"):
    return {"artifact": artifact_id, "name": name, "media_type": media_type}


def test_it_applies_a_file_from_a_member_who_may_revise(artifact, bob):
    written = HostileNode.of(bob).write(
        "work.artifact_file", _file(artifact.id), deps=[artifact.id],
        att=store_attachment(DRAWING, "image/png"),
    )
    assert written.applied, written.reason
    row = ArtifactFile.objects.get(id=written.id)
    assert (row.artifact_id, row.size, row.media_type) == (artifact.id, len(DRAWING), "image/png")


def test_it_refuses_an_author_who_is_no_member(artifact, net):
    written = HostileNode.outsider(net).write(
        "work.artifact_file", _file(artifact.id), deps=[artifact.id],
        att=store_attachment(DRAWING, "image/png"),
    )
    # A key of no member is held aside (quarantined), never applied.
    assert written.status == "quarantined"
    assert not ArtifactFile.objects.exists()


def test_it_refuses_an_artifact_missing_from_deps(artifact, bob):
    written = HostileNode.of(bob).write(
        "work.artifact_file", _file(artifact.id), deps=[],
        att=store_attachment(DRAWING, "image/png"),
    )
    assert written.status == "rejected"
    assert "deps" in written.reason
    assert not ArtifactFile.objects.exists()


def test_it_refuses_an_artifact_of_another_network(net, bob):
    elsewhere = make_network("Far Valley")
    zed = make_member(elsewhere, "zed")
    commons = create_commons(zed, name="Far press", licence="CC-BY-SA-4.0")
    foreign = _make_artifact(zed, commons)
    written = HostileNode.of(bob).write(
        "work.artifact_file", _file(foreign.id), deps=[foreign.id],
        att=store_attachment(DRAWING, "image/png"),
    )
    assert not written.applied
    assert not ArtifactFile.objects.filter(artifact_id=foreign.id, net=net).exists()


@pytest.mark.parametrize("media_type", ["text/html", "application/javascript", "image/png; x=1"])
def test_it_refuses_a_media_type_off_the_allow_list(artifact, bob, media_type):
    written = HostileNode.of(bob).write(
        "work.artifact_file", _file(artifact.id, media_type=media_type), deps=[artifact.id],
        att=store_attachment(b"<script>alert(1)</script>", "text/plain"),
    )
    assert written.status == "rejected"
    assert "media type" in written.reason
    assert not ArtifactFile.objects.exists()


def test_it_refuses_a_file_past_the_bound(artifact, bob, monkeypatch):
    monkeypatch.setattr(artifact_files, "ARTIFACT_FILE_MAX", len(DRAWING) - 1)
    written = HostileNode.of(bob).write(
        "work.artifact_file", _file(artifact.id), deps=[artifact.id],
        att=store_attachment(DRAWING, "image/png"),
    )
    assert written.status == "rejected"
    assert not ArtifactFile.objects.exists()


def test_it_refuses_a_file_without_its_attachment_or_with_a_long_name(artifact, bob):
    node = HostileNode.of(bob)
    bare = node.write("work.artifact_file", _file(artifact.id), deps=[artifact.id])
    long_name = node.write(
        "work.artifact_file", _file(artifact.id, name="x" * 201), deps=[artifact.id],
        att=store_attachment(DRAWING, "image/png"),
    )
    assert (bare.status, long_name.status) == ("rejected", "rejected")
    assert not ArtifactFile.objects.exists()
