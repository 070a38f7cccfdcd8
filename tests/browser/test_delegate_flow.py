"""A delegate follows an act through the depositary in the browser (issue 17, item 4): it
submits, the officer returns it with reasons from the examination page, the delegate reads
the reasons, corrects the act and submits it again the same day, the officer registers it,
and the delegate sees it registered, with its notification and a link to the public
page."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from depositary.app.settings import Settings
from depositary.app.stored import utc_today
from depositary.bootstrap import open_register
from depositary.log.entries import EntryKind
from tests.browser.conftest import screenshot
from tests.browser.test_desks import officer_with_a_browser_key, sign_in, staff

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


def test_a_returned_act_is_corrected_resubmitted_and_registered(
    browser: Browser, tmp_path: Path,
) -> None:
    from tests.web.conftest import serve

    database = tmp_path / "register.sqlite3"
    for site in serve(f"sqlite:///{database}", tmp_path):
        keys = staff(database, tmp_path)
        first = f"cis-charter/UKR/accession/{utc_today().isoformat()}"
        second = f"{first}-2"

        # The delegate keeps its key in the browser: every page that signs finds it.
        delegate = browser.new_context().new_page()
        sign_in(delegate, site, "ukrainian-minister")
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
