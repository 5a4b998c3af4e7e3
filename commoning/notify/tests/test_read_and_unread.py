"""Read marks are this node's, per member: opening a notice marks it read, "mark all read"
marks everything so far, and the menu counts what is left."""

from django.test import Client

from commoning.notify.tests.kit import notices
from commoning.talk import actions as talk
from commoning.talk.tests.kit import one_of_each
from commoning.work.tests.artifact_kit import api_client, web_client


def test_opening_a_notice_marks_it_read_and_goes_to_its_page(alice, bob, carol):
    subjects = one_of_each(alice, bob)
    talk.post_comment(carol, subjects.contribution.id, body="Hello @Bob")
    talk.post_comment(carol, subjects.task.id, body="And @Bob here")
    client = web_client(bob)
    home = client.get("/").content.decode()
    assert 'id="unread-count">2<' in home
    assert "Carol mentioned you in a comment on a contribution." in home
    opened = notices(bob)[1]
    response = client.get("/notifications/open/", {"key": opened.key, "next": opened.link})
    assert response.status_code == 302 and response["Location"] == opened.link
    assert 'id="unread-count">1<' in client.get("/").content.decode()
    listing = client.get("/notifications/").content.decode()
    assert listing.count('class="badge">') == 1


def test_open_never_redirects_off_the_node(alice, bob):
    response = web_client(bob).get("/notifications/open/",
                                   {"key": "x", "next": "https://evil.example/"})
    assert response["Location"] == "/"
    response = web_client(bob).get("/notifications/open/", {"key": "x", "next": "//evil.example"})
    assert response["Location"] == "/"


def test_mark_all_read_is_a_post_that_redirects(alice, bob, carol):
    subjects = one_of_each(alice, bob)
    talk.post_comment(carol, subjects.contribution.id, body="One")
    client = web_client(bob)
    reload = client.get("/notifications/read-all/")  # a reload marks nothing and goes back
    assert reload.status_code == 303 and 'id="unread-count"' in client.get("/").content.decode()
    response = client.post("/notifications/read-all/")
    assert response.status_code == 303 and response["Location"] == "/notifications/"
    assert 'id="unread-count"' not in client.get("/").content.decode()
    talk.post_comment(carol, subjects.contribution.id, body="Two")
    assert 'id="unread-count">1<' in client.get("/").content.decode()


def test_read_marks_are_each_members_own(alice, bob, carol):
    subjects = one_of_each(alice, bob)
    talk.post_comment(carol, subjects.contribution.id, body="For @Bob and @Alice")
    web_client(bob).post("/notifications/read-all/")
    assert 'id="unread-count">1<' in web_client(alice).get("/").content.decode()


def test_the_api_lists_notifications_and_marks_them_read(alice, bob, carol):
    subjects = one_of_each(alice, bob)
    talk.post_comment(carol, subjects.contribution.id, body="One")
    talk.post_comment(carol, subjects.task.id, body="@bob two")
    client = api_client(bob)
    listed = client.get("/api/notifications", {"limit": 1}).json()
    assert [item["read"] for item in listed["items"]] == [False]
    more = client.get("/api/notifications", {"cursor": listed["next"]}).json()
    assert len(more["items"]) == 1 and more["next"] is None
    key = listed["items"][0]["key"]
    marked = client.post("/api/notifications/read", {"keys": [key]},
                         content_type="application/json")
    assert marked.status_code == 204
    after = client.get("/api/notifications").json()["items"]
    assert [item["read"] for item in after] == [True, False]
    client.post("/api/notifications/read", {"all": True}, content_type="application/json")
    assert all(item["read"] for item in client.get("/api/notifications").json()["items"])
    assert Client().get("/api/notifications").status_code == 401
    assert client.get("/api/notifications", {"cursor": "forged"}).status_code == 400
