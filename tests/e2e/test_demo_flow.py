"""The demo, end to end: a real `commoning demo` process, driven by Chromium.

A member logs in, starts a commons through the form and finds it on the commons list, once
with JavaScript (htmx boosts links and forms) and once without (plain HTML forms). The node
runs as its own process in a fresh COMMONING_HOME; when the test run uses PostgreSQL, the node
gets a fresh database of its own on the same server, dropped afterwards.

Chromium is required: a missing browser fails the test (it is never skipped), so a CI run
without one cannot pass silently. Set COMMONING_CHROMIUM to use a browser not on PATH.
"""

import re
import shutil
import uuid

import pytest
from playwright.sync_api import expect

from commoning.demo import DEMO_PASSWORD

from .conftest import chromium_path

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_a_member_logs_in_starts_a_commons_and_finds_it_listed(node, browser, javascript):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    page.set_default_timeout(30_000)
    script_errors = []
    page.on("pageerror", lambda error: script_errors.append(str(error)))
    try:
        page.goto(node + "/")
        page.locator("header.top").get_by_role("link", name="Log in").click()
        page.wait_for_url(node + "/login/")
        page.fill("#id_username", "alice")
        page.fill("#id_password", DEMO_PASSWORD)
        page.locator("main").get_by_role("button", name="Log in").click()
        page.wait_for_url(node + "/")
        expect(page.locator("header.top")).to_contain_text("Alice Moreau")

        page.locator("main").get_by_role("link", name="Start a commons").click()
        page.wait_for_url(node + "/commons/new/")
        # A licence that is not SPDX is refused with a message, and the form keeps the input.
        page.fill("#id_name", "Hand Loom")
        page.fill("#id_licence", "Foo-1.0")
        page.get_by_role("button", name="Create commons").click()
        expect(page.locator(".field.has-error")).to_contain_text("not an SPDX licence")
        expect(page.locator("#id_name")).to_have_value("Hand Loom")

        name = f"Hand Loom {uuid.uuid4().hex[:8]} ({'js' if javascript else 'no js'})"
        page.fill("#id_name", name)
        page.fill("#id_licence", "CERN-OHL-S-2.0")
        page.fill("#id_description", "A floor loom anyone can build from plywood.")
        page.get_by_role("button", name="Create commons").click()
        page.wait_for_url(re.compile(r".*/commons/[0-9a-f]{64}/$"))
        expect(page.locator("main h1")).to_have_text(name)
        expect(page.locator("main")).to_contain_text("CERN-OHL-S-2.0")
        expect(page.locator(".messages")).to_contain_text("Commons created")

        page.locator("header.top").get_by_role("link", name="Commons", exact=True).click()
        page.wait_for_url(node + "/commons/")
        expect(page.locator(".commons-list")).to_contain_text(name)

        if javascript:
            # htmx narrows the list as one types, without a page load.
            page.fill("#q", name.split()[2])
            expect(page.locator(".commons-list > li")).to_have_count(1)
            expect(page.locator(".commons-list")).to_contain_text(name)
        assert script_errors == []
    finally:
        context.close()


def test_a_missing_chromium_fails_rather_than_skips(monkeypatch):
    monkeypatch.delenv("COMMONING_CHROMIUM", raising=False)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(pytest.fail.Exception, match="Chromium is needed"):
        chromium_path()
