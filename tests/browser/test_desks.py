"""A delegate submits an accession in the browser, an officer registers it, and a
visitor sees the new status and the notification (issue 5)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from depositary.accounts import Accounts
from depositary.ledger import Ledger, utc_today
from depositary.register.entries import EntryKind
from depositary.register.signatures import generate
from depositary.settings import Settings
from depositary.workflow import OFFICER, Workflow
from tests.browser.conftest import screenshot

PASSWORD = "correct horse battery staple"


def staff(database: Path, home: Path) -> dict[str, Path]:
    """An officer and Ukraine's foreign minister (who needs no full powers: VCLT 7(2)(a)),
    with passwords and keys; returns the key files."""
    ledger = Ledger.open(Settings(home, f"sqlite:///{database}"))
    ledger.append([
        (EntryKind.PERSON, "admin", {"id": "admin", "names": {"en": "Administrator"}}),
        (EntryKind.PERSON, "officer", {"id": "officer", "names": {"en": "Officer"}}),
        (EntryKind.PERSON, "ukrainian-minister", {
            "id": "ukrainian-minister", "names": {"en": "Minister for Foreign Affairs"},
            "capacities": [{"participant": "UKR", "role": "minister-for-foreign-affairs",
                            "from": "2025-01-01"}],
        }),
    ], "test")
    workflow = Workflow(ledger)
    workflow.grant("admin", "administrator", "admin")
    workflow.grant("officer", OFFICER, "admin")
    keys = {}
    for person in ("officer", "ukrainian-minister"):
        Accounts(ledger).set_password(person, PASSWORD)
        private, public = generate()
        workflow.register_key(person, public, date(2025, 1, 1), "admin")
        keys[person] = home / f"{person}.pem"
        keys[person].write_bytes(private)
    return keys


def sign_in(page: Page, site: str, person: str) -> None:
    page.goto(f"{site}/signin")
    page.get_by_label("Person (register id)").fill(person)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Desk: {person}")


def test_an_accession_from_a_delegate_to_the_public_register(
    browser: Browser, tmp_path: Path,
) -> None:
    from tests.web.conftest import serve

    database = tmp_path / "register.sqlite3"
    for site in serve(f"sqlite:///{database}", tmp_path):
        keys = staff(database, tmp_path)
        delegate = browser.new_context().new_page()
        sign_in(delegate, site, "ukrainian-minister")
        delegate.get_by_label("Instrument").select_option("cis-charter")
        delegate.get_by_label("Act", exact=True).select_option("accession")
        delegate.get_by_label("Your private key").set_input_files(str(keys["ukrainian-minister"]))
        screenshot(delegate, "desk-delegate")
        delegate.get_by_role("button", name="Sign and submit").click()
        expect(delegate.get_by_role("status")).to_contain_text("submitted")

        officer = browser.new_context().new_page()
        sign_in(officer, site, "officer")
        act = f"cis-charter/UKR/accession/{utc_today().isoformat()}"
        officer.locator(f'tr[data-act="{act}"]').get_by_role("button", name="Examine").click()
        expect(officer.get_by_role("status")).to_contain_text("Admissible")
        expect(officer.locator("ul.consequences")).to_contain_text("UKR")
        screenshot(officer, "desk-examination")
        officer.get_by_role("link", name="Back to the queue").click()
        row = officer.locator(f'tr[data-act="{act}"]')
        row.get_by_label("Your private key").set_input_files(str(keys["officer"]))
        screenshot(officer, "desk-officer")
        row.get_by_role("button", name="Register").click()
        expect(officer.get_by_role("status")).to_contain_text("registered")

        visitor = browser.new_context().new_page()
        visitor.goto(f"{site}/instruments/cis-charter")
        expect(visitor.locator('tr[data-participant="UKR"] td.status')).to_have_text("party")
        visitor.goto(f"{site}/")
        expect(visitor.locator("ol.notifications li").first).to_contain_text("UKR, accession")
        screenshot(visitor, "home-after-registration")
