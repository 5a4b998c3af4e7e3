"""Chromium enforces the Content-Security-Policy on the demo's pages, and none of them breaks
it: no blocked inline script or style, no script error, the Peers page there for alice (the
demo's operator), and the reputation bars still drawn (issue 10, finding 9)."""

import re

import pytest

from commoning.demo import DEMO_PASSWORD

pytestmark = pytest.mark.e2e


def test_the_demo_pages_run_under_the_policy(node, browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(30_000)
    violations, script_errors = [], []
    # The browser reports what the policy blocked as an event on the document; an init script
    # (run by the test harness, which the policy does not govern) keeps them.
    context.add_init_script("""
        window.__blocked = [];
        document.addEventListener("securitypolicyviolation",
            (event) => window.__blocked.push(event.violatedDirective + " " + event.blockedURI));
    """)

    def blocked_on(path):
        violations.extend(f"{path}: {item}" for item in page.evaluate("window.__blocked"))

    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.on("pageerror", lambda error: script_errors.append(str(error)))
    try:
        page.goto(node + "/login/")
        page.fill("#id_username", "alice")
        page.fill("#id_password", DEMO_PASSWORD)
        page.locator("main").get_by_role("button", name="Log in").click()
        page.wait_for_url(node + "/")
        member_link = page.locator("header.top a.me").get_attribute("href")
        page.goto(node + "/members/")
        member_ids = set(re.findall(r"/members/([0-9a-f]{64})/", page.content()))
        reputations = [f"/work/members/{member_id}/" for member_id in sorted(member_ids)]
        for path in ["/", "/commons/", "/members/", member_link, "/work/", "/log/", "/tokens/",
                     "/peers/", "/api/docs", *reputations]:
            answer = page.goto(node + path)
            assert answer.status == 200, path
            assert "script-src 'self'" in answer.headers["content-security-policy"], path
            page.wait_for_load_state("load")
            blocked_on(path)
        assert violations == [], violations
        bars_drawn = 0
        for path in reputations:
            page.goto(node + path)
            for bar in page.locator("table.bars .bar").all():
                assert bar.bounding_box()["width"] >= 0
                bars_drawn += bar.bounding_box()["width"] > 0
        assert bars_drawn, "the demo's reputation pages draw bars"
        page.goto(node + "/api/docs")
        page.wait_for_selector("#swagger-ui .info", timeout=30_000)
        assert page.locator('header.top a[href="/peers/"]').count() == 0  # docs have no nav
        page.goto(node + "/")
        assert page.locator('header.top a[href="/peers/"]').count() == 1
    finally:
        context.close()
    assert violations == [], violations
    assert script_errors == [], script_errors
