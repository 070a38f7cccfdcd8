"""The desks over HTTP, on both engines: who may write what (anonymous, wrong role, a
delegate for another state), CSRF on session writes, sign-in throttled, no secret in any
answer; and the whole path of an act from a delegate's submission to its registration."""

from __future__ import annotations

import re
from pathlib import Path

from depositary.app.workflow import Workflow
from depositary.bootstrap import open_register
from tests.web.desks import PASSWORD, Desks, countersign, refused, signed_in, submission

SESSION = {"id": "chs-2026", "body": "council-of-heads-of-state", "date": "2026-05-08"}


def test_every_write_refuses_anonymous_users(desks: Desks) -> None:
    """Every POST of the OpenAPI document, anonymous, is refused before its body is read."""
    with desks.client() as anonymous:
        paths = anonymous.get("/openapi.json").json()["paths"]
        writes = [p for p, operations in paths.items() if "post" in operations]
        assert len(writes) >= 17
        for path in writes:
            concrete = re.sub(r"\{[^}]+\}", "x", path)
            response = anonymous.post(concrete, json={})
            refused(response, 401, "sign in (/signin)")
        # A form of the desk, too.
        assert 401 == anonymous.post("/desk/roles", data={
            "csrf": "forged", "person": "clerk", "role": "administrator"}).status_code


def test_a_write_needs_its_role(desks: Desks) -> None:
    with desks.client("officer") as officer:
        refused(officer.post("/api/sessions", json=SESSION), 403,
                "session.convene needs the role secretariat")
    with desks.client("clerk") as clerk:
        refused(clerk.get("/api/submissions"), 403, "needs the role depositary-officer")
        refused(clerk.post("/api/roles", json={"person": "clerk", "role": "administrator"}),
                403, "role.grant needs the role administrator")
        refused(clerk.get("/api/accounts"), 403, "accounts.list needs the role administrator")
        refused(clerk.post("/api/accounts/officer/password", json={"password": "x" * 12}),
                403, "account.password needs the role administrator")
        refused(clerk.post("/api/tokens", json={"person": "officer", "password": PASSWORD}),
                403, "token.issue needs the role administrator")


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
        # A draft not adopted becomes no instrument, and the answer says so.
        assert 201 == clerk.post("/api/sessions/chs-2026/drafts",
                                 json={"id": "d-2026-b", "title": "Another"}).status_code
        assert 201 == clerk.post("/api/drafts/d-2026-b/positions",
                                 json={"participant": "RUS", "position": "object"}).status_code
        rejected = clerk.post("/api/drafts/d-2026-b/decision").json()
        assert (False, None) == (rejected["adopted"], rejected["instrument"])
        page = clerk.get("/sessions/chs-2026").text
        assert "adopted" in page and "decision-d-2026" in page
        assert "consensus: no member objected" in page
        body = clerk.get("/bodies/council-of-heads-of-state?as_of=2026-05-08").text
        assert 'href="/sessions/chs-2026"' in body


def test_a_delegate_cannot_act_for_another_state(desks: Desks) -> None:
    with desks.client("ukrainian-delegate") as delegate:
        refused(delegate.post("/api/submissions", json=submission(desks, "KAZ")), 403,
                "ukrainian-delegate has no capacity to act for KAZ")


def test_an_inadmissible_act_does_not_enter_the_queue(desks: Desks) -> None:
    """Ukraine never became a party to the Charter: its notice of withdrawal is refused
    at the API as at the desk, with the engine's rule, and nothing is written."""
    head = desks.ledger.database.head()
    with desks.client("ukrainian-delegate") as delegate:
        refused(delegate.post("/api/submissions", json=submission(desks, "UKR", "withdrawal")),
                422, "the act is not admissible, and does not enter the officer's queue")
    assert head == desks.ledger.database.head()
    assert [] == Workflow(desks.ledger).pending()


def test_a_declaration_from_submission_to_registration(desks: Desks) -> None:
    with desks.client("ukrainian-delegate") as delegate:
        sent = delegate.post("/api/submissions", json=submission(desks, "UKR"))
        assert 201 == sent.status_code, sent.text
    act = sent.json()["act"]
    with desks.client("officer") as officer:
        assert [act] == [p["act"]["id"] for p in officer.get("/api/submissions").json()]
        examined = officer.post(f"/api/submissions/{act}/examination").json()
        assert examined["admissible"], examined
        # No private key is taken: the countersignature is made where the key is.
        pem = desks.keys["officer"].decode()
        refused(officer.post(f"/api/submissions/{act}/registration", json={"key_pem": pem}),
                422, "a private key is never sent to the depositary")
        done = officer.post(f"/api/submissions/{act}/registration",
                            json=countersign(desks, officer, act))
        assert 201 == done.status_code, done.text
        latest = officer.get("/api/notifications", params={"per_page": "1"}).json()
    assert "UKR" == latest["items"][0]["participant"]
    assert desks.ledger.verify().ok


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
            "/participants/UKR", "/openapi.json", "/api/accounts",
        )]
    for text in texts:
        assert "$argon2" not in text
        assert not any(token in text for token in desks.tokens.values())


def test_the_administrators_api(desks: Desks) -> None:
    from depositary.log.signatures import generate

    _, public = generate()
    with desks.client("admin") as admin:
        listed = admin.get("/api/accounts").json()
        assert {"person": "clerk", "role": "secretariat"} in listed["roles"]
        assert {"admin", "clerk", "officer", "ukrainian-delegate"} == {
            p["person"] for p in listed["passwords"]}
        assert all(len(t["id"]) == 12 for t in listed["tokens"])
        assert 201 == admin.post("/api/keys", json={
            "person": "clerk", "public": public, "valid_from": "2026-01-01"}).status_code
        refused(admin.post("/api/keys", json={
            "person": "clerk", "public": "not a key", "valid_from": "2026-01-01"}),
            422, "is not an Ed25519 public key")
        assert 200 == admin.post("/api/keys/revocation", json={
            "person": "clerk", "public": public, "day": "2026-02-01"}).status_code
        keys = admin.get("/api/accounts").json()["keys"]
        assert "2026-02-01" == next(k["revoked_on"] for k in keys if k["public"] == public)
        reset = admin.post("/api/accounts/officer/password",
                           json={"password": "the officer's new one"})
        # The officer's sessions and tokens end with the old password.
        assert (200, 1) == (reset.status_code, reset.json()["tokens_revoked"])
        issued = admin.post("/api/tokens", json={"person": "officer", "name": "ci",
                                                 "password": PASSWORD}).json()
    with desks.client() as script:
        script.headers["Authorization"] = f"Bearer {issued['token']}"
        assert 200 == script.get("/api/submissions").status_code
        listed = desks.client("admin").get("/api/accounts").json()["tokens"]
        ours = next(t["id"] for t in listed if t["name"] == "ci")
        # The officer revokes its own token with it.
        assert 200 == script.post(f"/api/tokens/{ours}/revocation").status_code
        refused(script.get("/api/submissions"), 401, "the API token is not valid")
    with desks.client("clerk") as clerk:
        refused(clerk.post("/api/tokens/000000000000/revocation"), 403,
                "token.revoke needs the role administrator")


def test_a_consultation_through_the_api(desks: Desks) -> None:
    with desks.client("clerk") as clerk:
        assert 201 == clerk.post("/api/sessions", json={
            "id": "jc-1992", "body": "joint-armed-forces-command",
            "date": "1992-03-02"}).status_code
        assert 201 == clerk.post("/api/sessions/jc-1992/drafts", json={
            "id": "forces", "title": "On the strategic forces",
            "question": "strategic-forces"}).status_code
        sent = clerk.post("/api/drafts/forces/consultations",
                          json={"participant": "arm", "date": "1992-03-01"})
        assert 201 == sent.status_code, sent.text
        refused(clerk.post("/api/drafts/forces/consultations",
                           json={"participant": "ARM", "date": "1992-03-01"}),
                422, "ARM was already notified of forces")
        refused(clerk.post("/api/drafts/forces/consultations",
                           json={"participant": "GEO", "date": "1992-03-01"}),
                422, "GEO is not consulted on forces")


def test_the_first_administrator_is_never_granted_over_the_web(
    bundled_url: str, tmp_path: Path,
) -> None:
    """Only whoever runs the CLI on the server may make the first administrator."""
    from depositary.app.accounts import Accounts
    from depositary.app.settings import Settings
    from depositary.log.entries import EntryKind
    from tests.web.conftest import in_process

    for site in in_process(bundled_url, tmp_path):
        ledger = open_register(Settings(tmp_path, bundled_url))
        ledger.append([(EntryKind.PERSON, "someone", {"id": "someone",
                                                       "names": {"en": "Someone"}})], "test")
        token = Accounts(ledger).create_token("someone", "test")
        with site.client(headers={"Authorization": f"Bearer {token}"}) as web:
            refused(web.post("/api/roles", json={"person": "someone", "role": "administrator"}),
                    403, "role.grant needs the role administrator")
