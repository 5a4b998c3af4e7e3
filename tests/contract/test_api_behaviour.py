"""How the API behaves: token auth, pagination, Idempotency-Key, rate limits."""

import hashlib
import json
from datetime import timedelta

import pytest
from django.db.models import Sum
from django.utils import timezone

from commoning.accounts.actions import revoke_api_token
from commoning.accounts.models import ApiToken, IdempotencyRecord, SecurityEvent
from commoning.commons.actions import create_commons
from commoning.commons.models import Commons
from commoning.front.tests.state import shared_state
from commoning.log.models import Entry

from .helpers import assert_json_error, bearer

NEW_COMMONS = {"name": "Hand Loom", "licence": "CERN-OHL-S-2.0", "description": "Plywood."}


def test_a_token_lets_a_member_see_who_they_are(client, alice, alice_token):
    response = client.get("/api/me", headers=bearer(alice_token))
    assert response.status_code == 200
    assert response.json()["id"] == alice.account.member_id
    assert ApiToken.objects.get(user=alice).last_used_at is not None


def test_a_token_lets_a_member_create_a_commons(client, alice, alice_token):
    response = client.post(
        "/api/commons", NEW_COMMONS, content_type="application/json", headers=bearer(alice_token)
    )
    assert response.status_code == 201
    body = response.json()
    assert body["name"] == "Hand Loom"
    assert body["founder_id"] == alice.account.member_id
    assert body["description"] == "Plywood."


def test_writes_without_a_token_are_401_json_and_change_nothing(client, alices_commons):
    before = shared_state()
    for method, url, payload in [
        ("post", "/api/commons", NEW_COMMONS),
        ("patch", f"/api/commons/{alices_commons.id}", {"name": "Mine now"}),
        ("post", "/api/me/profile", {"name": "Nobody"}),
    ]:
        response = getattr(client, method)(url, payload, content_type="application/json")
        assert_json_error(response, 401, "unauthorized")
    assert shared_state() == before


@pytest.mark.parametrize(
    "header",
    [
        "Bearer cmn_not-a-real-token",
        "Bearer ",
        "Token abc",
        "Bearer " + "x" * 5000,
        "Basic YWxpY2U6c2VjcmV0",
    ],
)
def test_bad_tokens_are_401_json(client, alice, header):
    response = client.post(
        "/api/commons",
        NEW_COMMONS,
        content_type="application/json",
        headers={"Authorization": header},
    )
    assert_json_error(response, 401, "unauthorized")


def test_a_revoked_token_no_longer_works(client, alice, alice_token):
    revoke_api_token(alice, ApiToken.objects.get(user=alice).id)
    before = shared_state()
    response = client.post(
        "/api/commons", NEW_COMMONS, content_type="application/json", headers=bearer(alice_token)
    )
    assert_json_error(response, 401, "unauthorized")
    assert_json_error(client.get("/api/me", headers=bearer(alice_token)), 401)
    assert shared_state() == before
    assert SecurityEvent.objects.filter(kind="api:token:rejected").exists()


class TestPagination:
    @pytest.fixture
    def many_commons(self, alice):
        for number in range(25):
            create_commons(alice, name=f"Commons {number:02}", licence="CC0-1.0")

    def test_lists_answer_items_and_next(self, client, many_commons):
        for url in ["/api/commons", "/api/members"]:
            body = client.get(url).json()
            assert set(body) == {"items", "next"}, url
            assert len(body["items"]) >= 1, url
        body = client.get("/api/log/entries").json()  # on its own cursor, the same shape
        assert set(body) == {"items", "next"}

    def test_the_default_page_has_20_items(self, client, many_commons):
        body = client.get("/api/commons").json()
        assert len(body["items"]) == 20
        assert body["next"]

    def test_limit_and_cursor_walk_the_list(self, client, many_commons):
        first = client.get("/api/commons?limit=10").json()
        second = client.get(f"/api/commons?limit=10&cursor={first['next']}").json()
        last = client.get(f"/api/commons?limit=10&cursor={second['next']}").json()
        assert len(first["items"]) == len(second["items"]) == 10
        assert len(last["items"]) == 5
        assert last["next"] is None
        every = first["items"] + second["items"] + last["items"]
        assert len({c["id"] for c in every}) == 25

    def test_it_refuses_a_cursor_it_did_not_give(self, client, many_commons):
        cursor = client.get("/api/commons?limit=10").json()["next"]
        for bad in ["x", cursor[:-2] + "zz", "a" * 600]:
            response = client.get(f"/api/commons?cursor={bad}")
            assert response.status_code in (400, 422), bad
            assert "code" in response.json()
        # A cursor of one list is no cursor of another.
        assert client.get(f"/api/members?cursor={cursor}").status_code == 400

    def test_it_refuses_an_offset_with_a_hint(self, client, many_commons):
        response = client.get("/api/commons?offset=10")
        assert_json_error(response, 400, "bad_request")
        assert "cursor" in response.json()["message"]

    def test_limit_is_capped_at_100(self, client, many_commons):
        body = client.get("/api/log/entries?limit=1000").json()
        assert len(body["items"]) == min(100, Entry.objects.count()) > 25

    @pytest.mark.parametrize("query", ["limit=0", "limit=-1", "limit=abc"])
    def test_bad_paging_is_a_422(self, client, many_commons, query):
        for url in ["/api/commons", "/api/members"]:
            assert_json_error(client.get(f"{url}?{query}"), 422, "invalid")


class TestIdempotency:
    def post(self, client, token, payload, key):
        return client.post(
            "/api/commons",
            payload,
            content_type="application/json",
            headers={**bearer(token), "Idempotency-Key": key},
        )

    def test_the_same_key_and_body_replays_the_first_answer(self, client, alice_token):
        first = self.post(client, alice_token, NEW_COMMONS, "key-1")
        second = self.post(client, alice_token, NEW_COMMONS, "key-1")
        assert first.status_code == second.status_code == 201
        assert second.json() == first.json()
        assert second["Idempotent-Replayed"] == "true"
        assert "Idempotent-Replayed" not in first
        assert Commons.objects.filter(name="Hand Loom").count() == 1

    def test_the_same_key_with_another_body_is_a_422(self, client, alice_token):
        self.post(client, alice_token, NEW_COMMONS, "key-2")
        before = shared_state()
        response = self.post(client, alice_token, {**NEW_COMMONS, "name": "Other"}, "key-2")
        assert_json_error(response, 422, "idempotency_key_reused")
        assert shared_state() == before

    def test_another_key_acts_again(self, client, alice_token):
        self.post(client, alice_token, NEW_COMMONS, "key-3")
        self.post(client, alice_token, NEW_COMMONS, "key-4")
        assert Commons.objects.filter(name="Hand Loom").count() == 2

    def test_keys_belong_to_one_member(self, client, alice_token, eve_token):
        self.post(client, alice_token, NEW_COMMONS, "shared-key")
        response = self.post(client, eve_token, NEW_COMMONS, "shared-key")
        assert response.status_code == 201
        assert "Idempotent-Replayed" not in response
        assert Commons.objects.filter(name="Hand Loom").count() == 2

    def test_a_refused_request_is_replayed_as_refused(self, client, alice_token):
        bad = {**NEW_COMMONS, "licence": "Foo-1.0"}
        first = self.post(client, alice_token, bad, "key-5")
        second = self.post(client, alice_token, bad, "key-5")
        assert first.status_code == second.status_code == 422
        assert second["Idempotent-Replayed"] == "true"

    @pytest.mark.parametrize("key", ["x" * 201, "tab\there", "nul\x00"])
    def test_a_malformed_key_is_a_400(self, client, alice_token, key):
        before = shared_state()
        try:
            response = self.post(client, alice_token, NEW_COMMONS, key)
        except ValueError:
            return  # the HTTP layer itself refuses such a header; it never reaches us
        assert_json_error(response, 400, "bad_idempotency_key")
        assert shared_state() == before


class TestWriteRateLimit:
    def test_writes_past_the_burst_get_429_json(self, client, settings, alice_token):
        settings.COMMONING_WRITE_RATE = (3, 1)
        statuses = [
            client.post(
                "/api/commons",
                {**NEW_COMMONS, "name": f"Loom {n}"},
                content_type="application/json",
                headers=bearer(alice_token),
            ).status_code
            for n in range(5)
        ]
        assert statuses == [201, 201, 201, 429, 429]
        response = client.post(
            "/api/commons",
            NEW_COMMONS,
            content_type="application/json",
            headers=bearer(alice_token),
        )
        body = assert_json_error(response, 429, "rate_limited")
        assert "wait" in body["message"]
        assert response["Retry-After"]
        assert Commons.objects.filter(name__startswith="Loom").count() == 3
        assert SecurityEvent.objects.filter(kind="api:write:throttled").exists()

    def test_reads_are_not_limited_by_the_write_bucket(self, client, settings, alice_token):
        settings.COMMONING_WRITE_RATE = (1, 1)
        for _ in range(5):
            assert client.get("/api/me", headers=bearer(alice_token)).status_code == 200

    def test_each_member_has_their_own_bucket(self, client, settings, alice_token, eve_token):
        settings.COMMONING_WRITE_RATE = (1, 1)
        post = lambda token: client.post(  # noqa: E731
            "/api/commons", NEW_COMMONS, content_type="application/json", headers=bearer(token)
        )
        assert post(alice_token).status_code == 201
        assert post(alice_token).status_code == 429
        assert post(eve_token).status_code == 201


class TestIdempotencyRaces:
    """A retry that arrives while the first copy still runs must not act a second time."""

    def claim(self, alice, key, payload, minutes_ago=0):
        body = json.dumps(payload).encode()
        request_hash = hashlib.sha256(b"POST /api/commons\n" + body).hexdigest()
        record = IdempotencyRecord.objects.create(
            user=alice, key=key, request_hash=request_hash, status_code=0, body=b""
        )
        IdempotencyRecord.objects.filter(id=record.id).update(
            created_at=timezone.now() - timedelta(minutes=minutes_ago)
        )

    def post(self, client, token, key):
        return client.post(
            "/api/commons",
            json.dumps(NEW_COMMONS),
            content_type="application/json",
            headers={**bearer(token), "Idempotency-Key": key},
        )

    def test_a_copy_arriving_while_the_first_runs_gets_409(self, client, alice, alice_token):
        self.claim(alice, "racing", NEW_COMMONS)
        before = shared_state()
        response = self.post(client, alice_token, "racing")
        assert_json_error(response, 409, "idempotency_key_in_use")
        assert response["Retry-After"] == "1"
        assert shared_state() == before

    def test_an_abandoned_claim_is_taken_over_by_the_retry(self, client, alice, alice_token):
        self.claim(alice, "abandoned", NEW_COMMONS, minutes_ago=10)
        assert self.post(client, alice_token, "abandoned").status_code == 201
        replay = self.post(client, alice_token, "abandoned")
        assert replay["Idempotent-Replayed"] == "true"
        assert Commons.objects.filter(name="Hand Loom").count() == 1


def test_a_flood_of_bad_tokens_does_not_flood_the_security_log(client, settings, db):
    settings.COMMONING_LOGIN_RATE = (3, 1)
    for _ in range(10):
        response = client.get("/api/me", headers=bearer("cmn_wrong"))
        assert_json_error(response, 401, "unauthorized")
    # Repeated refusals share a row per minute and subject, with a count.
    rejected = SecurityEvent.objects.filter(kind="api:token:rejected")
    assert rejected.aggregate(total=Sum("count"))["total"] == 3
