"""The machine sync endpoints: frontier, pull and push."""

import orjson
import pytest

from commoning.accounts.models import Member, SecurityEvent
from commoning.core.frontier import verify_frontier
from commoning.log.models import Entry as EntryRow
from commoning.log.models import ParkedEntry, QuarantinedEntry
from commoning.sync import local

from .kit import (
    after,
    local_heads,
    pair_remote_node,
    pull_body,
    push_body,
    read_lines,
    remote_member,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def remote_node_is_paired(net):
    """These tests push as a node this one's operator paired (test_push_pairing covers others)."""
    pair_remote_node(net)


def test_it_serves_a_frontier_signed_by_the_node_key(client, net, alice):
    answer = client.get(f"/sync/{net}/frontier")
    assert answer.status_code == 200
    frontier = verify_frontier(answer.json(), net=net)
    assert frontier.heads == local_heads(net)


def test_it_answers_404_for_a_network_it_does_not_serve(client, net):
    assert client.get(f"/sync/{'0' * 64}/frontier").status_code == 404
    assert client.post(f"/sync/{'0' * 64}/pull", pull_body("0" * 64),
                       content_type="application/json").status_code == 404


def test_an_idle_pull_is_one_small_answer(client, net, alice, bob):
    answer = client.post(f"/sync/{net}/pull", pull_body(net, local_heads(net)),
                         content_type="application/json")
    lines = read_lines(answer)
    assert [next(iter(line)) for line in lines] == ["frontier", "end"]
    assert lines[-1]["end"] == {"entries": 0, "next": None}


def test_a_pull_sends_only_what_the_caller_misses_in_causal_order(client, net, alice, bob):
    heads = local_heads(net)
    alice_key = next(a for a in heads if EntryRow.objects.get(id=heads[a][1]).type
                     == "accounts.identity" and Member.objects.get(id=heads[a][1]).name == "Alice")
    del heads[alice_key]  # the caller has everything but Alice's feed
    lines = read_lines(client.post(f"/sync/{net}/pull", pull_body(net, heads),
                                   content_type="application/json"))
    entries = [line["entry"] for line in lines if "entry" in line]
    assert len(entries) == 1
    assert orjson.loads(entries[0]["payload"])["author"] == alice_key


def test_a_pull_from_nothing_starts_with_the_genesis(client, net, alice):
    lines = read_lines(client.post(f"/sync/{net}/pull", pull_body(net),
                                   content_type="application/json"))
    first_entry = next(line["entry"] for line in lines if "entry" in line)
    assert orjson.loads(first_entry["payload"])["type"] == "log.genesis"
    assert lines[-1]["end"]["entries"] == EntryRow.objects.count()


def test_a_large_pull_comes_in_pages(client, net, alice, bob, carol, monkeypatch):
    monkeypatch.setattr(local, "PAGE_ENTRIES", 2)
    seen, after_order = [], 0
    while True:
        lines = read_lines(client.post(f"/sync/{net}/pull?after={after_order}", pull_body(net),
                                       content_type="application/json"))
        seen += [line["entry"] for line in lines if "entry" in line]
        if lines[-1]["end"]["next"] is None:
            break
        after_order = lines[-1]["end"]["next"]
    assert len(seen) == EntryRow.objects.count()


def test_a_pull_needs_a_signed_frontier(client, net):
    body = orjson.loads(pull_body(net))
    body["frontier"]["sig"] = body["frontier"]["sig"][::-1]
    answer = client.post(f"/sync/{net}/pull", orjson.dumps(body), content_type="application/json")
    assert answer.status_code == 400
    assert answer.json()["code"] == "invalid_frontier"


def test_a_push_ingests_entries_and_answers_a_report(client, net):
    _key, identity = remote_member(net)
    answer = client.post(f"/sync/{net}/push", push_body(net, identity),
                         content_type="application/x-ndjson")
    assert answer.status_code == 200
    assert answer.json()["counts"] == {"applied": 1}
    assert Member.objects.filter(id=identity.id, name="Rita").exists()


def test_entries_that_arrive_before_their_predecessors_wait(client, net):
    key, identity = remote_member(net)
    profile = after(key, identity, "accounts.profile", {"name": "Rita R."})
    first = client.post(f"/sync/{net}/push", push_body(net, profile),
                        content_type="application/x-ndjson").json()
    # Its feed is not in the log yet: it waits aside until the identity lets it in.
    assert first["counts"] == {"quarantined": 1}
    assert QuarantinedEntry.objects.filter(entry_id=profile.id).exists()
    client.post(f"/sync/{net}/push", push_body(net, identity), content_type="application/x-ndjson")
    assert Member.objects.get(id=identity.id).name == "Rita R."
    assert not ParkedEntry.objects.exists() and not QuarantinedEntry.objects.exists()


def test_invalid_entries_from_a_peer_go_to_the_security_log(client, net):
    key, identity = remote_member(net)
    forged = identity.envelope()
    forged["payload"] = forged["payload"].replace("Rita", "Eve!")
    line = b'{"entry":' + orjson.dumps(forged) + b"}\n"
    answer = client.post(f"/sync/{net}/push", push_body(net, extra_lines=[line]),
                         content_type="application/x-ndjson").json()
    assert answer["invalid"] == 1
    assert not EntryRow.objects.filter(type="accounts.identity", author=key.public_hex).exists()
    event = SecurityEvent.objects.get(kind="sync:peer:invalid_entries")
    assert "1 invalid" in event.detail


def test_bodies_may_travel_gzipped_both_ways(client, net, alice):
    import gzip

    _key, identity = remote_member(net)
    answer = client.post(f"/sync/{net}/push", gzip.compress(push_body(net, identity)),
                         content_type="application/x-ndjson", headers={"Content-Encoding": "gzip"})
    assert answer.json()["counts"] == {"applied": 1}
    pulled = client.post(f"/sync/{net}/pull", gzip.compress(pull_body(net)),
                         content_type="application/json",
                         headers={"Content-Encoding": "gzip", "Accept-Encoding": "gzip"})
    assert pulled["Content-Encoding"] == "gzip"
    lines = gzip.decompress(b"".join(pulled.streaming_content)).splitlines()
    assert orjson.loads(lines[-1])["end"]["entries"] == EntryRow.objects.count()


def test_fork_proofs_come_first_in_a_pull(client, net):
    key, identity = remote_member(net)
    one = after(key, identity, "accounts.profile", {"name": "One"})
    two = after(key, identity, "accounts.profile", {"name": "Two"})
    for entry in (identity, one, two):
        client.post(f"/sync/{net}/push", push_body(net, entry), content_type="application/x-ndjson")
    lines = read_lines(client.post(f"/sync/{net}/pull", pull_body(net),
                                   content_type="application/json"))
    kinds = [next(iter(line)) for line in lines]
    assert kinds[:2] == ["frontier", "fork"]
    assert sorted(e["payload"] for e in lines[1]["fork"]) == sorted(
        [one.envelope()["payload"], two.envelope()["payload"]])
