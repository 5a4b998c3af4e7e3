"""Any delivery order of the same entries gives the same artifact files: a file waits for its
artifact, and a refused file stays refused whatever arrives first."""

import pytest

from commoning.log.append import store_attachment
from commoning.log.models import Entry
from commoning.log.tests.kit import assert_same_in_any_order
from commoning.log.writer import entry_from_row
from commoning.testing import HostileNode
from commoning.work import access, artifact_actions
from commoning.work.models import Artifact
from commoning.work.tests.helpers import rules_led_commons


def files_seen():
    """What people see: each artifact's files, in the order the page lists them."""
    return [
        (artifact.id, [(f.id, f.name, f.size, f.member_id) for f in access.files_of(artifact.id)])
        for artifact in Artifact.objects.order_by("id")
    ]


@pytest.mark.django_db(transaction=False)
def test_any_delivery_order_gives_the_same_artifact_files(alice, bob, carol):
    commons = rules_led_commons(alice)
    press = artifact_actions.create_artifact(alice, commons.id, title="Press", body="Frame\n")
    jig = artifact_actions.create_artifact(bob, commons.id, title="Jig", body="Clamp\n")
    artifact_actions.attach_artifact_file(
        bob, press.id, name="frame.png", body=b"\x89PNG-frame", media_type="image/png"
    )
    artifact_actions.attach_artifact_file(
        carol, press.id, name="frame.stl", body=b"solid frame", media_type="model/stl"
    )
    artifact_actions.attach_artifact_file(
        alice, jig.id, name="clamp.pdf", body=b"%PDF-1.4", media_type="application/pdf"
    )
    refused = HostileNode.of(carol).write(
        "work.artifact_file", {"artifact": jig.id, "name": "x.html", "media_type": "text/html"},
        deps=[jig.id], att=store_attachment(b"<script>", "text/plain"),
    )
    assert refused.status == "rejected"
    envelopes = [entry_from_row(row).envelope() for row in Entry.objects.order_by("apply_order")]
    assert sum(len(files) for _artifact, files in files_seen()) == 3

    assert_same_in_any_order(envelopes, examples=10, observe=files_seen)
