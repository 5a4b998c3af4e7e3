"""The shared rule of `work.revision`: every revision it names (parent, merged, restored) is a
revision of the same artifact, made in this commons or one it was forked from; a restore
carries the restored text unchanged. Refused from a hostile node, and through the API."""

import pytest

from commoning.core.entry import sha256_hex
from commoning.testing import HostileNode
from commoning.work import actions, artifact_actions, versions
from commoning.work.models import Artifact
from commoning.work.tests.artifact_kit import api_client
from commoning.work.tests.helpers import rules_led_commons


def _att(text: str) -> dict:
    return {"hash": sha256_hex(text.encode()), "size": len(text.encode())}


@pytest.fixture
def two_artifacts(alice):
    commons = rules_led_commons(alice)
    guide = artifact_actions.create_artifact(alice, commons.id, title="Guide", body="Guide\n")
    parts = artifact_actions.create_artifact(alice, commons.id, title="Parts", body="Parts\n")
    (guide_head,) = versions.heads_of(guide, commons.id)
    (parts_head,) = versions.heads_of(parts, commons.id)
    return commons, guide, guide_head, parts_head


def _revision(commons, artifact, links: dict, text="Changed\n", note="n"):
    data = {"artifact": artifact.id, "commons": commons.id, "note": note, **links}
    deps = [artifact.id, commons.id, *links.values()]
    return data, deps, _att(text)


def test_a_hostile_node_cannot_name_a_parent_of_another_artifact(two_artifacts, eve):
    commons, guide, _guide_head, parts_head = two_artifacts
    data, deps, att = _revision(commons, guide, {"parent": parts_head.id})
    written = HostileNode.of(eve).write("work.revision", data, deps=deps, att=att)
    assert written.status == "rejected"
    assert "another artifact" in written.reason


def test_a_hostile_node_cannot_merge_a_revision_of_another_artifact(two_artifacts, eve):
    commons, guide, guide_head, parts_head = two_artifacts
    links = {"parent": guide_head.id, "merged": parts_head.id}
    data, deps, att = _revision(commons, guide, links)
    written = HostileNode.of(eve).write("work.revision", data, deps=deps, att=att)
    assert written.status == "rejected"
    assert "another artifact" in written.reason


def test_a_hostile_node_cannot_merge_a_revision_with_itself(two_artifacts, eve):
    commons, guide, guide_head, _parts_head = two_artifacts
    data, deps, att = _revision(commons, guide, {"parent": guide_head.id,
                                                 "merged": guide_head.id})
    written = HostileNode.of(eve).write("work.revision", data, deps=sorted(set(deps)), att=att)
    assert written.status == "rejected"
    assert "two different revisions" in written.reason


def test_a_hostile_node_cannot_restore_a_revision_of_another_artifact(two_artifacts, eve):
    commons, guide, guide_head, parts_head = two_artifacts
    links = {"parent": guide_head.id, "restores": parts_head.id}
    data, deps, att = _revision(commons, guide, links, text="Parts\n")
    written = HostileNode.of(eve).write("work.revision", data, deps=deps, att=att)
    assert written.status == "rejected"
    assert "another artifact" in written.reason


def test_a_hostile_node_cannot_pass_other_text_off_as_a_restore(two_artifacts, alice, eve):
    commons, guide, guide_head, _parts_head = two_artifacts
    second = artifact_actions.revise_artifact(
        alice, guide.id, commons_id=commons.id, base=guide_head.id, body="Guide v2\n", note="v2"
    )
    links = {"parent": second.id, "restores": guide_head.id}
    data, deps, att = _revision(commons, guide, links, text="Something else\n")
    written = HostileNode.of(eve).write("work.revision", data, deps=deps, att=att)
    assert written.status == "rejected"
    assert "restored revision's text" in written.reason
    # The same restore with the restored text is a fact anyone may write.
    data, deps, att = _revision(commons, guide, links, text="Guide\n")
    assert HostileNode.of(eve).write("work.revision", data, deps=deps, att=att).applied


@pytest.fixture
def forked(two_artifacts, bob, eve):
    """Eve forks the commons and revises the guide there; Bob forks it as well."""
    commons, guide, guide_head, _parts_head = two_artifacts
    eves_fork = actions.fork_commons(eve, commons.id, name="Solar", reason="Solar first")
    in_fork = artifact_actions.revise_artifact(
        eve, guide.id, commons_id=eves_fork.id, base=guide_head.id, body="Gu\u00eda\n",
        note="Spanish",
    )
    bobs_fork = actions.fork_commons(bob, commons.id, name="Wind", reason="Wind first")
    return commons, guide, guide_head, eves_fork, in_fork, bobs_fork


def test_a_hostile_node_cannot_base_an_origin_revision_on_a_forks(forked, eve):
    commons, guide, _guide_head, _fork, in_fork, _bobs = forked
    data, deps, att = _revision(commons, guide, {"parent": in_fork.id})
    written = HostileNode.of(eve).write("work.revision", data, deps=deps, att=att)
    assert written.status == "rejected"
    assert "does not come from" in written.reason


def test_a_hostile_node_cannot_base_a_revision_on_a_sibling_forks(forked, bob):
    _commons, guide, _guide_head, _fork, in_fork, bobs_fork = forked
    data, deps, att = _revision(bobs_fork, guide, {"parent": in_fork.id})
    written = HostileNode.of(bob).write("work.revision", data, deps=deps, att=att)
    assert written.status == "rejected"
    assert "does not come from" in written.reason


def test_a_fork_may_base_its_revision_on_the_origins(forked, bob):
    _commons, guide, guide_head, _fork, _in_fork, bobs_fork = forked
    data, deps, att = _revision(bobs_fork, guide, {"parent": guide_head.id})
    assert HostileNode.of(bob).write("work.revision", data, deps=deps, att=att).applied


def test_the_api_refuses_a_base_of_another_artifact_or_commons(forked, alice):
    commons, guide, _guide_head, _fork, in_fork, _bobs = forked
    parts_head = next(
        head for artifact in Artifact.objects.filter(title="Parts")
        for head in versions.heads_of(artifact, commons.id)
    )
    api = api_client(alice)
    for base in (parts_head.id, in_fork.id):
        response = api.post(
            f"/api/work/artifacts/{guide.id}/revisions",
            {"commons": commons.id, "base": base, "note": "n", "body": "Changed\n"},
            content_type="application/json",
        )
        assert response.status_code == 422, response.content
        assert response.json()["field"] == "base"


def test_the_api_refuses_to_restore_into_a_commons_the_revision_is_not_in(forked, alice):
    commons, _guide, guide_head, _fork, in_fork, _bobs = forked
    response = api_client(alice).post(
        f"/api/work/revisions/{in_fork.id}/restore",
        {"commons": commons.id, "base": guide_head.id},
        content_type="application/json",
    )
    assert response.status_code == 404, response.content


def test_the_api_refuses_to_merge_a_revision_of_another_artifact(two_artifacts, alice):
    commons, guide, guide_head, parts_head = two_artifacts
    response = api_client(alice).post(
        f"/api/work/artifacts/{guide.id}/merges",
        {"commons": commons.id, "parent": guide_head.id, "merged": parts_head.id,
         "body": "Both\n", "note": "Merge"},
        content_type="application/json",
    )
    assert response.status_code == 409, response.content
