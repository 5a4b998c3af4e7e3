"""`Authorization: Bearer` is read the same in any case, so the write limit and Idempotency-Key
apply to `bearer` and `BEARER` as to `Bearer` (they used to be skipped by lower case)."""

import pytest

from commoning.commons.models import Commons

NEW_COMMONS = {"name": "Hand Loom", "licence": "CERN-OHL-S-2.0", "description": "Plywood."}
SPELLINGS = ["Bearer", "bearer", "BEARER", "bEaReR"]


def post_commons(client, scheme, token, **headers):
    return client.post(
        "/api/commons", NEW_COMMONS, content_type="application/json",
        headers={"Authorization": f"{scheme} {token}", **headers},
    )


@pytest.mark.parametrize("scheme", SPELLINGS)
def test_five_retries_with_one_idempotency_key_make_one_commons(client, alice_token, scheme):
    responses = [
        post_commons(client, scheme, alice_token, **{"Idempotency-Key": "retry-1"})
        for _ in range(5)
    ]
    assert {response.status_code for response in responses} == {201}
    assert [response.has_header("Idempotent-Replayed") for response in responses] == [
        False, True, True, True, True
    ]
    assert Commons.objects.count() == 1


@pytest.mark.parametrize("scheme", SPELLINGS)
def test_the_write_limit_applies_whatever_the_spelling(client, settings, alice_token, scheme):
    settings.COMMONING_WRITE_RATE = (2, 1)
    statuses = [post_commons(client, scheme, alice_token).status_code for _ in range(3)]
    assert statuses == [201, 201, 429]
    assert Commons.objects.count() == 2


@pytest.mark.parametrize("scheme", SPELLINGS)
def test_reads_authenticate_whatever_the_spelling(client, alice, alice_token, scheme):
    response = client.get("/api/me", headers={"Authorization": f"{scheme} {alice_token}"})
    assert response.status_code == 200
    assert response.json()["id"] == alice.account.member_id


@pytest.mark.parametrize("header", ["Basic abc", "Bearer", "Bearer ", "Token cmn_x", "Bearercmn_x"])
def test_other_schemes_and_empty_tokens_are_a_401(client, alice_token, header):
    response = client.get("/api/me", headers={"Authorization": header})
    assert response.status_code == 401
