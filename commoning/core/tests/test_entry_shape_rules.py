"""The structural rules of a payload and its signatures (architecture, section 4), one by one."""

import pytest

from commoning.core import entry as entry_format
from commoning.core.entry import EntryError, parse
from commoning.core.signing import SigningKey
from commoning.core.tests.entries import AUTHOR, COSIGNER, signed, valid_payload

ID = "0123456789abcdef" * 4


def refused(payload: dict, *signers, match: str):
    with pytest.raises(EntryError, match=match):
        parse(*signed(payload, *signers))


def test_it_accepts_a_valid_payload():
    entry = parse(*signed(valid_payload()))
    assert entry.seq == 2 and entry.author == AUTHOR.public_hex
    assert entry.id == entry_format.sha256_hex(entry.payload_bytes)


def test_it_accepts_a_first_entry_with_a_null_prev():
    assert parse(*signed(valid_payload(seq=1, prev=None))).prev is None


def test_it_refuses_a_first_entry_with_a_prev():
    refused(valid_payload(seq=1, prev=ID), match="prev must be null exactly when seq is 1")


def test_it_refuses_a_later_entry_without_a_prev():
    refused(valid_payload(seq=2, prev=None), match="prev must be null exactly when seq is 1")


@pytest.mark.parametrize("seq", [0, -1, True, "2"])
def test_it_refuses_a_seq_that_is_not_a_positive_integer(seq):
    refused(valid_payload(seq=seq), match="seq must be an integer")


def test_it_refuses_a_null_net_after_the_first_entry():
    refused(valid_payload(net=None), match="null net")


def test_it_accepts_sixteen_sorted_unique_deps():
    deps = [f"{number:064x}" for number in range(16)]
    assert parse(*signed(valid_payload(deps=deps))).deps == deps


def test_it_refuses_seventeen_deps():
    refused(valid_payload(deps=[f"{number:064x}" for number in range(17)]), match="at most 16")


def test_it_refuses_unsorted_deps():
    refused(valid_payload(deps=["f" * 64, "0" * 64]), match="sorted and unique")


def test_it_refuses_duplicate_deps():
    refused(valid_payload(deps=["0" * 64, "0" * 64]), match="sorted and unique")


@pytest.mark.parametrize("bad", ["0" * 63, "0" * 64 + "\n", "A" * 64, 7, None])
def test_it_refuses_a_dep_that_is_not_a_hex_id(bad):
    refused(valid_payload(deps=[bad]), match="every dep")


@pytest.mark.parametrize("field", ["net", "prev"])
def test_it_refuses_an_id_with_a_trailing_newline(field):
    refused(valid_payload(**{field: ID + "\n"}), match=f"{field} must")


def test_it_refuses_a_type_with_a_trailing_newline():
    refused(valid_payload(type="commons.update\n"), match="type must")


def test_it_accepts_a_payload_of_exactly_64_kib():
    payload = valid_payload(data={"text": ""})
    padding = entry_format.MAX_PAYLOAD_BYTES - len(signed(payload)[0])
    payload["data"]["text"] = "x" * padding
    raw, sigs = signed(payload)
    assert len(raw) == entry_format.MAX_PAYLOAD_BYTES
    assert parse(raw, sigs).data["text"] == "x" * padding


def test_it_refuses_a_payload_one_byte_over_64_kib():
    payload = valid_payload(data={"text": ""})
    payload["data"]["text"] = "x" * (entry_format.MAX_PAYLOAD_BYTES - len(signed(payload)[0]) + 1)
    refused(payload, match="the limit is 65536")


def test_it_refuses_to_build_a_payload_over_64_kib():
    with pytest.raises(EntryError, match="the limit"):
        entry_format.build(
            AUTHOR, net=ID, seq=1, prev=None, ts=0, type="a.b", data={"text": "x" * 70_000}
        )


def test_it_refuses_unknown_fields():
    refused(valid_payload(extra=1), match="unknown fields extra")


@pytest.mark.parametrize("field", sorted(entry_format.PAYLOAD_KEYS))
def test_it_refuses_a_payload_missing_a_field(field):
    refused(valid_payload(**{field: ...}), match=f"missing {field}")


@pytest.mark.parametrize("version", [2, 0, True, "1"])
def test_it_refuses_other_format_versions(version):
    refused(valid_payload(v=version), match="format version")


def test_it_refuses_a_payload_that_is_not_an_object():
    _raw, sigs = signed({"a": 1})
    with pytest.raises(EntryError):
        parse(b"[1]", sigs)


def test_it_accepts_an_attachment_header():
    att = {"hash": "a" * 64, "size": 0}
    assert parse(*signed(valid_payload(att=att))).att == att


@pytest.mark.parametrize(
    "att",
    [
        {"hash": "a" * 64},
        {"size": 1},
        {"hash": "a" * 64, "size": 1, "type": "text"},
        {"hash": "a" * 63, "size": 1},
        {"hash": "A" * 64, "size": 1},
        {"hash": "a" * 64, "size": -1},
        {"hash": "a" * 64, "size": True},
        {"hash": "a" * 64, "size": "1"},
        None,
        [],
    ],
)
def test_it_refuses_a_malformed_attachment_header(att):
    refused(valid_payload(att=att), match="att must be")


@pytest.mark.parametrize("ts", [-1, True, "1"])
def test_it_refuses_a_ts_that_is_not_a_non_negative_integer(ts):
    refused(valid_payload(ts=ts), match="ts must be")


def test_it_accepts_cosignatures_after_the_authors():
    entry = parse(*signed(valid_payload(), AUTHOR, COSIGNER))
    assert [signer for signer, _ in entry.sigs] == [AUTHOR.public_hex, COSIGNER.public_hex]


def test_it_refuses_an_entry_whose_first_signature_is_not_the_authors():
    refused(valid_payload(), COSIGNER, AUTHOR, match="author's signature must come first")


def test_it_refuses_a_key_signing_twice():
    refused(valid_payload(), AUTHOR, AUTHOR, match="signed twice")


def test_it_refuses_more_than_sixteen_signatures():
    cosigners = [SigningKey(bytes([number]) * 32) for number in range(2, 18)]
    refused(valid_payload(), AUTHOR, *cosigners, match="1 to 16")


def test_it_refuses_an_entry_without_signatures():
    raw, _ = signed(valid_payload())
    with pytest.raises(EntryError, match="1 to 16"):
        parse(raw, [])


@pytest.mark.parametrize(
    "pair", [["x"], [["a"], "b"], [{"a": 1}, "b"], [AUTHOR.public_hex, 5], "ab", None]
)
def test_it_refuses_a_malformed_signature_pair_with_a_reason(pair):
    raw, _ = signed(valid_payload())
    with pytest.raises(EntryError, match="each signature must be"):
        parse(raw, [pair])


@pytest.mark.parametrize(
    "envelope",
    [b"not json", b"[]", b'{"payload":"{}"}', b'{"payload":{},"sigs":[]}', 7, None],
)
def test_it_refuses_malformed_envelopes_with_a_reason(envelope):
    with pytest.raises(EntryError):
        entry_format.parse_envelope(envelope)


@pytest.mark.parametrize("signer", [["a"], {"a": 1}])
def test_it_refuses_an_unhashable_cosigner_with_a_reason_rather_than_crashing(signer):
    raw, sigs = signed(valid_payload())
    with pytest.raises(EntryError, match="each signature must be"):
        parse(raw, [*sigs, [signer, "AAAA"]])
