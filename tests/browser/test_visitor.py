"""A visitor in a real browser (issue 5): from home to the Alma-Ata Protocol, then the
date changed to 1993-06-01, where Azerbaijan is a signatory only."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.conftest import screenshot


def test_a_visitor_finds_azerbaijan_a_signatory_of_the_protocol_in_1993(
    page: Page, site: str,
) -> None:
    page.goto(f"{site}/?as_of=2020-01-01")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Commonwealth of Independent States")
    screenshot(page, "home")
    page.get_by_role("link", name="Protocol to the Agreement establishing the").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Protocol")
    page.get_by_role("textbox", name="As of").fill("1993-06-01")
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(f"{site}/instruments/alma-ata-protocol?as_of=1993-06-01")
    azerbaijan = page.locator('tr[data-participant="AZE"]')
    expect(azerbaijan.locator("td.status")).to_have_text("signatory")
    expect(page.locator('tr[data-participant="KAZ"] td.status')).to_have_text("party")
    screenshot(page, "instrument-alma-ata-protocol-1993-06-01")


def test_the_interface_speaks_russian_and_is_keyboard_navigable(page: Page, site: str) -> None:
    page.goto(f"{site}/?lang=ru&as_of=2009-08-19")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Содружество Независимых Государств")
    page.keyboard.press("Tab")  # the first stop is the skip link, then the main content
    expect(page.locator("a.skip")).to_be_focused()
    screenshot(page, "home-ru-2009-08-19")
