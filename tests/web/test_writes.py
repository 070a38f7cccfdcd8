"""The desks over HTTP, on both engines: who may write what (anonymous, wrong role, a
delegate for another state), CSRF on session writes, sign-in throttled, no secret in any
answer; and the whole path of an act from a delegate's submission to its registration."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import httpx
import pytest

from depositary.accounts import Accounts
from depositary.formats.register_file import act_item, signed_message
from depositary.ledger import Ledger, utc_today
from depositary.register.entries import EntryKind
from depositary.register.signatures import generate, sign
from depositary.settings import Settings
from depositary.workflow import OFFICER, SECRETARIAT, Workflow
from tests.web.conftest import serve

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


class Desks:
    """A served register with an administrator, a secretariat clerk, a depositary officer
    and a Ukrainian delegate, each with a password, a token and a key."""

    def __init__(self, base: str, ledger: Ledger) -> None:
        self.base, self.ledger = base, ledger
        ledger.append([(EntryKind.PERSON, p, data) for p, data in PEOPLE.items()], "test")
        workflow = Workflow(ledger)
        workflow.grant("admin", "administrator", "admin")
        workflow.grant("clerk", SECRETARIAT, "admin")
        workflow.grant("officer", OFFICER, "admin")
        accounts = Accounts(ledger)
        self.tokens, self.keys = {}, {}
        for person in PEOPLE:
            accounts.set_password(person, PASSWORD)
            self.tokens[person] = accounts.create_token(person, "test")
            private, public = generate()
            workflow.register_key(person, public, date(2025, 1, 1), "admin")
            self.keys[person] = private

    def client(self, person: str | None = None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {self.tokens[person]}"} if person else {}
        return httpx.Client(base_url=self.base, headers=headers, timeout=30)


@pytest.fixture
def desks(database_url: str, tmp_path: Path) -> Iterator[Desks]:
    for base in serve(database_url, tmp_path):
        yield Desks(base, Ledger.open(Settings(tmp_path, database_url)))


def refused(response: httpx.Response, status: int, detail: str) -> None:
    assert status == response.status_code, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert detail in response.json()["detail"]


SESSION = {"id": "chs-2026", "body": "council-of-heads-of-state", "date": "2026-05-08"}


def test_every_write_refuses_anonymous_users(desks: Desks) -> None:
    with desks.client() as anonymous:
        for path, body in [
            ("/api/sessions", SESSION), ("/api/drafts/d/positions", {}),
            ("/api/drafts/d/decision", {}), ("/api/submissions", {}),
            ("/api/posts/executive-secretary/appointments", {}),
            ("/api/submissions/x/examination", {}), ("/api/submissions/x/return", {}),
            ("/api/submissions/x/registration", {}),
        ]:
            response = anonymous.post(path, json=body)
            assert response.status_code in (401, 422), (path, response.text)
            if response.status_code == 401:
                assert "sign in" in response.json()["detail"]
        refused(anonymous.post("/api/sessions", json=SESSION), 401, "sign in (/signin)")


def test_a_write_needs_its_role(desks: Desks) -> None:
    with desks.client("officer") as officer:
        refused(officer.post("/api/sessions", json=SESSION), 403,
                "session.convene needs the role secretariat")
    with desks.client("clerk") as clerk:
        refused(clerk.get("/api/submissions"), 403, "needs the role depositary-officer")


def test_the_secretariat_runs_a_session_through_the_api(desks: Desks) -> None:
    with desks.client("clerk") as clerk:
        assert 201 == clerk.post("/api/sessions", json=SESSION).status_code
        assert 201 == clerk.post("/api/sessions/chs-2026/drafts",
                                 json={"id": "d-2026", "title": "A draft"}).status_code
        for code in ("RUS", "ARM"):
            assert 201 == clerk.post("/api/drafts/d-2026/positions",
                                     json={"participant": code, "position": "agree"}).status_code
        refused(clerk.post("/api/drafts/d-2026/positions",
                           json={"participant": "RUS", "position": "object"}),
                422, "RUS has already recorded its position on d-2026")
        decided = clerk.post("/api/drafts/d-2026/decision").json()
        assert (True, ["ARM", "RUS"]) == (decided["adopted"], decided["bound"])
        page = clerk.get("/sessions/chs-2026").text
        assert "adopted" in page and "decision-d-2026" in page
        assert "consensus: no member objected" in page
        body = clerk.get("/bodies/council-of-heads-of-state?as_of=2026-05-08").text
        assert 'href="/sessions/chs-2026"' in body


def submission(desks: Desks, participant: str, kind: str = "declaration") -> dict[str, object]:
    today = utc_today()
    act = {"instrument": "cis-charter", "participant": participant, "kind": kind,
           "dated": today.isoformat(), "received": today.isoformat(),
           "text": "A declaration for the test (illustrative)."}
    from depositary.formats.register_file import read_act_payload

    payload = act_item(read_act_payload(act, "test"))[2]
    return {"act": act, "signature": sign(desks.keys["ukrainian-delegate"],
                                          signed_message(payload))}


def test_a_delegate_cannot_act_for_another_state(desks: Desks) -> None:
    with desks.client("ukrainian-delegate") as delegate:
        refused(delegate.post("/api/submissions", json=submission(desks, "KAZ")), 403,
                "ukrainian-delegate has no capacity to act for KAZ")


def test_a_declaration_from_submission_to_registration(desks: Desks) -> None:
    with desks.client("ukrainian-delegate") as delegate:
        sent = delegate.post("/api/submissions", json=submission(desks, "UKR"))
        assert 201 == sent.status_code, sent.text
    act = sent.json()["act"]
    with desks.client("officer") as officer:
        assert [act] == [p["act"]["id"] for p in officer.get("/api/submissions").json()]
        examined = officer.post(f"/api/submissions/{act}/examination").json()
        assert examined["admissible"], examined
        pem = desks.keys["officer"].decode()
        done = officer.post(f"/api/submissions/{act}/registration", json={"key_pem": pem})
        assert 201 == done.status_code, done.text
        latest = officer.get("/api/notifications", params={"per_page": "1"}).json()
    assert "UKR" == latest["items"][0]["participant"]
    assert desks.ledger.verify().ok


def signed_in(desks: Desks, password: str = PASSWORD) -> tuple[httpx.Client, httpx.Response]:
    browser = httpx.Client(base_url=desks.base, timeout=30)
    form = browser.get("/signin").text
    csrf = form.split('name="csrf" value="')[1].split('"')[0]
    answer = browser.post("/signin", data={"person": "clerk", "password": password,
                                           "csrf": csrf})
    return browser, answer


def test_a_session_write_needs_the_csrf_token(desks: Desks) -> None:
    browser, answer = signed_in(desks)
    try:
        assert 303 == answer.status_code
        assert "/desk" == answer.headers["location"]
        refused(browser.post("/api/sessions", json=SESSION), 403, "CSRF token is missing")
        desk = browser.get("/desk").text
        token = desk.split('name="csrf" value="')[1].split('"')[0]
        sent = browser.post("/api/sessions", json=SESSION, headers={"X-CSRF-Token": token})
        assert 201 == sent.status_code, sent.text
    finally:
        browser.close()


def test_sign_in_is_throttled(desks: Desks) -> None:
    statuses = []
    for _ in range(6):
        browser, answer = signed_in(desks, "wrong password, long enough")
        browser.close()
        statuses.append(answer.status_code)
    assert [401] * 5 + [429] == statuses


def test_no_answer_leaks_a_secret(desks: Desks) -> None:
    with desks.client("admin") as admin:
        texts = [admin.get(path).text for path in (
            "/", "/api/instruments", "/api/notifications", "/api/sessions", "/desk",
            "/participants/UKR", "/openapi.json",
        )]
    for text in texts:
        assert "$argon2" not in text
        assert not any(token in text for token in desks.tokens.values())
