"""The market end to end, in Chromium against a real `commoning demo` process: Bob offers a
repair priced in the valley's local currency; Alice agrees on it; Bob accepts the agreement;
Alice pays from it; Bob accepts the payment in his wallet; the agreement shows paid and both
wallets show the payment (Alice's balance down by the price, Bob's up by it)."""

import re

import httpx
import pytest
from playwright.sync_api import expect

from commoning.demo import DEMO_PASSWORD

pytestmark = pytest.mark.e2e
TITLE = "Puncture and brake repair, same day"
PRICE = "18.50"


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


def pence(text: str) -> int:
    """'-25.00 VP' -> -2500: the wallet's balance as an integer of minor units."""
    number = re.search(r"-?\d+\.\d{2}", text).group()
    sign = -1 if number.startswith("-") else 1
    whole, part = number.lstrip("-").split(".")
    return sign * (int(whole) * 100 + int(part))


def local_currency(node) -> str:
    """The valley's local currency: the one Bob's demo repair offer is priced in."""
    listed = httpx.get(node + "/api/market/listings",
                       params={"category": "repair", "side": "offer", "limit": 100}).json()
    return next(item["currency_id"] for item in listed["items"]
                if item["title"] == "Bicycle and small-engine repair")


def balance(page, wallet_url) -> int:
    page.goto(wallet_url)
    return pence(page.locator("#balance").inner_text())


def test_bob_offers_a_repair_alice_agrees_and_pays_bob_accepts(node, browser):
    currency_id = local_currency(node)
    wallet_url = f"{node}/credit/{currency_id}/wallet/"
    bob, bob_page, bob_errors = log_in(browser, node, "bob")
    bob_before = balance(bob_page, wallet_url)
    bob_page.goto(node + "/market/new/")
    bob_page.get_by_label("Offer").check()
    bob_page.select_option("#id_kind", "service")
    bob_page.fill("#id_title", TITLE)
    bob_page.select_option("#id_category", "repair")
    bob_page.fill("#id_place", "Lower Valley")
    bob_page.select_option("#id_currency", currency_id)
    bob_page.fill("#id_amount", PRICE)
    bob_page.get_by_role("button", name="List it").click()
    bob_page.wait_for_url(re.compile(r"/market/[0-9a-f]{64}/$"))
    listing_url = bob_page.url
    expect(bob_page.locator("#listing-price")).to_contain_text(PRICE)

    alice, alice_page, alice_errors = log_in(browser, node, "alice")
    alice_before = balance(alice_page, wallet_url)
    alice_page.goto(node + "/market/?category=repair")
    alice_page.get_by_role("link", name=TITLE).click()
    alice_page.wait_for_url(listing_url)
    alice_page.get_by_role("button", name="Propose this agreement").click()
    alice_page.wait_for_url(re.compile(r"/market/agreements/[0-9a-f]{64}/$"))
    agreement_url = alice_page.url
    expect(alice_page.locator("#agreement-state")).to_contain_text("proposed")

    bob_page.goto(agreement_url)
    bob_page.get_by_role("button", name="Accept this agreement").click()
    expect(bob_page.locator("#agreement-state")).to_contain_text("accepted")

    alice_page.goto(agreement_url)
    alice_page.get_by_role("button", name=re.compile(r"^Pay ")).click()
    expect(alice_page.locator("#agreement-state")).to_contain_text("waiting for the payee")

    bob_page.goto(agreement_url)
    bob_page.get_by_role("link", name="Accept the payment in your wallet").click()
    bob_page.wait_for_url(wallet_url)
    waiting = bob_page.locator("tr", has_text=TITLE)
    waiting.get_by_role("button", name="Accept").click()
    # Accepted: the payment leaves "Waiting for your answer" and enters the history.
    expect(bob_page.get_by_role("button", name="Accept")).to_have_count(0)
    bob_page.goto(agreement_url)
    expect(bob_page.locator("#agreement-state")).to_have_text(re.compile(r"^\s*paid\s*$"))

    assert balance(bob_page, wallet_url) == bob_before + 1850
    assert balance(alice_page, wallet_url) == alice_before - 1850
    expect(alice_page.locator("table", has_text=TITLE).first).to_be_visible()
    expect(bob_page.locator("table", has_text=TITLE).first).to_be_visible()
    alice.close()
    bob.close()
    assert alice_errors == [] and bob_errors == []
