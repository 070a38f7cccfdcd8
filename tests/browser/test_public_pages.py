"""The public pages as their readers meet them in Chromium: axe-core finds no violation on
any page type, in English and Russian; at 390 px (a phone) every column of the status
chart is on screen; the reasons are read without hovering. Screenshots for the guide."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from depositary.app.secretariat import Secretariat
from depositary.app.settings import Settings
from depositary.app.stored import StoredRegister, utc_today
from depositary.app.workflow import SECRETARIAT, Workflow, signed_payload
from depositary.bootstrap import open_register
from depositary.domain.acts import Act, ActKind
from depositary.log.signatures import sign
from tests.browser.conftest import screenshot
from tests.browser.test_desks import sign_in, staff
from tests.web.conftest import serve

PAGES = [
    "/?as_of=2009-08-19",
    "/instruments/cis-charter?as_of=2009-08-19",
    "/instruments/alma-ata-declaration",
    "/participants/GEO?as_of=2009-08-19",
    "/bodies/council-of-heads-of-state?as_of=1994-06-30",
    "/posts/commander-in-chief-armed-forces?as_of=1992-06-01",
    "/search?q=Alma-Ata",
    "/instruments?as_of=2009-08-19",
    "/participants?as_of=2009-08-19",
    "/bodies",
    "/posts?as_of=1992-06-01",
    "/notifications",
    "/changes?from=2009-08-01&to=2009-09-01",
    "/overview?as_of=2009-08-19",
    "/?as_of=",  # a date not given: the page again, with the form
    "/instruments/nope",
    "/signin",
]


def violations(page: Page) -> str:
    found = Axe().run(page)
    return "" if found.violations_count == 0 else found.generate_report()


@pytest.mark.parametrize("language", ["en", "ru"])
def test_axe_finds_no_violation_on_any_page_type(page: Page, site: str, language: str) -> None:
    for path in PAGES:
        joiner = "&" if "?" in path else "?"
        page.goto(f"{site}{path}{joiner}lang={language}")
        assert "" == violations(page), path


def test_on_a_phone_every_column_of_the_chart_is_on_screen(browser: Browser, site: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                  device_scale_factor=2)
    phone = context.new_page()
    try:
        phone.goto(f"{site}/instruments/cis-charter?as_of=2009-08-19")
        # No sideways scrolling: the page is no wider than the screen.
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
        georgia = phone.locator('tr[data-participant="GEO"]')
        for label in ("Consent", "Entry into force", "Status", "Why"):
            cell = georgia.locator(f'td[data-label="{label}"]')
            box = cell.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, label
        assert "with effect from 2009-08-18" in georgia.locator("td.status").inner_text()
        screenshot(phone, "mobile-charter-2009-08-19")
    finally:
        context.close()


# Below the status's last line, where the chart starts: at most the space between two
# blocks (no empty band left by a summary taller than the status beside it).
EMPTY_BAND = """() => {
  const status = document.querySelector('section[aria-labelledby=status]');
  let bottom = 0;
  for (const element of status.children) {
    if (element.classList.contains('chart-wrap')) break;
    bottom = Math.max(bottom, element.getBoundingClientRect().bottom);
  }
  return document.querySelector('.chart-wrap').getBoundingClientRect().top - bottom;
}"""


@pytest.mark.parametrize("path", ["/instruments/cis-charter?as_of=2009-08-19",
                                  "/instruments/alma-ata-protocol?as_of=1992-06-01&lang=ru"])
def test_the_summary_leaves_no_empty_band_above_the_chart(page: Page, site: str,
                                                          path: str) -> None:
    page.goto(f"{site}{path}")
    assert page.evaluate(EMPTY_BAND) <= 24


def test_the_reasons_are_read_without_hovering(page: Page, site: str) -> None:
    page.goto(f"{site}/instruments/cis-charter?as_of=2009-08-19")
    why = page.locator('tr[data-participant="GEO"] td.why')
    assert why.is_visible() and "withdrawal" in why.inner_text()
    assert "Signatories: 7. Parties: 9." in page.locator("p.counts").inner_text()
    screenshot(page, "desktop-charter-2009-08-19")
    page.goto(f"{site}/instruments?as_of=2009-08-19")
    page.select_option("select[name=kind]", "charter")
    page.click("form.filters button")
    assert "kind=charter" in page.url
    assert 1 == page.locator("table.index tbody tr").count()
    screenshot(page, "desktop-instruments-index")


def test_axe_finds_no_violation_on_the_desks(browser: Browser, tmp_path: Path) -> None:
    """The desks as each of their users sees them, in English and Russian: the delegate's
    form and its examination before signing, the officer's desk and its examination of a
    submission, the administrator's desk (with the secretariat's role: its forms), the
    people page, the convening of a session, a decision's preview and a session's page."""
    database = tmp_path / "register.sqlite3"
    for site in serve(f"sqlite:///{database}", tmp_path):
        keys = staff(database, tmp_path)
        ledger = open_register(Settings(tmp_path, f"sqlite:///{database}"))
        Workflow(ledger).grant("admin", SECRETARIAT, "admin")
        secretariat = Secretariat(ledger)
        secretariat.convene("chs-axe", "council-of-heads-of-state", date(2026, 5, 8), "admin",
                            place="Ashgabat")
        secretariat.table("d-axe", "chs-axe", "A draft for the check", "admin",
                          text="The Council decides to check the pages.")
        secretariat.record("d-axe", "RUS", "agree", "admin")
        submitted = submit_declaration(ledger, keys["ukrainian-minister"])
        for person, paths in (("ukrainian-minister", ["/desk"]), ("officer", ["/desk"]),
                              ("admin", ["/desk", "/desk/people", "/sessions/chs-axe"])):
            context = browser.new_context()
            page = context.new_page()
            sign_in(page, site, person)
            for path in paths:
                for language in ("en", "ru"):
                    page.goto(f"{site}{path}?lang={language}")
                    assert "" == violations(page), (person, path, language)
            if person == "ukrainian-minister":
                page.goto(f"{site}/desk?lang=en")
                page.get_by_label("Instrument").select_option("cis-charter")
                page.get_by_label("Act", exact=True).select_option("accession")
                page.get_by_role("button", name="Examine before signing").click()
                assert "" == violations(page), "the examination before signing"
            if person == "officer":
                for language in ("en", "ru"):
                    page.goto(f"{site}/desk?lang={language}")
                    page.locator(f"tr[data-act='{submitted}'] "
                                 "form[action='/desk/examine'] button").click()
                    assert "" == violations(page), ("the examination", language)
            if person == "admin":
                for language in ("en", "ru"):
                    for form, filled in (("/desk/decisions/preview", ""),
                                         ("/desk/sessions/prepare", FILLED)):
                        page.goto(f"{site}/desk?lang={language}")
                        with page.expect_navigation():  # the form sits in a closed <details>
                            page.evaluate(f"{filled} document.querySelector("
                                          f"\"form[action='{form}']\").submit()")
                        assert "" == violations(page), (form, language)
            context.close()


# The session's form as a clerk fills it before choosing the chair.
FILLED = ("document.getElementById('session-id').value = 'chs-axe-2';"
          "document.getElementById('session-date').value = '2026-05-08';")


def submit_declaration(ledger: StoredRegister, key: Path) -> str:
    """Ukraine's declaration on the Charter, submitted by its minister (the officer's
    queue then holds it); its id."""
    today = utc_today()
    act = Act(f"cis-charter/UKR/declaration/{today.isoformat()}", "cis-charter", "UKR",
              ActKind.DECLARATION, today, today, text="A declaration for the check.")
    Workflow(ledger).submit(act, "ukrainian-minister",
                            sign(key.read_bytes(), signed_payload(act)), today)
    return act.id
