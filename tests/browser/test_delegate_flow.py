"""A delegate follows an act through the depositary in the browser (issue 17, item 4):
onboarded at the administrator's desk (recorded, given a capacity, its key registered,
invited; it sets its own password), it submits, the officer returns it with reasons from
the examination page, the delegate reads the reasons, corrects the act and submits it
again the same day, the officer registers it, and the delegate sees it registered, with
its notification and a link to the public page."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from depositary.app.settings import Settings
from depositary.app.stored import utc_today
from depositary.bootstrap import open_register
from depositary.log.entries import EntryKind
from tests.browser.conftest import screenshot
from tests.browser.test_desks import PASSWORD, officer_with_a_browser_key, sign_in, staff

CHARTER = "Charter of the Commonwealth of Independent States"
REASONS = "Please send the instrument signed by the President"


def sign_and_submit(delegate: Page, shot: str = "") -> None:
    """From the desk's form: the examination before signing, then the signature."""
    delegate.get_by_role("button", name="Examine before signing").click()
    expect(delegate.locator("p.undertaking")).to_have_text(
        f"You are depositing an instrument of accession to {CHARTER} on behalf of Ukraine.")
    expect(delegate.get_by_role("status")).to_contain_text("Admissible")
    expect(delegate.locator("#key-state")).to_contain_text("Signing as ukrainian-minister")
    if shot:
        screenshot(delegate, shot)
    delegate.get_by_role("button", name="Sign and submit").click()
    expect(delegate.get_by_role("status")).to_contain_text("submitted")


def onboard(admin: Page, site: str, public_key: str) -> str:
    """Ukraine's foreign minister onboarded at the administrator's desk, no file written:
    recorded, given the capacity, its public key registered, invited; the link."""
    sign_in(admin, site, "admin")
    admin.goto(f"{site}/desk/people")
    admin.get_by_label("Id (lower-case letters, digits, hyphens)").fill("ukrainian-minister")
    admin.get_by_label("Name in English").fill("Minister for Foreign Affairs")
    admin.get_by_role("button", name="Record", exact=True).click()
    form = admin.locator("form[action='/desk/people/capacities']")
    form.get_by_label("Person").select_option("ukrainian-minister")
    form.get_by_label("Participant").select_option(label="Ukraine (UKR)")
    form.get_by_label("As").select_option("minister-for-foreign-affairs")
    form.get_by_label("From").fill("2025-01-01")
    form.get_by_role("button", name="Give the capacity").click()
    row = admin.locator("tr[data-person='ukrainian-minister']")
    expect(row).to_contain_text("minister for foreign affairs, Ukraine (UKR), from 2025-01-01")
    admin.goto(f"{site}/desk")
    keys = admin.locator("form[action='/desk/keys']")
    keys.get_by_label("Person").select_option("ukrainian-minister")
    keys.get_by_label("Public key").fill(public_key)
    keys.get_by_label("Valid from").fill("2025-01-01")
    keys.get_by_role("button", name="Register").click()
    expect(admin.get_by_role("status")).to_contain_text("key registered for ukrainian-minister")
    admin.goto(f"{site}/desk/people")
    admin.locator("tr[data-person='ukrainian-minister']").get_by_role(
        "button", name="A link for ukrainian-minister").click()
    return admin.locator("#invitation-link").inner_text()


def test_a_returned_act_is_corrected_resubmitted_and_registered(
    browser: Browser, tmp_path: Path,
) -> None:
    """The delegate is onboarded from the administrator's desk (issue 17, "Done when")."""
    from tests.web.conftest import serve

    database = tmp_path / "register.sqlite3"
    for site in serve(f"sqlite:///{database}", tmp_path):
        keys = staff(database, tmp_path, delegate=False)
        first = f"cis-charter/UKR/accession/{utc_today().isoformat()}"
        second = f"{first}-2"
        link = onboard(browser.new_context().new_page(), site,
                       keys["ukrainian-minister.public"].read_text())

        # The delegate sets its password through the link, then keeps its key in the
        # browser: every page that signs finds it.
        delegate = browser.new_context().new_page()
        delegate.goto(link)
        delegate.get_by_label("Password (12 characters or more").fill(PASSWORD)
        delegate.get_by_label("Again").fill(PASSWORD)
        delegate.get_by_role("button", name="Set the password and sign in").click()
        expect(delegate.get_by_role("heading", level=1)).to_have_text("Desk: ukrainian-minister")
        delegate.get_by_label("keep it in this browser").check()
        delegate.get_by_label("Your private key").set_input_files(str(keys["ukrainian-minister"]))
        expect(delegate.locator("#key-state")).to_contain_text("Signing as ukrainian-minister")
        delegate.get_by_label("Instrument").select_option(label=CHARTER)
        delegate.get_by_label("Act", exact=True).select_option("accession")
        sign_and_submit(delegate, "desk-delegate-confirmation")
        expect(delegate.locator(f'tr[data-act="{first}"] td.state')).to_contain_text("pending")

        officer = browser.new_context().new_page()
        officer_with_a_browser_key(officer, site, tmp_path, database)
        officer.get_by_role("button", name=f"Examine {first}").click()
        expect(officer.locator("dd.signature")).to_contain_text("verified")
        expect(officer.locator("dd.capacity")).to_contain_text(
            "verified: minister for foreign affairs for UKR")
        officer.get_by_label("Reasons for returning it").fill(REASONS)
        screenshot(officer, "desk-officer-examination-actions")
        officer.get_by_role("button", name="Return to the delegate").click()
        expect(officer.get_by_role("status")).to_contain_text(f"returned {first}")

        delegate.goto(f"{site}/desk")
        returned = delegate.locator(f'tr[data-act="{first}"]')
        expect(returned.locator("td.state")).to_contain_text("returned")
        expect(returned.locator("q.reasons")).to_have_text(REASONS)
        screenshot(delegate, "desk-delegate-returned")
        returned.get_by_role("button", name="Correct and submit again").click()
        expect(delegate.get_by_label("Instrument")).to_have_value("cis-charter")
        expect(delegate.get_by_label("Act", exact=True)).to_have_value("accession")
        delegate.get_by_label("Text (reservation, declaration)").fill(
            "Signed by the President of Ukraine.")
        sign_and_submit(delegate)
        expect(delegate.get_by_role("status")).to_contain_text(f"submitted {second}")
        expect(delegate.locator(f'tr[data-act="{second}"] td.state')).to_contain_text("pending")

        officer.goto(f"{site}/desk")
        officer.get_by_role("button", name=f"Examine {second}").click()
        expect(officer.get_by_role("status")).to_contain_text("Admissible")
        expect(officer.locator("#key-state")).to_contain_text("kept in this browser")
        officer.get_by_role("button", name="Register (countersigned)").click()
        expect(officer.get_by_role("status")).to_contain_text(f"registered {second}")

        delegate.goto(f"{site}/desk")
        registered = delegate.locator(f'tr[data-act="{second}"] td.state')
        expect(registered).to_contain_text("registered")
        ledger = open_register(Settings(tmp_path, f"sqlite:///{database}"))
        notice = next(e.key for e in ledger.database.entries()
                      if e.kind == EntryKind.NOTIFICATION and e.data()["act"] == second)
        expect(registered).to_contain_text(f"notification {notice}")
        expect(delegate.locator(f'tr[data-act="{first}"] td.state')).to_contain_text("returned")
        screenshot(delegate, "desk-delegate-registered")
        registered.get_by_role("link").click()
        expect(delegate).to_have_url(
            f"{site}/instruments/cis-charter?as_of={utc_today().isoformat()}")
        expect(delegate.locator('tr[data-participant="UKR"] td.status')).to_have_text("party")
        assert ledger.verify().ok
