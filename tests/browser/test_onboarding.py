"""Onboarding without a register file (issue 17, UX H7): the first administrator recorded
at the database, as the CLI does it; then, in the browser, the administrator records a
person, gives them a delegate's capacity for Kazakhstan and invites them; the invited
person opens the link, sets a password, is signed in and sees their desk as a delegate of
Kazakhstan, and signs in again later with that password."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, expect

from depositary.app.operations import OPERATIONS, Caller
from depositary.app.settings import Settings
from depositary.bootstrap import open_register
from tests.browser.conftest import screenshot
from tests.browser.test_desks import sign_in
from tests.conftest import Templates
from tests.web.conftest import serve

ADMIN_PASSWORD = "the administrator's passphrase"
DELEGATE_PASSWORD = "a passphrase the delegate chose"
AT_THE_DATABASE = Caller("(at the database)", local=True)


def test_an_administrator_onboards_a_delegate_who_sets_their_own_password(
    browser: Browser, tmp_path: Path, templates: Templates,
) -> None:
    url = templates.copy("sqlite", tmp_path)
    ledger = open_register(Settings(tmp_path, url))
    # What `depositary person add`, `grant` and `password` do at the server.
    OPERATIONS["person.add"].run(ledger, AT_THE_DATABASE,
                                 {"id": "admin", "names": {"en": "Administrator"}})
    OPERATIONS["role.grant"].run(ledger, AT_THE_DATABASE,
                                 {"person": "admin", "role": "administrator"})
    OPERATIONS["account.password"].run(ledger, AT_THE_DATABASE,
                                       {"password": ADMIN_PASSWORD}, "admin")
    for site in serve(url, tmp_path):
        admin = browser.new_context().new_page()
        sign_in(admin, site, "admin", ADMIN_PASSWORD)
        admin.goto(f"{site}/desk/people")
        admin.get_by_label("Id (lower-case letters, digits, hyphens)").fill("kaz-mfa")
        admin.get_by_label("Name in English").fill("Delegate of Kazakhstan")
        admin.get_by_label("Name in Russian").fill("Делегат Казахстана")
        admin.get_by_role("button", name="Record", exact=True).click()
        expect(admin.get_by_role("status")).to_have_text("kaz-mfa recorded")

        form = admin.locator("form[action='/desk/people/capacities']")
        form.get_by_label("Person").select_option("kaz-mfa")
        form.get_by_label("Participant").select_option(label="Kazakhstan (KAZ)")
        expect(form.get_by_label("As")).to_have_value("plenipotentiary")
        form.get_by_label("From").fill("2025-01-01")
        form.get_by_role("button", name="Give the capacity").click()
        row = admin.locator("tr[data-person='kaz-mfa']")
        expect(row).to_contain_text("plenipotentiary, Kazakhstan (KAZ), from 2025-01-01")
        expect(row).to_contain_text("no password")

        row.get_by_role("button", name="A link for kaz-mfa").click()
        link = admin.locator("#invitation-link").inner_text()
        assert link.startswith(f"{site}/desk/invitation/"), link
        screenshot(admin, "desk-people-invitation")
        admin.goto(f"{site}/desk/people")
        expect(admin.locator("tr[data-person='kaz-mfa']")).to_contain_text("invited until")
        screenshot(admin, "desk-people")

        delegate = browser.new_context().new_page()
        delegate.goto(link)
        expect(delegate.get_by_role("heading", level=1)).to_have_text("Set your password")
        expect(delegate.locator("main")).to_contain_text("Delegate of Kazakhstan")
        delegate.get_by_label("Password (12 characters or more").fill(DELEGATE_PASSWORD)
        delegate.get_by_label("Again").fill(DELEGATE_PASSWORD)
        delegate.get_by_role("button", name="Set the password and sign in").click()
        expect(delegate.get_by_role("heading", level=1)).to_have_text("Desk: kaz-mfa")
        expect(delegate.locator("main")).to_contain_text("Acts for: KAZ.")
        expect(delegate.get_by_role("status")).to_contain_text("your password is set")

        # The link is used up; the password the delegate chose is theirs from now on.
        delegate.goto(link)
        expect(delegate.get_by_role("alert")).to_contain_text("cannot be used")
        later = browser.new_context().new_page()
        sign_in(later, site, "kaz-mfa", DELEGATE_PASSWORD)
        expect(later.locator("main")).to_contain_text("Acts for: KAZ.")
        admin.goto(f"{site}/desk/people")
        expect(admin.locator("tr[data-person='kaz-mfa']")).to_contain_text("password since")
    assert ledger.verify().ok
