"""The application on a register with people at its desks, for the tests of the write side."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any, Protocol

import httpx2

from depositary.app.accounts import Accounts
from depositary.app.stored import StoredRegister, utc_today
from depositary.app.workflow import OFFICER, SECRETARIAT, Workflow
from depositary.formats.register_file import act_item, read_act_payload, signed_message
from depositary.log.entries import EntryKind
from depositary.log.signatures import generate, sign

PASSWORD = "correct horse battery staple"
PEOPLE = {
    "admin": {"id": "admin", "names": {"en": "Administrator"}},
    "clerk": {"id": "clerk", "names": {"en": "Secretariat clerk"}},
    "officer": {"id": "officer", "names": {"en": "Depositary officer"}},
    "ukrainian-delegate": {
        "id": "ukrainian-delegate", "names": {"en": "Delegate of Ukraine"},
        "capacities": [{"participant": "UKR", "role": "plenipotentiary", "from": "2025-01-01"}],
    },
}


def hire(ledger: StoredRegister) -> dict[str, dict[str, str]]:
    """An administrator, a secretariat clerk, a depositary officer and a Ukrainian delegate
    in `ledger`, each with a password, a token and a key; their tokens and private keys."""
    ledger.append([(EntryKind.PERSON, p, data) for p, data in PEOPLE.items()], "test")
    workflow = Workflow(ledger)
    workflow.grant("admin", "administrator", "admin")
    workflow.grant("clerk", SECRETARIAT, "admin")
    workflow.grant("officer", OFFICER, "admin")
    accounts = Accounts(ledger)
    tokens, keys = {}, {}
    for person in PEOPLE:
        accounts.set_password(person, PASSWORD)
        tokens[person] = accounts.create_token(person, "test")
        private, public = generate()
        workflow.register_key(person, public, date(2025, 1, 1), "admin")
        keys[person] = private.decode()
    return {"tokens": tokens, "keys": keys}


class Site(Protocol):
    """Where the application is reached: in process or on a real server (conftest)."""

    def client(self, **options: Any) -> httpx2.Client: ...


class Desks:
    """The application on a register with an administrator, a secretariat clerk, a
    depositary officer and a Ukrainian delegate, each with a password, a token and a key
    (`hire`)."""

    def __init__(self, site: Site, ledger: StoredRegister,
                 staff: dict[str, dict[str, str]] | None = None) -> None:
        self.site, self.ledger = site, ledger
        staff = staff or hire(ledger)
        self.tokens = staff["tokens"]
        self.keys = {person: key.encode() for person, key in staff["keys"].items()}

    def client(self, person: str | None = None) -> httpx2.Client:
        headers = {"Authorization": f"Bearer {self.tokens[person]}"} if person else {}
        return self.site.client(headers=headers)


def refused(response: httpx2.Response, status: int, detail: str) -> None:
    assert status == response.status_code, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert detail in response.json()["detail"]


def signed_in(desks: Desks, password: str = PASSWORD, person: str = "clerk",
              ) -> tuple[httpx2.Client, httpx2.Response]:
    browser = desks.site.client()
    form = browser.get("/signin").text
    csrf = form.split('name="csrf" value="')[1].split('"')[0]
    answer = browser.post("/signin", data={"person": person, "password": password,
                                           "csrf": csrf})
    return browser, answer


def csrf_of(page: str) -> str:
    """The CSRF token a page's forms carry."""
    return page.split('name="csrf" value="')[1].split('"')[0]


@contextmanager
def desk_of(desks: Desks, person: str) -> Iterator[tuple[httpx2.Client, str]]:
    """A browser signed in as `person`, with the CSRF token of its desk."""
    browser, answer = signed_in(desks, person=person)
    assert 303 == answer.status_code, answer.text
    try:
        yield browser, csrf_of(browser.get("/desk").text)
    finally:
        browser.close()


def post(browser: httpx2.Client, path: str, csrf: str, **fields: str) -> str:
    """A form sent; the desk it leads back to, which says what was done."""
    answer = browser.post(path, data={"csrf": csrf, **fields})
    assert 303 == answer.status_code, answer.text
    return browser.get(answer.headers["location"]).text


def submission(desks: Desks, participant: str, kind: str = "declaration",
               signer: str = "ukrainian-delegate") -> dict[str, object]:
    """A POST /api/submissions body: the act, with the id the depositary gives a first act
    of its kind today, signed on the client with the delegate's key."""
    today = utc_today()
    act = {"instrument": "cis-charter", "participant": participant, "kind": kind,
           "dated": today.isoformat(), "received": today.isoformat(),
           "text": "A declaration for the test (illustrative).",
           "id": f"cis-charter/{participant}/{kind}/{today.isoformat()}"}
    payload = act_item(read_act_payload(act, "test"))[2]
    return {"act": act, "signature": sign(desks.keys[signer], signed_message(payload))}


def countersign(desks: Desks, officer: httpx2.Client, act: str) -> dict[str, str]:
    """A POST .../registration body: the officer's countersignature, made on the client
    over the text the depositary gives (GET /api/submissions/{act})."""
    message = officer.get(f"/api/submissions/{act}").json()["message"]
    return {"countersignature": sign(desks.keys["officer"], message)}
