"""Conversation end to end, in Chromium against a real `commoning demo` process: Carol mentions
Bob in a comment on his contribution; Bob logs in, sees the notification on his home page,
opens it (which marks it read) and replies under Carol's comment; a second node joins the
network over HTTP and shows the same thread to a visitor."""

import re

import httpx
import pytest
from playwright.sync_api import expect

from commoning.demo import DEMO_PASSWORD
from tests.sync.nodes import Node

pytestmark = pytest.mark.e2e


def log_in(browser, node, username):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(30_000)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(node + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.locator("main").get_by_role("button", name="Log in").click()
    page.wait_for_url(node + "/")
    return context, page, errors


# A page with a comment anchor: with JavaScript on, htmx follows the redirect and drops the
# fragment; with it off, the browser keeps it.
AT_A_COMMENT = r"(#comment-[0-9a-f]{64})?$"


def bobs_contribution(node) -> str:
    """The id of one of Bob's contributions in the demo, found through the public API."""
    members = httpx.get(node + "/api/members", params={"limit": 100}).json()["items"]
    bob = next(member["id"] for member in members if member["name"].startswith("Bob"))
    for commons in httpx.get(node + "/api/commons", params={"limit": 100}).json()["items"]:
        listed = httpx.get(f"{node}/api/work/commons/{commons['id']}/contributions",
                           params={"limit": 100}).json()["items"]
        for contribution in listed:
            if contribution["member_id"] == bob:
                return contribution["id"]
    raise AssertionError("the demo has no contribution by Bob")


@pytest.fixture
def second_node(tmp_path):
    joined = Node("second", tmp_path / "second")
    joined.home.mkdir()
    yield joined
    joined.close()


def test_carol_mentions_bob_he_replies_and_the_thread_reaches_another_node(node, browser,
                                                                            second_node):
    contribution_id = bobs_contribution(node)
    contribution_path = f"/work/contributions/{contribution_id}/"
    comment_text = "Thanks @Bob, the probe ran all week in our field trial."
    reply_text = "Glad it held up! I will add the battery log to the guide."

    carol, carol_page, carol_errors = log_in(browser, node, "carol")
    carol_page.goto(node + contribution_path)
    carol_page.fill("#id_body", comment_text)
    carol_page.get_by_role("button", name="Comment", exact=True).click()
    carol_page.wait_for_url(re.compile(re.escape(contribution_path) + AT_A_COMMENT))
    comment = carol_page.locator("article.comment", has_text="the probe ran all week")
    expect(comment).to_be_visible()
    expect(comment.get_by_role("link", name="@Bob Okafor")).to_be_visible()
    carol.close()

    bob, page, bob_errors = log_in(browser, node, "bob")
    expect(page.locator("#unread-count")).to_be_visible()
    notice = page.locator("#home-notices").get_by_role(
        "link", name="Carol Nguyen mentioned you in a comment on a contribution.")
    expect(notice).to_be_visible()
    notice.click()
    page.wait_for_url(re.compile(re.escape(contribution_path) + AT_A_COMMENT))
    carols = page.locator("#talk li", has=page.locator("article.comment",
                                                       has_text="the probe ran all week")).first
    carols.locator("details.reply summary").first.click()
    carols.locator("details.reply textarea").first.fill(reply_text)
    carols.locator("details.reply").first.get_by_role("button", name="Reply").click()
    page.wait_for_url(re.compile(re.escape(contribution_path) + AT_A_COMMENT))
    expect(carols.locator(".replies")).to_contain_text(reply_text)
    # Opening the notice marked it read.
    page.goto(node + "/notifications/")
    opened = page.locator("li.read", has_text="Carol Nguyen mentioned you")
    expect(opened).to_be_visible()
    bob.close()
    assert carol_errors == [] and bob_errors == []

    # A second node joins over HTTP and shows the same thread to a visitor.
    second_node.env["COMMONING_ALLOW_PRIVATE_PEERS"] = "1"
    second_node.cli("init", "--join", node)
    second_node.start()
    visitor = browser.new_context()
    there = visitor.new_page()
    there.goto(second_node.url + contribution_path)
    thread = there.locator("#talk")
    expect(thread).to_contain_text("the probe ran all week in our field trial")
    expect(thread.locator(".replies")).to_contain_text(reply_text)
    visitor.close()
