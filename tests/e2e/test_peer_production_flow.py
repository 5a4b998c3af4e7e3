"""Peer production end to end, in Chromium against a real `commoning demo` process.

Alice starts a commons, publishes rules-led rules and a task; Bob claims the task and records
his contribution; Carol and Dave approve it and it becomes validated; Bob's reputation rises
and he earns the maintainer role by the published rule; Eve forks the commons and Bob's credit
shows in the fork. Each person uses their own browser context (their own login).

The node runs in a fresh COMMONING_HOME; on PostgreSQL runs it gets a database of its own.
"""

import re
import uuid
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from commoning.demo import DEMO_PASSWORD

pytestmark = pytest.mark.e2e

HEX_ID = r"[0-9a-f]{64}"


class Person:
    """One member in their own browser context, logged in."""

    def __init__(self, browser, node, username):
        self.context = browser.new_context()
        self.page = self.context.new_page()
        self.page.set_default_timeout(30_000)
        self.errors = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.node = node
        self.page.goto(node + "/login/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", DEMO_PASSWORD)
        self.page.locator("main").get_by_role("button", name="Log in").click()
        self.page.wait_for_url(node + "/")

    def go(self, path):
        self.page.goto(self.node + path)

    def close(self):
        assert self.errors == []
        self.context.close()


def _path(page) -> str:
    return urlsplit(page.url).path


def test_a_task_becomes_validated_credit_that_earns_a_role_and_survives_a_fork(node, browser):
    name = f"Hand Loom {uuid.uuid4().hex[:6]}"

    # Alice starts a commons, publishes rules-led rules and a task.
    alice = Person(browser, node, "alice")
    page = alice.page
    page.goto(node + "/commons/new/")
    page.fill("#id_name", name)
    page.fill("#id_licence", "CERN-OHL-S-2.0")
    page.get_by_role("button", name="Create commons").click()
    page.wait_for_url(re.compile(rf".*/commons/{HEX_ID}/$"))
    page.get_by_role("link", name="Task board and contributions").click()
    page.wait_for_url(re.compile(rf".*/work/commons/{HEX_ID}/$"))
    commons_path = _path(page)
    page.locator("main").get_by_role("link", name="Rules", exact=True).click()
    page.wait_for_url(re.compile(r".*/rules/$"))
    page.select_option("#id_mode", "rules-led")
    page.fill("#id_objection_window_days", "0")
    page.fill("#id_maintainer_contributions", "1")
    page.fill("#id_maintainer_approvals", "0")
    page.get_by_role("button", name="Publish rules").click()
    page.wait_for_url(node + commons_path)
    # The rules in plain words: the role is earned by the published thresholds.
    expect(page.locator("main")).to_contain_text("1 contribution each approved by at least")
    page.get_by_role("link", name="New task").click()
    page.fill("#id_title", "Warp the first loom")
    page.select_option("#id_kind", "materials")
    page.fill("#id_description", "Warp it with the linen from the valley.")
    page.get_by_role("button", name="Publish task").click()
    page.wait_for_url(re.compile(rf".*/work/tasks/{HEX_ID}/$"))
    task_path = _path(page)
    expect(page.locator("#task-status")).to_have_text("open")
    alice.close()

    # Bob claims it for himself and records his contribution.
    bob = Person(browser, node, "bob")
    page = bob.page
    bob.go(task_path)
    page.get_by_role("button", name="Claim this task").click()
    expect(page.locator("#task-status")).to_have_text("claimed")
    expect(page.locator("main")).to_contain_text("held by Bob Okafor")
    page.get_by_role("link", name="Record your contribution").click()
    page.fill("#id_effort_minutes", "150")
    page.fill("#id_description", "Warped the loom; 400 ends, no broken threads.")
    page.fill("#id_evidence_url", "https://example.org/loom/photo")
    page.get_by_role("button", name="Record contribution").click()
    page.wait_for_url(re.compile(rf".*/work/contributions/{HEX_ID}/$"))
    contribution_path = _path(page)
    expect(page.locator("#verdict-state")).to_have_text("waiting for approvals")
    expect(page.locator("#verdict-reasons")).to_contain_text("0 of 2 approvals needed")
    bob_reputation = page.locator("main h1").get_by_role("link").get_attribute("href")
    page.goto(node + bob_reputation)
    validated_before = int(page.locator("#validated-count").inner_text())
    expect(page.locator("main")).to_contain_text("awaiting validation")
    bob.close()

    # Carol and Dave approve: the published rule validates it.
    for username, reason in (("carol", "Saw it on the loom"), ("dave", "")):
        person = Person(browser, node, username)
        person.go(contribution_path)
        person.page.select_option("#id_verdict", "approve")
        person.page.fill("#id_reason", reason)
        person.page.get_by_role("button", name="Record judgement").click()
        expect(person.page.locator(".messages")).to_contain_text("Your judgement is recorded")
        person.close()

    bob = Person(browser, node, "bob")
    page = bob.page
    bob.go(contribution_path)
    expect(page.locator("#verdict-state")).to_have_text("validated")
    expect(page.locator("#verdict-reasons")).to_contain_text("2 of 2 approvals needed")
    page.goto(node + bob_reputation)
    expect(page.locator("#validated-count")).to_have_text(str(validated_before + 1))
    expect(page.locator("main")).to_contain_text(name)
    bob.go(task_path)
    expect(page.locator("#task-status")).to_have_text("done")
    bob.go(commons_path + "roles/")
    # The handle stands between the name and the rule (accounts: names.member_handle).
    expect(page.locator("#maintainers")).to_contain_text(re.compile(r"Bob Okafor \S+ — earned"))
    expect(page.locator("main table")).to_contain_text("earned")
    bob.close()

    # Eve forks the commons; Bob's credit is carried into the fork.
    eve = Person(browser, node, "eve")
    page = eve.page
    eve.go(commons_path)
    page.get_by_role("link", name="Fork this commons").click()
    page.fill("#id_name", f"{name} (Eve's fork)")
    page.fill("#id_reason", "A narrower loom for small workshops")
    page.get_by_role("button", name="Fork", exact=True).click()
    page.wait_for_url(re.compile(rf".*/work/commons/{HEX_ID}/$"))
    assert _path(page) != commons_path
    expect(page.locator(".lineage")).to_contain_text(f"Forked from {name}")
    credit = page.locator("tr.credit", has_text="Bob Okafor")
    expect(credit).to_contain_text("1")
    expect(credit).to_contain_text("carried from the origin")
    eve.go(commons_path)
    expect(page.locator(".lineage")).to_contain_text(f"{name} (Eve's fork)")
    eve.close()
