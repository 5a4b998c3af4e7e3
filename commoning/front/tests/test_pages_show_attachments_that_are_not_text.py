"""Attachments are bytes: a peer's entry whose attachment is not UTF-8 text must not break a
page on any node it reaches (it gave persistent 500s on the commons list, a commons page, a
contribution list and member pages)."""

import pytest

from commoning.accounts.models import Account
from commoning.commons.actions import create_commons
from commoning.core.entry import sha256_hex
from commoning.log.append import attachment_text
from commoning.log.models import Attachment
from commoning.sync.tests import paired
from commoning.testing import HostileNode

pytestmark = pytest.mark.django_db

NOT_UTF8 = b"\xff\xfe\x00bin\x80ary \xc3(" * 10


def att(body: bytes) -> dict:
    return {"hash": sha256_hex(body), "size": len(body)}


@pytest.fixture
def binary_everywhere(client, net, alice, eve):
    """Eve, writing from a modified node, gives a commons, her profile and a contribution a
    description that is not UTF-8, and pushes them with their bodies as a peer would."""
    commons = create_commons(alice, name="Soil Sensor", licence="MIT")
    mallory = HostileNode.of(eve)
    bodies = [NOT_UTF8 + bytes([n]) for n in range(3)]
    created = mallory.entry("commons.create", {"name": "Binary Commons", "licence": "MIT"},
                            att=att(bodies[0]))
    profile = mallory.entry("accounts.profile", {}, att=att(bodies[1]), after=created)
    contribution = mallory.entry(
        "work.contribution", {"commons": commons.id, "kind": "code", "effort_minutes": 30},
        deps=[commons.id], att=att(bodies[2]), after=profile)
    answer = paired.push(client, net, paired.push_lines(
        net, [created, profile, contribution], bodies))
    assert answer.status_code == 200, answer.content
    assert answer.json()["counts"] == {"applied": 3}
    assert Attachment.objects.filter(hash__in=[sha256_hex(b) for b in bodies]).count() == 3
    return {"commons": commons.id, "binary_commons": created.id, "contribution": contribution.id,
            "eve": Account.objects.get(user=eve).member_id}


def test_attachment_text_never_raises_on_bytes_that_are_not_utf8(binary_everywhere):
    text = attachment_text(sha256_hex(NOT_UTF8 + b"\x00"))
    assert isinstance(text, str)
    assert "bin" in text  # what decodes is shown; what does not is replaced


@pytest.mark.parametrize("page", [
    "/commons/",
    "/commons/{binary_commons}/",
    "/commons/{binary_commons}/edit/",
    "/work/commons/{commons}/",
    "/work/contributions/{contribution}/",
    "/members/{eve}/",
    "/members/",
    "/work/members/{eve}/",
    "/api/commons/{binary_commons}",
    "/api/work/contributions/{contribution}",
])
def test_every_page_that_shows_it_answers_200(client, eve, binary_everywhere, page):
    client.force_login(eve)
    answer = client.get(page.format(**binary_everywhere))
    assert answer.status_code == 200, answer.content[:500]
