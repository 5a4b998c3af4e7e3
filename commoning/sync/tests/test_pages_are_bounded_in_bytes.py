"""A sync page ends once about PAGE_BYTES went out, however large the bodies it carries, so a
pull answer or a push stays within what the receiver takes; the next page picks up after it."""

import pytest

from commoning.commons.actions import create_commons
from commoning.core import limits
from commoning.sync import local

from .kit import pull_body, read_lines

pytestmark = pytest.mark.django_db


def test_a_pull_of_large_bodies_comes_in_pages_by_bytes(client, net, alice, monkeypatch):
    for number in range(6):
        create_commons(alice, name=f"Commons {number}", licence="MIT",
                       description=f"{number}" * 15_000)
    monkeypatch.setattr(limits, "PAGE_BYTES", 30_000)
    monkeypatch.setattr(local, "ATTS_PER_FLUSH", 1)
    descriptions, after, pages = 0, 0, 0
    while True:
        lines = read_lines(client.post(f"/sync/{net}/pull?after={after}", pull_body(net),
                                       content_type="application/json"))
        pages += 1
        descriptions += sum(1 for line in lines if "att" in line)
        size = sum(len(str(line)) for line in lines)
        assert size < 3 * 30_000
        if lines[-1]["end"]["next"] is None:
            break
        after = lines[-1]["end"]["next"]
    assert descriptions == 6
    assert pages >= 3
