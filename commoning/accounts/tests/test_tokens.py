"""API tokens through the web: made once, listed by prefix, revoked only by their owner."""

import pytest

from commoning.accounts.actions import create_api_token, user_for_token
from commoning.accounts.models import ApiToken, SecurityEvent


def test_making_a_token_is_logged_and_only_its_hash_is_kept(client, alice):
    client.force_login(alice)
    response = client.post("/tokens/", {"name": "laptop"})
    token = response.context["new_token"]
    row = ApiToken.objects.get(user=alice)
    assert token.startswith("cmn_")
    assert token not in {row.token_hash, row.prefix}
    assert user_for_token(token) == alice
    assert SecurityEvent.objects.filter(kind="api:token:created", user=alice).exists()


@pytest.mark.parametrize("name", ["", "x" * 101, "nul\x00"])
def test_a_bad_token_name_is_a_400(client, alice, name):
    client.force_login(alice)
    response = client.post("/tokens/", {"name": name})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_the_owner_revokes_a_token(client, alice):
    row, token = create_api_token(alice, "laptop")
    client.force_login(alice)
    response = client.post(f"/tokens/{row.id}/revoke/", {"confirm": "on"})
    assert response.status_code == 303
    assert user_for_token(token) is None
    assert SecurityEvent.objects.filter(kind="api:token:revoked").exists()


def test_eve_cannot_revoke_alices_token(client, alice, eve):
    row, token = create_api_token(alice, "laptop")
    client.force_login(eve)
    response = client.post(f"/tokens/{row.id}/revoke/", {"confirm": "on"})
    assert response.status_code == 404
    assert user_for_token(token) == alice
    assert SecurityEvent.objects.filter(kind="access:token:denied", user=eve).exists()


@pytest.mark.parametrize("token_id", ["0", "999999", "99999999999999999999999"])
def test_revoking_unknown_tokens_is_a_404(client, alice, token_id):
    client.force_login(alice)
    assert client.post(f"/tokens/{token_id}/revoke/", {"confirm": "on"}).status_code == 404


def test_revoking_needs_a_post_and_a_get_goes_back_to_the_tokens(client, alice):
    row, token = create_api_token(alice, "laptop")
    client.force_login(alice)
    response = client.get(f"/tokens/{row.id}/revoke/")
    assert (response.status_code, response["Location"]) == (303, "/tokens/")
    assert user_for_token(token) == alice


def test_revoking_without_the_tick_keeps_the_token_and_says_so_beside_it(client, alice):
    row, token = create_api_token(alice, "laptop")
    client.force_login(alice)
    response = client.post(f"/tokens/{row.id}/revoke/")
    assert response.status_code == 400
    assert user_for_token(token) == alice
    page = response.content.decode()
    form = page[page.index(f'action="/tokens/{row.id}/revoke/"'):]
    assert 'class="error"' in form[: form.index("</form>")]


def test_visitors_are_sent_to_login(client, alice):
    row, _token = create_api_token(alice, "laptop")
    response = client.post(f"/tokens/{row.id}/revoke/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")
