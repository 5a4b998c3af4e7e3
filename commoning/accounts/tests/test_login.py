"""Logging in: success and failure land in the security log; bursts are throttled."""

import pytest

from commoning.accounts.models import SecurityEvent
from commoning.testing import PASSWORD


def kinds():
    return list(SecurityEvent.objects.order_by("id").values_list("kind", flat=True))


def test_a_good_login_redirects_home_and_is_logged(client, alice):
    response = client.post("/login/", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/"
    event = SecurityEvent.objects.get(kind="auth:login:succeeded")
    assert event.user == alice
    assert event.ip == "127.0.0.1"


def test_a_bad_password_is_a_400_and_is_logged(client, alice):
    response = client.post("/login/", {"username": "alice", "password": "wrong"})
    assert response.status_code == 400
    assert b'role="alert"' in response.content
    event = SecurityEvent.objects.get(kind="auth:login:failed")
    assert event.username == "alice"
    assert event.user is None


def test_logging_out_is_logged(client, alice):
    client.force_login(alice)
    client.post("/logout/")
    assert "auth:logout:succeeded" in kinds()


@pytest.mark.parametrize(
    "form",
    [
        {"username": "al\x00ice", "password": PASSWORD},
        {"username": "alice", "password": "pw\x00"},
        {"username": "x" * 100_000, "password": PASSWORD},
        {"username": "", "password": ""},
        {},
    ],
)
def test_odd_login_input_is_a_400(client, alice, form):
    response = client.post("/login/", form)
    assert response.status_code == 400


class TestThrottling:
    @pytest.fixture(autouse=True)
    def small_burst(self, settings):
        settings.COMMONING_LOGIN_RATE = (3, 1)

    def test_it_answers_429_after_the_burst(self, client, alice):
        statuses = [
            client.post("/login/", {"username": "alice", "password": "wrong"}).status_code
            for _ in range(5)
        ]
        assert statuses == [400, 400, 400, 429, 429]

    def test_even_the_right_password_waits_once_throttled(self, client, alice):
        for _ in range(3):
            client.post("/login/", {"username": "alice", "password": "wrong"})
        response = client.post("/login/", {"username": "alice", "password": PASSWORD})
        assert response.status_code == 429
        assert response["Retry-After"] == "60"
        assert b"Too many attempts" in response.content
        assert "_auth_user_id" not in client.session

    def test_throttling_is_logged(self, client, alice):
        for _ in range(4):
            client.post("/login/", {"username": "alice", "password": "wrong"})
        event = SecurityEvent.objects.get(kind="auth:login:throttled")
        assert event.username == "alice"

    def test_a_nul_in_the_username_does_not_break_the_bucket(self, client, alice):
        for _ in range(5):
            response = client.post("/login/", {"username": "a\x00", "password": "x"})
            assert response.status_code in {400, 429}
