"""The administrator gives a clerk the secretariat's role in the browser; the clerk
convenes a session (its chair chosen among the members on the day), puts a draft on its
agenda, records the members' positions, previews the decision (the procedure, the count,
the outcome) and confirms it; a visitor reads the session's page with the chair, the
draft's text, the outcome and its reasons."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, expect

from depositary.app.accounts import Accounts
from depositary.app.settings import Settings
from depositary.app.workflow import Workflow
from depositary.bootstrap import open_register
from depositary.log.entries import EntryKind
from tests.browser.conftest import screenshot
from tests.browser.test_desks import PASSWORD, sign_in


def test_a_session_from_the_role_to_the_decision(browser: Browser, tmp_path: Path) -> None:
    from tests.web.conftest import serve

    database = tmp_path / "register.sqlite3"
    for site in serve(f"sqlite:///{database}", tmp_path):
        ledger = open_register(Settings(tmp_path, f"sqlite:///{database}"))
        ledger.append([
            (EntryKind.PERSON, "admin", {"id": "admin", "names": {"en": "Administrator"}}),
            (EntryKind.PERSON, "clerk", {"id": "clerk", "names": {"en": "Clerk"}}),
        ], "test")
        Workflow(ledger).grant("admin", "administrator", "admin")
        for person in ("admin", "clerk"):
            Accounts(ledger).set_password(person, PASSWORD)

        admin = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        sign_in(admin, site, "admin")
        grant = admin.locator('form[action="/desk/roles"]')
        grant.get_by_label("Person").select_option("clerk")
        grant.get_by_label("Role").select_option("secretariat")
        grant.get_by_role("button", name="Grant").click()
        expect(admin.get_by_role("status")).to_contain_text("clerk is secretariat")
        expect(admin.locator('tr[data-role="clerk/secretariat"]')).to_be_visible()
        screenshot(admin, "desk-administrator")

        clerk = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        sign_in(clerk, site, "clerk")
        clerk.get_by_label("Session id").fill("chs-2026-browser")
        clerk.get_by_label("Body").select_option("council-of-heads-of-state")
        clerk.get_by_label("Date").fill("2026-05-08")
        clerk.get_by_label("Place").fill("Minsk")
        screenshot(clerk, "desk-secretariat")
        clerk.get_by_role("button", name="Next: the chair and the attendance").click()
        # The chair the register records for the day (Turkmenistan's term) is preselected.
        expect(clerk.get_by_label("Chair")).to_have_value("TKM")
        expect(clerk.get_by_label("Place")).to_have_value("Minsk")
        clerk.get_by_label("Chair").select_option("BLR")
        screenshot(clerk, "desk-secretariat-convening")
        clerk.get_by_role("button", name="Convene").click()
        expect(clerk.get_by_role("status")).to_contain_text("session chs-2026-browser convened")

        clerk.get_by_text("Agenda: a draft decision").click()
        clerk.get_by_label("Draft id").fill("d-browser")
        clerk.get_by_label("Title").fill("On the browser")
        clerk.get_by_label("Text").fill("The Council decides to test the browser.")
        clerk.get_by_role("button", name="Put on the agenda").click()
        expect(clerk.get_by_role("status")).to_contain_text("draft d-browser on the agenda")
        for code, position in (("RUS", "agree"), ("KAZ", "agree"), ("ARM", "non-interest")):
            clerk.get_by_label("Member", exact=True).fill(code)
            clerk.get_by_label("Position", exact=True).select_option(position)
            clerk.get_by_role("button", name="Record the position").click()
            expect(clerk.get_by_role("status")).to_contain_text(f"{code}: {position}")
        clerk.get_by_text("Adopt a decision").click()
        clerk.get_by_role("button", name="Preview the decision by the body's procedure").click()
        # Nothing is written yet: the procedure, the count and the outcome, to confirm.
        expect(clerk.locator('td[data-position="agree"]')).to_have_text("2")
        expect(clerk.locator('td[data-position="non-interest"]')).to_have_text("1")
        expect(clerk.locator('td[data-position="absent"]')).to_have_text("9")
        expect(clerk.locator("main")).to_contain_text("not stated in the procedure's source")
        expect(clerk.locator("main")).to_contain_text("The decision is recorded for good")
        screenshot(clerk, "desk-secretariat-preview")
        clerk.get_by_role("button", name="Confirm: adopted").click()
        expect(clerk.get_by_role("status")).to_contain_text("d-browser: adopted")

        visitor = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        visitor.goto(f"{site}/sessions/chs-2026-browser")
        expect(visitor.locator("main")).to_contain_text("decision-d-browser")
        expect(visitor.locator("main")).to_contain_text("consensus")
        expect(visitor.locator("main")).to_contain_text("Chair: BLR")
        expect(visitor.locator("main")).to_contain_text("The Council decides to test the browser.")
        screenshot(visitor, "session")
