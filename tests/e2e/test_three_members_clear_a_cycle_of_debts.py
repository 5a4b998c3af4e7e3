"""Three members with a cycle of debts consent, in Chromium against a real `commoning demo`
process, and a clearing run removes it.

Carol confirms the translation she owes Eve (a demo debt waiting for her); Hana records that
Eve owes her for seed and Eve confirms; Carol records that Hana owes her and Hana confirms.
Carol proposes a clearing run in EUR: its page shows what it clears of her debts; all three
consent and the run is cleared, the smallest debt of the cycle gone from everyone's books.
"""

import re

import pytest
from playwright.sync_api import expect

from commoning.demo import DEMO_PASSWORD

pytestmark = pytest.mark.e2e


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


def _record(page, node, debtor_name, amount, memo):
    page.goto(node + "/debts/new/")
    page.select_option("#id_debtor", label=debtor_name)
    page.fill("#id_amount", amount)
    page.fill("#id_unit", "EUR")
    page.fill("#id_memo", memo)
    page.get_by_role("button", name="Record").click()
    expect(page.get_by_text(memo)).to_be_visible()


def _confirm(page, node, memo):
    page.goto(node + "/debts/?list=confirm")
    page.locator("tr", has_text=memo).get_by_role("button", name="Confirm").click()
    expect(page.locator("tr", has_text=memo)).to_have_count(0)


def test_three_members_consent_and_a_clearing_run_removes_their_cycle(node, browser):
    carol_context, carol = _logged_in(browser, node, "carol")
    hana_context, hana = _logged_in(browser, node, "hana")
    eve_context, eve = _logged_in(browser, node, "eve")

    _confirm(carol, node, "Translating the field-trial guide")  # Carol owes Eve 40.00
    _record(hana, node, "Eve Santos", "30", "Seed for the balcony trial")  # Eve owes Hana
    _confirm(eve, node, "Seed for the balcony trial")
    _record(carol, node, "Hana Kimura", "25.50", "Soil sampling kit")  # Hana owes Carol
    _confirm(hana, node, "Soil sampling kit")

    carol.goto(node + "/debts/runs/")
    carol.fill("#id_unit", "EUR")
    carol.get_by_role("button", name="Propose a clearing run").click()
    carol.wait_for_url(re.compile(r".*/debts/runs/[0-9a-f]{64}/$"))
    run_url = carol.url
    expect(carol.get_by_text("waiting for consent").first).to_be_visible()
    mine = carol.locator("section", has_text="What it clears for you")
    expect(mine).to_contain_text("25.50 EUR")
    for page in (carol, hana, eve):
        page.goto(run_url)
        page.get_by_role("button", name="Consent").click()
        expect(page.get_by_text("You consented.").first).to_be_visible()
    eve.goto(run_url)
    expect(eve.locator(".state.applied")).to_have_text("cleared")

    # What each still owes: Hana's debt to Carol is gone; Carol owes Eve 14.50, Eve owes Hana 4.50.
    hana.goto(node + "/debts/?list=owing")
    expect(hana.locator("tr", has_text="Soil sampling kit")).to_contain_text("cleared")
    carol.goto(node + "/debts/?list=owing")
    expect(carol.locator("tr", has_text="Translating the field-trial guide")).to_contain_text(
        "14.50 EUR")
    for context in (carol_context, hana_context, eve_context):
        context.close()
