"""An attachment is kept only if an applied entry names it (finding 6: 20 entries a domain rule
rejected kept 60 MB of attachments, and a joining peer received them)."""

import pytest

from commoning.commons.actions import create_commons
from commoning.core.entry import sha256_hex
from commoning.log.models import Attachment
from commoning.log.models import Entry as EntryRow
from commoning.sync.tests import paired
from commoning.testing import HostileNode

from .kit import pull_body, read_lines

pytestmark = pytest.mark.django_db


def test_a_hostile_node_s_rejected_entries_leave_no_attachments(client, net, alice, eve):
    commons = create_commons(alice, name="Seed Bank", licence="MIT")
    mallory = HostileNode.of(eve)
    before = Attachment.objects.count()
    entries, bodies, previous = [], [], None
    for number in range(20):
        body = bytes([number]) * 100_000
        # Only the founder may change a commons' record: the shared rule rejects each one.
        entry = mallory.entry("commons.update", {"commons": commons.id, "name": f"Mine {number}"},
                              deps=[commons.id], att={"hash": sha256_hex(body), "size": len(body)},
                              after=previous)
        entries.append(entry)
        bodies.append(body)
        previous = entry

    answer = paired.push(client, net, paired.push_lines(net, entries, bodies), compress=True)

    assert answer.status_code == 200
    assert answer.json()["counts"] == {"rejected": 20}
    assert answer.json()["atts_dropped"] == 20
    assert Attachment.objects.count() == before
    # A peer pulling everything gets the rejected entries (the chain needs them), no bodies.
    lines = read_lines(client.post(f"/sync/{net}/pull", pull_body(net),
                                   content_type="application/json"))
    assert {line["entry"]["payload"] for line in lines if "entry" in line} >= {
        e.envelope()["payload"] for e in entries}
    assert not [line for line in lines if "att" in line
                and line["att"]["hash"] in {sha256_hex(b) for b in bodies}]


def test_a_person_refused_by_the_web_ui_leaves_no_attachment(client, net, alice, eve):
    commons = create_commons(alice, name="Seed Bank", licence="MIT")
    before = Attachment.objects.count()
    client.force_login(eve)
    answer = client.post(f"/commons/{commons.id}/edit/",
                         {"name": "Mine", "licence": "MIT", "description": "x" * 100_000})
    assert answer.status_code == 403
    assert Attachment.objects.count() == before
    assert not EntryRow.objects.filter(type="commons.update").exists()


def test_a_body_nobody_names_is_dropped(client, net):
    body = b"nobody names me" * 1000
    answer = paired.push(client, net, paired.push_lines(net, [], [body]))
    assert answer.status_code == 200
    assert answer.json()["atts_dropped"] == 1
    assert not Attachment.objects.filter(hash=sha256_hex(body)).exists()
