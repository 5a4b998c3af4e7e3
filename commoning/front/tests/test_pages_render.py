"""Every page renders for visitors and members, with the right status code."""

import pytest

from commoning.accounts.actions import create_api_token, update_profile
from commoning.commons.actions import create_commons, update_commons


@pytest.fixture
def site(alice, bob):
    update_profile(alice, bio="Runs the fab lab.")
    commons = create_commons(alice, name="Seed Press", licence="CC-BY-SA-4.0", description="Hi")
    update_commons(alice, commons.id, name="Seed Press Mk II")
    create_api_token(alice, "laptop")
    return commons


def pages(commons, member_id):
    return {
        "home": "/",
        "commons list": "/commons/",
        "commons search": "/commons/?q=seed",
        "commons detail": f"/commons/{commons.id}/",
        "members": "/members/",
        "member page": f"/members/{member_id}/",
        "log list": "/log/",
        "log filtered": "/log/?type=commons.create",
        "log entry": f"/log/{commons.id}/",
        "login": "/login/",
        "signup": "/signup/",
    }


def member_id_of(user):
    return user.account.member_id


def test_public_pages_render_for_visitors(client, site, alice):
    for name, url in pages(site, member_id_of(alice)).items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert b"<main" in response.content, name


def test_private_pages_send_visitors_to_login(client, site):
    for url in ["/commons/new/", f"/commons/{site.id}/edit/", "/profile/", "/tokens/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/login/?next="), url


def test_every_page_renders_for_a_member(client, site, alice):
    client.force_login(alice)
    urls = {
        **pages(site, member_id_of(alice)),
        "new commons": "/commons/new/",
        "edit commons": f"/commons/{site.id}/edit/",
        "profile": "/profile/",
        "tokens": "/tokens/",
    }
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert b"Alice" in response.content, name  # the header names who is logged in


def test_the_detail_page_shows_name_history_and_edit_link_to_the_founder(client, site, alice):
    client.force_login(alice)
    body = client.get(f"/commons/{site.id}/").content.decode()
    assert "Seed Press Mk II" in body
    assert "changed a commons" in body and "started a commons" in body  # plain words, no codes
    assert f"/commons/{site.id}/edit/" in body


def test_the_detail_page_hides_the_edit_link_from_others(client, site, bob):
    client.force_login(bob)
    body = client.get(f"/commons/{site.id}/").content.decode()
    assert f"/commons/{site.id}/edit/" not in body


def test_it_answers_404_for_unknown_and_malformed_ids(client, site):
    for url in [
        "/commons/" + "0" * 64 + "/",
        "/commons/not-an-id/",
        "/members/" + "f" * 64 + "/",
        "/members/x/",
        "/log/" + "a" * 64 + "/",
        "/log/zz/",
        "/nowhere/",
    ]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert b"Not found" in response.content, url


def test_odd_page_numbers_give_a_page_not_an_error(client, site):
    for query in ["?page=0", "?page=-3", "?page=abc", "?page=99999999999999999999999", "?page=1e3"]:
        for base in ["/commons/", "/members/", "/log/"]:
            assert client.get(base + query).status_code == 200, base + query


def test_a_nul_in_the_address_is_a_400(client, site):
    for url in ["/commons/%00/", "/commons/?q=%00", "/log/?type=a%00b", "/members/%00/"]:
        response = client.get(url)
        assert response.status_code == 400, url


def test_the_commons_search_answers_htmx_with_rows_only(client, site):
    response = client.get(
        "/commons/?q=press", headers={"HX-Request": "true", "HX-Target": "commons-rows"}
    )
    assert response.status_code == 200
    assert b"Seed Press" in response.content
    assert b"<html" not in response.content


def test_a_boosted_link_to_the_commons_list_gets_the_whole_page(client, site):
    response = client.get("/commons/", headers={"HX-Request": "true", "HX-Boosted": "true"})
    assert b'id="q"' in response.content


def test_a_token_made_on_the_page_is_shown_once(client, alice):
    client.force_login(alice)
    response = client.post("/tokens/", {"name": "phone"})
    assert response.status_code == 200
    assert b'id="new-token"' in response.content
    assert b'id="new-token"' not in client.get("/tokens/").content


def test_pages_work_without_a_network(db, client):
    assert client.get("/").status_code == 200
    assert client.get("/commons/").status_code == 200
    assert client.get("/members/").status_code == 200
    assert client.get("/log/").status_code == 200
    assert client.get("/signup/").status_code == 503


def test_a_login_without_a_member_gets_a_clear_403_on_profile(db, client, django_user_model):
    user = django_user_model.objects.create_user("admin", password="x-long-password-1")
    client.force_login(user)
    response = client.get("/profile/")
    assert response.status_code == 403


def test_a_404_says_what_is_missing(client, site):
    assert b"No such commons." in client.get("/commons/" + "0" * 64 + "/").content
    assert b"Nothing is here." in client.get("/nowhere/").content
