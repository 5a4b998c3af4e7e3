"""Any delivery order of the same artifact entries gives the same state: the same revision
rows, the same current versions (heads) in every commons, and the same history, whether a
merge or a restore arrives before or after the revisions it names (it waits for its deps)."""

import pytest

from commoning.log.append import store_attachment
from commoning.log.models import Entry
from commoning.log.tests.kit import assert_same_in_any_order
from commoning.log.writer import entry_from_row
from commoning.testing import HostileNode
from commoning.work import actions, artifact_actions, versions
from commoning.work.models import Artifact
from commoning.work.tests.helpers import rules_led_commons


def build_artifact_log(alice, bob, carol, eve):
    """Revisions on a named base, a concurrent pair from two nodes and their merge, a restore,
    a fork that revises the carried artifact, and a hostile revision the rule refuses."""
    commons = rules_led_commons(alice)
    guide = artifact_actions.create_artifact(alice, commons.id, title="Guide", body="a\nb\nc\n")
    (first,) = versions.heads_of(guide, commons.id)
    second = artifact_actions.revise_artifact(
        bob, guide.id, commons_id=commons.id, base=first.id, body="A\nb\nc\n", note="Capital A"
    )
    artifact_actions.revise_artifact(
        alice, guide.id, commons_id=commons.id, base=second.id, body="A\nB\nc\n", note="B"
    )
    # Carol saved on another node from the same version: her revision arrives, two heads meet.
    text = "A\nb\nC\n"
    data = {"artifact": guide.id, "commons": commons.id, "parent": second.id, "note": "C"}
    HostileNode.of(carol).write("work.revision", data, deps=[guide.id, commons.id, second.id],
                                att=store_attachment(text.encode()))
    newer, older = versions.heads_of(guide, commons.id)
    artifact_actions.merge_versions(
        alice, guide.id, commons_id=commons.id, parent=newer.id, merged=older.id,
        body="A\nB\nC\n", note="Merge",
    )
    (merged,) = versions.heads_of(guide, commons.id)
    artifact_actions.restore_revision(bob, first.id, commons_id=commons.id, base=merged.id)
    fork = actions.fork_commons(eve, commons.id, name="Solar", reason="Solar first")
    artifact_actions.revise_artifact(eve, guide.id, commons_id=fork.id, body="x\n", note="Fork")
    parts = artifact_actions.create_artifact(bob, commons.id, title="Parts", body="probe\n")
    (parts_head,) = versions.heads_of(parts, commons.id)
    # Refused by the rule on every node, whatever the order: a parent of another artifact.
    data = {"artifact": guide.id, "commons": commons.id, "parent": parts_head.id, "note": "bad"}
    refused = HostileNode.of(eve).write(
        "work.revision", data, deps=[guide.id, commons.id, parts_head.id],
        att=store_attachment(b"bad\n"),
    )
    assert refused.status == "rejected"
    return commons, fork


def derived_state(commons_ids):
    """What people see: each artifact's current versions and history, from each commons."""
    seen = []
    for commons_id in commons_ids:
        for artifact in Artifact.objects.order_by("id"):
            heads = [head.id for head in versions.heads_of(artifact, commons_id)]
            history, _older = versions.history_page(artifact, commons_id)
            seen.append((commons_id, artifact.id, heads, [r.id for r in history]))
    return seen


@pytest.mark.django_db(transaction=False)
def test_any_delivery_order_gives_the_same_artifact_history(alice, bob, carol, eve):
    commons, fork = build_artifact_log(alice, bob, carol, eve)
    envelopes = [entry_from_row(row).envelope() for row in Entry.objects.order_by("apply_order")]
    reference_view = derived_state([commons.id, fork.id])
    assert reference_view[0][2] and len(reference_view[0][2]) == 1  # merged back to one head

    assert_same_in_any_order(envelopes, examples=10,
                             observe=lambda: derived_state([commons.id, fork.id]))
