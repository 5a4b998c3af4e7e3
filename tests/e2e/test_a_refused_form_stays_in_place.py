"""A refused form, in Chromium against a real `commoning demo` process, comes back in place: the
member's input kept, the message beside the field it concerns, the 4xx unchanged; reloading it,
or asking its address again, never shows the browser's bare 405.

Alice starts a commons with a licence that is not an SPDX one (refused beside the licence, the
name kept), then records a contribution; Bob objects to it without a reason (refused beside the
reason, on the contribution's own page); a reload is no 405, and a GET of the action's address
sends Bob back to the contribution page.
"""

import re
import uuid

import pytest
from playwright.sync_api import expect

from commoning.demo import DEMO_PASSWORD

pytestmark = pytest.mark.e2e

HEX_ID = r"[0-9a-f]{64}"


def _logged_in(browser, node, username):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(node + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.locator("main").get_by_role("button", name="Log in").click()
    page.wait_for_url(node + "/")
    return context, page


def _error_beside(page, field_id: str):
    """The message of the `.field` block holding the control `field_id`."""
    return page.locator(f".field:has(#{field_id}) .error")


def test_a_refused_form_keeps_the_input_beside_the_field_and_a_reload_is_no_405(node, browser):
    name = f"Seed Library {uuid.uuid4().hex[:6]}"
    alice, page = _logged_in(browser, node, "alice")

    # A licence that is not SPDX: the form comes back with the message beside the licence.
    page.goto(node + "/commons/new/")
    page.fill("#id_name", name)
    page.fill("#id_licence", "my own licence")
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Create commons").click()
    assert posted.value.status == 400
    expect(_error_beside(page, "id_licence")).not_to_be_empty()
    expect(_error_beside(page, "id_name")).to_have_count(0)
    expect(page.locator("#id_name")).to_have_value(name)
    expect(page.locator("#id_licence")).to_have_value("my own licence")
    reloaded = page.reload()
    assert reloaded.status != 405

    page.fill("#id_name", name)  # a reload may have asked the form afresh
    page.fill("#id_licence", "CC-BY-SA-4.0")
    page.get_by_role("button", name="Create commons").click()
    page.wait_for_url(re.compile(rf".*/commons/{HEX_ID}/$"))
    commons_id = re.search(HEX_ID, page.url).group(0)
    page.goto(f"{node}/work/commons/{commons_id}/contribute/")
    page.fill("#id_effort_minutes", "90")
    page.fill("#id_description", "Sorted the bean seeds by variety.")
    page.get_by_role("button", name="Record contribution").click()
    page.wait_for_url(re.compile(rf".*/work/contributions/{HEX_ID}/$"))
    contribution_url = page.url
    alice.close()

    # Bob objects without a reason: refused beside the reason, on the contribution's page.
    bob, page = _logged_in(browser, node, "bob")
    page.goto(contribution_url)
    page.select_option("#id_verdict", "object")
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Record judgement").click()
    assert posted.value.status == 400
    expect(page.locator("main")).to_contain_text("Sorted the bean seeds by variety.")
    expect(_error_beside(page, "id_reason")).not_to_be_empty()
    expect(page.locator("#id_verdict")).to_have_value("object")
    # With JavaScript (htmx) the address bar keeps the page's address; without it, it holds
    # the action's. Reloading either, or asking the action's address with GET, is no 405.
    assert page.url in (contribution_url, contribution_url + "validate/")
    reloaded = page.reload()
    assert reloaded.status != 405
    asked_again = page.goto(contribution_url + "validate/")
    assert asked_again.status == 200
    assert page.url == contribution_url
    expect(page.locator("main")).to_contain_text("Sorted the bean seeds by variety.")
    bob.close()
