"""The administrator's people page (/desk/people) over HTTP, as a browser sends its forms:
a person recorded, given a delegate's capacity and a role, and invited; each refusal names
its rule and gives the form back as typed; an invitation sets the person's password once;
no one but an administrator sees the page or writes through it; and the first
administrator recorded with the CLI alone."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta
from html import unescape
from pathlib import Path

import httpx2
import pytest
from typer.testing import CliRunner

from depositary.app.accounts import Accounts
from depositary.bootstrap import open_register
from depositary.cli import app
from depositary.domain.participants import Role
from depositary.log.entries import EntryKind
from tests.web.desks import PASSWORD, Desks, csrf_of, desk_of, signed_in
from tests.web.html import page as page_of
from tests.web.html import text

NEW_PASSWORD = "a passphrase of the delegate's own"


def people_page(admin: httpx2.Client) -> tuple[str, str]:
    page = admin.get("/desk/people")
    assert 200 == page.status_code, page.text
    return unescape(page.text), csrf_of(page.text)


def sent(browser: httpx2.Client, path: str, csrf: str, **fields: str) -> str:
    """A form sent; the people page it leads back to, which says what was done."""
    answer = browser.post(path, data={"csrf": csrf, **fields})
    assert 303 == answer.status_code, answer.text
    assert "/desk/people" == answer.headers["location"]
    return unescape(browser.get("/desk/people").text)


def refused(browser: httpx2.Client, path: str, csrf: str, **fields: str) -> str:
    answer = browser.post(path, data={"csrf": csrf, **fields})
    assert 422 == answer.status_code, answer.text
    assert answer.headers["content-type"].startswith("text/html")
    return unescape(answer.text)


def invitation_link(browser: httpx2.Client, csrf: str, person: str) -> str:
    answer = browser.post("/desk/people/invitations", data={"csrf": csrf, "person": person})
    assert 200 == answer.status_code, answer.text
    assert "no-store" == answer.headers["cache-control"]
    link = answer.text.split('id="invitation-link">')[1].split("<")[0]
    assert "/desk/invitation/" in link
    return "/desk/invitation/" + link.split("/desk/invitation/")[1]


def visible(answer: str) -> str:
    """A page's text as a reader sees it (the markup of names and titles gone)."""
    return text(page_of(answer))


def test_the_administrator_records_a_person_as_a_delegate_with_a_role(desks: Desks) -> None:
    with desk_of(desks, "admin") as (admin, _):
        page, csrf = people_page(admin)
        assert "ukrainian-delegate" in page and "plenipotentiary, Ukraine (UKR)" in page
        page = sent(admin, "/desk/people", csrf, id="kaz-mfa", name_en="Delegate of Kazakhstan",
                    name_ru="Делегат Казахстана")
        assert "kaz-mfa recorded" in page and "Delegate of Kazakhstan" in page
        page = sent(admin, "/desk/people/capacities", csrf, person="kaz-mfa",
                    participant="KAZ", role="plenipotentiary", start="2025-01-01", end="",
                    title="Permanent Representative")
        assert "kaz-mfa is plenipotentiary of KAZ from 2025-01-01" in page
        assert "plenipotentiary, Kazakhstan (KAZ), from 2025-01-01, Permanent Representative" \
            in visible(page)
        page = sent(admin, "/desk/people/roles", csrf, person="kaz-mfa", role="secretariat")
        assert "kaz-mfa is secretariat" in page
        page = sent(admin, "/desk/people/roles", csrf, person="kaz-mfa", role="secretariat",
                    revoke="yes")
        assert "kaz-mfa is no longer secretariat" in page
    register = desks.ledger.register()
    person = register.persons["kaz-mfa"]
    assert {"en": "Delegate of Kazakhstan", "ru": "Делегат Казахстана"} == person.names
    assert person.capacity_on("KAZ", date(2026, 1, 1), Role.PLENIPOTENTIARY) is not None
    assert person.capacity_on("KAZ", date(2024, 12, 31)) is None
    # Each write is an entry of the log, which still verifies as a whole.
    kinds = [e.kind for e in desks.ledger.database.entries()[-4:]]
    assert [EntryKind.PERSON, EntryKind.CAPACITY, EntryKind.ROLE,
            EntryKind.ROLE_REVOCATION] == kinds
    assert desks.ledger.verify().ok


def test_a_refused_form_names_the_rule_and_keeps_what_was_typed(desks: Desks) -> None:
    head = desks.ledger.database.head()
    with desk_of(desks, "admin") as (admin, _):
        _, csrf = people_page(admin)
        page = refused(admin, "/desk/people", csrf, id="officer", name_en="Another Officer",
                       name_ru="Другой")
        assert "a person 'officer' is already in the register" in page
        assert 'value="officer"' in page and 'value="Another Officer"' in page
        assert 'value="Другой"' in page
        page = refused(admin, "/desk/people", csrf, id="Kaz MFA", name_en="Delegate")
        assert "lower-case letters and digits" in page and 'value="Kaz MFA"' in page
        page = refused(admin, "/desk/people", csrf, id="kaz-mfa", name_en=" ")
        assert "a name in English" in page
        page = refused(admin, "/desk/people/capacities", csrf, person="ukrainian-delegate",
                       participant="UKR", role="plenipotentiary", start="2026-03-01",
                       end="2026-02-01", title="Envoy")
        assert "ends (2026-02-01) on or before it starts (2026-03-01)" in page
        assert 'value="2026-03-01"' in page and 'value="2026-02-01"' in page
        assert 'value="Envoy"' in page
        assert '<option value="UKR" selected>' in page
        page = refused(admin, "/desk/people/capacities", csrf, person="ukrainian-delegate",
                       participant="ZZZ", role="plenipotentiary", start="2026-03-01")
        assert "no participant 'ZZZ' in the register" in page
        page = refused(admin, "/desk/people/capacities", csrf, person="ukrainian-delegate",
                       participant="UKR", role="plenipotentiary", start="01/03/2026")
        assert "From: '01/03/2026' is not a date" in page and 'value="01/03/2026"' in page
        page = refused(admin, "/desk/people/capacities", csrf, person="ukrainian-delegate",
                       participant="UKR", role="plenipotentiary", start="2025-01-01")
        assert "already holds the capacity plenipotentiary of UKR from 2025-01-01" in page
        page = refused(admin, "/desk/people/capacities", csrf, person="nobody",
                       participant="UKR", role="plenipotentiary", start="2026-03-01")
        assert "no person 'nobody' in the register" in page and "/desk/people" in page
        page = refused(admin, "/desk/people/roles", csrf, person="clerk", role="chancellor")
        assert "no role 'chancellor'" in page and '<option value="clerk" selected>' in page
        page = refused(admin, "/desk/people/invitations", csrf, person="nobody")
        assert "no person 'nobody' in the register" in page
    assert head == desks.ledger.database.head()


def test_only_an_administrator_reaches_the_people_page(desks: Desks) -> None:
    head = desks.ledger.database.head()
    with desks.site.client() as anonymous:
        answer = anonymous.get("/desk/people")
        assert 303 == answer.status_code and "/signin" == answer.headers["location"]
    with desk_of(desks, "clerk") as (clerk, csrf):
        answer = clerk.get("/desk/people")
        assert 403 == answer.status_code
        assert answer.headers["content-type"].startswith("text/html")
        assert "the people page needs the role administrator; clerk does not hold it" \
            in unescape(answer.text)
        for path, fields in [
            ("/desk/people", {"id": "mole", "name_en": "A mole"}),
            ("/desk/people/capacities", {"person": "clerk", "participant": "UKR",
                                         "role": "plenipotentiary", "start": "2025-01-01"}),
            ("/desk/people/roles", {"person": "clerk", "role": "administrator"}),
            ("/desk/people/invitations", {"person": "admin"}),
        ]:
            answer = clerk.post(path, data={"csrf": csrf, **fields})
            assert 403 == answer.status_code, (path, answer.text)
    with desk_of(desks, "admin") as (admin, _):
        forged = admin.post("/desk/people", data={"csrf": "forged", "id": "mole",
                                                  "name_en": "A mole"})
        assert 403 == forged.status_code and "CSRF" in forged.text
    # The API answers the same operations to a token, with the same permission.
    clerk_api = desks.client("clerk")
    answer = clerk_api.post("/api/persons", json={"id": "mole", "names": {"en": "A mole"}})
    assert 403 == answer.status_code
    assert head == desks.ledger.database.head()
    answer = desks.client("admin").post("/api/persons",
                                        json={"id": "api-person", "names": {"en": "By API"}})
    assert 201 == answer.status_code, answer.text
    answer = desks.client("admin").post("/api/persons/api-person/capacities", json={
        "participant": "kaz", "start": "2025-01-01"})
    assert 201 == answer.status_code, answer.text
    assert {"participant": "KAZ", "role": "plenipotentiary"}.items() <= answer.json().items()


def test_an_invitation_lets_the_person_set_their_password_once(desks: Desks) -> None:
    with desk_of(desks, "admin") as (admin, _):
        _, csrf = people_page(admin)
        sent(admin, "/desk/people", csrf, id="kaz-mfa", name_en="Delegate of Kazakhstan")
        sent(admin, "/desk/people/capacities", csrf, person="kaz-mfa", participant="KAZ",
             role="plenipotentiary", start="2025-01-01")
        page, _ = people_page(admin)
        assert "no password" in page.split('data-person="kaz-mfa"')[1].split("</tr>")[0]
        link = invitation_link(admin, csrf, "kaz-mfa")
        page, _ = people_page(admin)
        assert "invited until" in page.split('data-person="kaz-mfa"')[1].split("</tr>")[0]
    with desks.site.client() as newcomer:
        form = newcomer.get(link)
        assert 200 == form.status_code and "Delegate of Kazakhstan" in form.text
        csrf = csrf_of(form.text)
        short = newcomer.post(link, data={"csrf": csrf, "password": "short",
                                          "again": "short"})
        assert 422 == short.status_code and "at least 12 characters" in short.text
        differ = newcomer.post(link, data={"csrf": csrf, "password": NEW_PASSWORD,
                                           "again": NEW_PASSWORD + "!"})
        assert 422 == differ.status_code and "the two passwords differ" in differ.text
        answer = newcomer.post(link, data={"csrf": csrf, "password": NEW_PASSWORD,
                                           "again": NEW_PASSWORD})
        assert 303 == answer.status_code and "/desk" == answer.headers["location"]
        desk = unescape(newcomer.get("/desk").text)
        assert "Desk: kaz-mfa" in visible(desk) and "Acts for: KAZ." in desk
        assert "your password is set" in desk
        again = newcomer.get(link)
        assert 410 == again.status_code and "cannot be used" in again.text
    browser, answer = signed_in(desks, NEW_PASSWORD, "kaz-mfa")
    assert 303 == answer.status_code
    browser.close()


def test_a_reset_link_replaces_a_forgotten_password(desks: Desks) -> None:
    with desk_of(desks, "admin") as (admin, csrf):
        _, csrf = people_page(admin)
        link = invitation_link(admin, csrf, "ukrainian-delegate")
    # Until the link is used, the old password still works: a reset asked by mistake
    # locks no one out.
    browser, answer = signed_in(desks, PASSWORD, "ukrainian-delegate")
    assert 303 == answer.status_code
    with desks.site.client() as delegate:
        csrf = csrf_of(delegate.get(link).text)
        answer = delegate.post(link, data={"csrf": csrf, "password": NEW_PASSWORD,
                                           "again": NEW_PASSWORD})
        assert 303 == answer.status_code
    # The new password ended the sessions of the old one.
    assert 303 == browser.get("/desk").status_code
    browser.close()
    _, answer = signed_in(desks, PASSWORD, "ukrainian-delegate")
    assert 401 == answer.status_code
    _, answer = signed_in(desks, NEW_PASSWORD, "ukrainian-delegate")
    assert 303 == answer.status_code


def test_an_expired_invitation_is_refused(desks: Desks) -> None:
    secret = "an-invitation-made-eight-days-ago"
    made = datetime.now(UTC) - timedelta(days=8)
    desks.ledger.database.accounts.add_invitation(
        hashlib.sha256(secret.encode()).hexdigest(), "clerk", "admin", made.isoformat(),
        (made + timedelta(days=7)).isoformat())
    with desks.site.client() as visitor:
        answer = visitor.get(f"/desk/invitation/{secret}")
        assert 410 == answer.status_code and "it expired" in answer.text
        assert 'name="password"' not in answer.text
        answer = visitor.post(f"/desk/invitation/{secret}", data={
            "csrf": csrf_of(visitor.get("/signin").text), "password": NEW_PASSWORD,
            "again": NEW_PASSWORD})
        assert 410 == answer.status_code
    _, answer = signed_in(desks, PASSWORD, "clerk")
    assert 303 == answer.status_code


def test_the_first_administrator_is_recorded_with_the_cli_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The same operations from the CLI, at the database, with no register file (UX H7):
    an unknown person's refusal says how to record one; then the administrator is
    recorded, granted the role and invited."""
    runner = CliRunner()
    monkeypatch.setenv("DEPOSITARY_HOME", str(tmp_path / "home"))
    assert 0 == runner.invoke(app, ["init", "--empty"]).exit_code
    unknown = runner.invoke(app, ["grant", "admin", "administrator", "--as", "admin"])
    assert 2 == unknown.exit_code
    assert "no person 'admin' in the register: record them first, with `depositary person " \
        "add admin --name-en NAME`" in unknown.output
    added = runner.invoke(app, ["person", "add", "admin", "--name-en", "Administrator",
                                "--name-ru", "Администратор"])
    assert 0 == added.exit_code, added.output
    again = runner.invoke(app, ["person", "add", "admin", "--name-en", "Administrator"])
    assert 2 == again.exit_code and "'admin' is already in the register" in again.output
    granted = runner.invoke(app, ["grant", "admin", "administrator", "--as", "admin"])
    assert 0 == granted.exit_code and "admin is administrator" in granted.output
    invited = runner.invoke(app, ["person", "invite", "admin"])
    assert 0 == invited.exit_code, invited.output
    secret = invited.stdout.strip().removeprefix("/desk/invitation/")
    ledger = open_register()
    assert "admin" == Accounts(ledger).invited(secret)
    assert {"en": "Administrator", "ru": "Администратор"} == \
        ledger.register().persons["admin"].names
