"""A push body is bounded: in unpacked bytes, per line, in invalid lines and per peer node.
Past a bound the answer is a 4xx and only what was valid before it is kept (finding 4: a 6 KB
gzip body of 3 million junk lines took a node to 897 MB; a body of newlines cost minutes)."""

import gzip
import time
import tracemalloc

import pytest

from commoning.accounts.models import Member
from commoning.core import limits
from commoning.core.bundle_format import entry_line
from commoning.sync.tests import paired

from .kit import remote_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def warm(client, net):
    """The first request of a process imports the URL map and the views: not the push's cost."""
    client.get(f"/sync/{net}/frontier")
    return client


def measured(call):
    """(result, seconds, peak traced bytes) of call()."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        result = call()
        return result, time.perf_counter() - started, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_gzip_bomb_of_junk_lines_is_cut_off_with_what_came_before_kept(warm, client, net):
    _key, identity = remote_member(net)
    body = gzip.compress(paired.push_lines(net, [identity]) + b"junk\n" * 3_000_000, mtime=0)
    assert len(body) < 100_000

    answer, seconds, peak = measured(lambda: paired.push(client, net, body, gzipped=True))

    assert answer.status_code == 400
    assert answer.json()["invalid"] == limits.MAX_INVALID_LINES + 1
    assert len(answer.json()["invalid_reasons"]) == limits.KEPT_INVALID_REASONS
    assert Member.objects.filter(id=identity.id).exists()  # the valid entry before is kept
    assert peak < 20 * limits.MIB
    assert seconds < 10


def test_a_body_of_newlines_costs_little(warm, client, net):
    answer, seconds, _peak = measured(
        lambda: paired.push(client, net, paired.frontier_line(net) + b"\n" * 1_000_000))
    assert answer.status_code == 200
    assert answer.json()["invalid"] == 0
    assert seconds < 10


def test_a_line_longer_than_an_entry_is_refused_without_being_held(client, net):
    _key, identity = remote_member(net)
    long_line = b'{"entry":"' + b"x" * (8 * limits.MIB) + b'"}\n'
    body = paired.frontier_line(net) + long_line + entry_line(identity.envelope_bytes())

    answer, _seconds, peak = measured(lambda: paired.push(client, net, body, compress=True))

    assert answer.status_code == 200
    assert answer.json()["invalid"] == 1
    assert "too long" in answer.json()["invalid_reasons"][0][1]
    assert Member.objects.filter(id=identity.id).exists()
    assert peak < 4 * limits.MIB  # neither the 8 MiB line nor the body was held whole


def test_a_body_that_unpacks_past_the_limit_is_refused_413(client, net, monkeypatch):
    monkeypatch.setattr(limits, "MAX_PUSH_BODY_BYTES", 1 * limits.MIB)
    body = paired.frontier_line(net) + b"\n" * (2 * limits.MIB)
    answer = paired.push(client, net, body, compress=True)
    assert answer.status_code == 413
    assert answer.json()["code"] == "too_large"


def test_a_declared_body_past_the_request_limit_is_refused_413(client, net, monkeypatch):
    monkeypatch.setattr(limits, "MAX_REQUEST_BODY_BYTES", 1000)
    answer = paired.push(client, net, paired.frontier_line(net) + b"\n" * 2000)
    assert answer.status_code == 413


def test_a_body_that_is_not_gzip_is_refused_400(client, net):
    paired.pair_remote_node(net)
    answer = client.post(f"/sync/{net}/push", data=b"\x1f\x8b not really gzip",
                         content_type="application/x-ndjson", HTTP_CONTENT_ENCODING="gzip")
    assert answer.status_code == 400


def test_a_body_that_drips_past_its_deadline_is_refused_408(client, net, monkeypatch):
    monkeypatch.setattr(limits, "PUSH_BODY_SECONDS", -1)  # already past, however fast it is
    answer = paired.push(client, net, paired.frontier_line(net) + b"\n")
    assert answer.status_code == 408


def test_a_peer_that_pushes_too_often_is_refused_429(client, net, monkeypatch):
    monkeypatch.setattr(limits, "PUSH_BURST", 2)
    monkeypatch.setattr(limits, "PUSH_PER_MINUTE", 1)
    statuses = [paired.push(client, net, paired.frontier_line(net)).status_code
                for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_a_push_of_many_forged_entries_is_cut_off_with_a_400(client, net):
    from commoning.core.signing import b64url_encode

    _key, identity = remote_member(net)
    forged = identity.envelope()
    forged["sigs"] = [[forged["sigs"][0][0], b64url_encode(bytes(64))]]
    import orjson

    line = entry_line(orjson.dumps(forged))
    answer = paired.push(client, net,
                         paired.frontier_line(net) + line * (limits.MAX_INVALID_LINES + 500))
    assert answer.status_code == 400
    assert answer.json()["invalid"] > limits.MAX_INVALID_LINES
    assert "refused" not in answer.json()["counts"]
