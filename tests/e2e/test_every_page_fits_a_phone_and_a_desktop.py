"""Every demo page works on a 360 px phone and a 1280 px desktop (issue 12, item 3).

Chromium walks every page of the demo by following its links (commoning/front/tests/demo_pages),
logged out and logged in as alice (the demo's operator, who sees every page). On each page, at
both widths, nothing is wider than the screen (`scrollWidth <= innerWidth`); at 360 px the
header stays compact, and the menu's links and every form's controls are at least 44 px high.
"""

import pytest

from commoning.demo import DEMO_PASSWORD
from commoning.front.tests.demo_pages import START_LOGGED_IN, START_LOGGED_OUT, walk

pytestmark = pytest.mark.e2e

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
TOUCH_PX = 44 - 0.5  # 2.75rem; half a pixel for sub-pixel rounding

OVERFLOW = "[document.documentElement.scrollWidth, window.innerWidth]"
# Visible touch targets of the menu and of forms, with their height; a checkbox's target is its
# label (the words beside it are what a finger taps).
TARGETS = """(scope) => {
  const shown = (el) =>
    el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  const targets = [];
  const add = (el, what) => {
    if (shown(el)) targets.push([what, el.getBoundingClientRect().height]);
  };
  for (const el of document.querySelectorAll(scope)) {
    const name = (el.textContent || el.name || el.id || "").trim().slice(0, 30);
    if (el.matches("input[type=checkbox], input[type=radio]")) {
      const label = el.closest("label") || document.querySelector(`label[for="${el.id}"]`);
      if (label) add(label, "label of " + (el.name || el.id));
    } else {
      add(el, el.tagName.toLowerCase() + " " + name);
    }
  }
  return targets;
}"""
MENU_TARGETS = "header.top summary, header.top nav a, header.top nav button"
FORM_TARGETS = (
    "main form button, main form select, main form textarea, main form a, "
    "main form input:not([type=hidden])"
)


def too_wide(page) -> tuple[int, int] | None:
    scroll_width, inner_width = page.evaluate(OVERFLOW)
    return (scroll_width, inner_width) if scroll_width > inner_width else None


def small_targets(page) -> list:
    page.evaluate("document.querySelector('details.menu').open = true")
    menu = page.evaluate(TARGETS, MENU_TARGETS)
    page.evaluate("document.querySelector('details.menu').open = false")
    forms = page.evaluate(TARGETS, FORM_TARGETS)
    return [(what, round(height)) for what, height in menu + forms if height < TOUCH_PX]


def log_in(page, node):
    page.goto(node + "/login/")
    page.fill("#id_username", "alice")
    page.fill("#id_password", DEMO_PASSWORD)
    page.locator("main").get_by_role("button", name="Log in").click()
    page.wait_for_url(node + "/")


@pytest.mark.parametrize("logged_in", [False, True], ids=["logged-out", "logged-in"])
def test_every_demo_page_fits_a_phone_and_a_desktop(node, browser, logged_in):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(30_000)
    problems = []
    try:
        if logged_in:
            log_in(page, node)

        def visit_on_a_phone(path):
            answer = page.goto(node + path)
            page.wait_for_load_state("load")
            if answer.status == 200:
                if overflow := too_wide(page):
                    problems.append(f"360 px {path}: {overflow[0]} px wide")
                if small := small_targets(page):
                    problems.append(f"360 px {path}: targets under 44 px: {small}")
                header_height = page.locator("header.top").bounding_box()["height"]
                if header_height > 100:
                    problems.append(f"360 px {path}: header {header_height:.0f} px high")
            return answer.status, page.content()

        start = START_LOGGED_IN if logged_in else START_LOGGED_OUT
        pages = walk(visit_on_a_phone, start, per_shape=2)
        assert len(pages) >= (20 if logged_in else 12), sorted(pages)

        page.set_viewport_size(DESKTOP)
        for path in pages:
            page.goto(node + path)
            page.wait_for_load_state("load")
            if overflow := too_wide(page):
                problems.append(f"1280 px {path}: {overflow[0]} px wide")
        page.goto(node + "/")
        # On a wide screen the menu is simply open: no "Menu" button to press.
        assert not page.locator("details.menu > summary").is_visible()
        assert page.locator("header.top nav").get_by_role("link", name="Commons").is_visible()
        assert problems == [], "\n".join(problems)
    finally:
        context.close()


def test_the_phone_menu_folds_and_opens_without_javascript(node, browser):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(node + "/")
        commons_link = page.locator("header.top nav").get_by_role("link", name="Commons")
        assert not commons_link.is_visible()
        page.locator("details.menu > summary").click()
        assert commons_link.is_visible()
        commons_link.click()
        page.wait_for_url(node + "/commons/")
    finally:
        context.close()
