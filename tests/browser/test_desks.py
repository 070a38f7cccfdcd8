"""A delegate submits an accession in the browser, an officer registers it, and a
visitor sees the new status and the notification (issue 5)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from depositary.app.accounts import Accounts
from depositary.app.settings import Settings
from depositary.app.stored import utc_today
from depositary.app.workflow import OFFICER, Workflow
from depositary.bootstrap import open_register
from depositary.log.entries import EntryKind
from depositary.log.signatures import generate
from tests.browser.conftest import screenshot

PASSWORD = "correct horse battery staple"


def staff(database: Path, home: Path, *, delegate: bool = True) -> dict[str, Path]:
    """An administrator, an officer and Ukraine's foreign minister (who needs no full
    powers: VCLT 7(2)(a)), with passwords; the minister's key file (the officer makes its
    key in the browser). Without `delegate`, the minister is not recorded (the
    administrator's desk onboards it) and its key file is made but not registered."""
    ledger = open_register(Settings(home, f"sqlite:///{database}"))
    ledger.append([
        (EntryKind.PERSON, "admin", {"id": "admin", "names": {"en": "Administrator"}}),
        (EntryKind.PERSON, "officer", {"id": "officer", "names": {"en": "Officer"}}),
        *([(EntryKind.PERSON, "ukrainian-minister", {
            "id": "ukrainian-minister", "names": {"en": "Minister for Foreign Affairs"},
            "capacities": [{"participant": "UKR", "role": "minister-for-foreign-affairs",
                            "from": "2025-01-01"}],
        })] if delegate else []),
    ], "test")
    workflow = Workflow(ledger)
    workflow.grant("admin", "administrator", "admin")
    workflow.grant("officer", OFFICER, "admin")
    keys = {}
    for person in ("admin", "officer", *(["ukrainian-minister"] if delegate else [])):
        Accounts(ledger).set_password(person, PASSWORD)
    private, public = generate()  # the officer's is made in its browser
    if delegate:
        workflow.register_key("ukrainian-minister", public, date(2025, 1, 1), "admin")
    keys["ukrainian-minister"] = home / "ukrainian-minister.pem"
    keys["ukrainian-minister"].write_bytes(private)
    keys["ukrainian-minister.public"] = home / "ukrainian-minister.pub"
    keys["ukrainian-minister.public"].write_text(public)
    return keys


def officer_with_a_browser_key(officer: Page, site: str, home: Path, database: Path) -> None:
    """The officer signed in, with a key made in its browser (kept there, never
    readable), registered by the administrator from the public key the desk shows."""
    sign_in(officer, site, "officer")
    officer.get_by_role("button", name="Make a key in this browser").click()
    expect(officer.locator("#key-state")).to_contain_text("Give the public key")
    public = officer.get_by_label("Public key (for the administrator)").input_value()
    Workflow(open_register(Settings(home, f"sqlite:///{database}"))).register_key(
        "officer", public.strip(), date(2025, 1, 1), "admin")


def sign_in(page: Page, site: str, person: str, password: str = PASSWORD) -> None:
    page.goto(f"{site}/signin")
    page.get_by_label("Person (register id)").fill(person)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Desk: {person}")


def test_an_accession_from_a_delegate_to_the_public_register(
    browser: Browser, tmp_path: Path,
) -> None:
    """The delegate signs with a key read from its PEM file, the officer with a key made
    in its browser and registered by the administrator: both sign with WebCrypto, and no
    request the browsers send carries a private key (issue 13, F15)."""
    from tests.web.conftest import serve

    database = tmp_path / "register.sqlite3"
    for site in serve(f"sqlite:///{database}", tmp_path):
        keys = staff(database, tmp_path)
        sent: list[bytes] = []

        def watched(page: Page, sent: list[bytes] = sent) -> Page:
            page.on("request", lambda request: sent.append(request.post_data_buffer or b""))
            return page

        delegate = watched(browser.new_context().new_page())
        sign_in(delegate, site, "ukrainian-minister")
        delegate.get_by_label("Instrument").select_option("cis-charter")
        delegate.get_by_label("Act", exact=True).select_option("accession")
        screenshot(delegate, "desk-delegate")
        # The engine examines the act before it is signed; the key signs on that page.
        delegate.get_by_role("button", name="Examine before signing").click()
        expect(delegate.get_by_role("status")).to_contain_text("Admissible")
        delegate.get_by_label("Your private key").set_input_files(str(keys["ukrainian-minister"]))
        expect(delegate.locator("#key-state")).to_contain_text("Signing as ukrainian-minister")
        delegate.get_by_role("button", name="Sign and submit").click()
        expect(delegate.get_by_role("status")).to_contain_text("submitted")

        officer = watched(browser.new_context().new_page())
        officer_with_a_browser_key(officer, site, tmp_path, database)
        act = f"cis-charter/UKR/accession/{utc_today().isoformat()}"
        officer.locator(f'tr[data-act="{act}"]').get_by_role("button", name="Examine").click()
        expect(officer.get_by_role("status")).to_contain_text("Admissible")
        expect(officer.locator("ul.consequences")).to_contain_text("Ukraine: party from")
        screenshot(officer, "desk-examination")
        officer.get_by_role("link", name="Back to the queue").click()
        # The key is still there after the page changed: kept in the browser.
        expect(officer.locator("#key-state")).to_contain_text("kept in this browser")
        screenshot(officer, "desk-officer")
        officer.locator(f'tr[data-act="{act}"]').get_by_role("button", name="Register").click()
        expect(officer.get_by_role("status")).to_contain_text("registered")

        visitor = browser.new_context().new_page()
        visitor.goto(f"{site}/instruments/cis-charter")
        expect(visitor.locator('tr[data-participant="UKR"] td.status')).to_have_text("party")
        visitor.goto(f"{site}/")
        expect(visitor.locator("ul.notifications li").first).to_contain_text("Ukraine, accession")
        screenshot(visitor, "home-after-registration")

        pem = keys["ukrainian-minister"].read_bytes()
        body = pem.split(b"-----")[2].strip()
        assert sent and not any(b"PRIVATE KEY" in data or body in data for data in sent)
        ledger = open_register(Settings(tmp_path, f"sqlite:///{database}"))
        assert ledger.verify().ok
        registered = next(e for e in ledger.database.entries() if e.key == act
                          and e.kind == "act").data()
        assert ("ukrainian-minister", "officer") == (registered["signed_by"],
                                                      registered["countersigned_by"])
