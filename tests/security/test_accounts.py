"""Accounts and sessions under attack, with real parallel clients: F1 (two administrators
revoking each other at once), F3 (a session after sign-out), F4 (a token minted from a
stolen session, outliving a password change), F5 (the sign-in throttle against parallel
guesses and forged X-Forwarded-For)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx2
from sqlalchemy import update

from depositary.app.accounts import Accounts
from depositary.app.settings import Settings
from depositary.app.stored import StoredRegister
from depositary.app.workflow import ADMINISTRATOR, Workflow
from depositary.bootstrap import open_register
from depositary.log.entries import EntryKind
from depositary.store.schema import web_sessions
from depositary.web.auth import Throttle
from tests.web.conftest import free_port
from tests.web.desks import PASSWORD, Desks, csrf_of, signed_in


def at_once(*calls: Callable[[], httpx2.Response]) -> list[httpx2.Response]:
    """Run the calls in threads released together; their answers, in order."""
    barrier = threading.Barrier(len(calls))
    answers: list[httpx2.Response | None] = [None] * len(calls)

    def run(n: int) -> None:
        barrier.wait()
        answers[n] = calls[n]()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert all(a is not None for a in answers)
    return [a for a in answers if a is not None]


def test_two_administrators_revoking_each_other_leave_one(desks: Desks) -> None:
    """F1: the last administrator is counted under the append lock; in every round one
    revocation is refused, and an administrator is left to grant the role again."""
    admin, clerk = desks.client("admin"), desks.client("clerk")
    holders = {"admin": admin, "clerk": clerk}
    for _ in range(8):
        admins = [p for p, r in Workflow(desks.ledger).grants() if r == ADMINISTRATOR]
        granter = holders[admins[0]]
        for other in set(holders) - set(admins):
            assert 201 == granter.post("/api/roles", json={
                "person": other, "role": ADMINISTRATOR}).status_code
        answers = at_once(
            lambda: admin.post("/api/roles/revocation",
                               json={"person": "clerk", "role": ADMINISTRATOR}),
            lambda: clerk.post("/api/roles/revocation",
                               json={"person": "admin", "role": ADMINISTRATOR}),
        )
        assert sorted(a.status_code for a in answers) in ([200, 403], [200, 422])
        left = [p for p, r in Workflow(desks.ledger).grants() if r == ADMINISTRATOR]
        assert 1 == len(left)
    assert desks.ledger.verify().ok


def test_a_register_left_without_an_administrator_is_given_one_from_the_cli(
    bundled_url: str, tmp_path: Path,
) -> None:
    """A register that lost its last administrator before F1 was fixed: whoever runs the
    CLI on the server names one again (as for the first)."""
    ledger = open_register(Settings(tmp_path, bundled_url))
    ledger.append([(EntryKind.PERSON, "admin", {"id": "admin", "names": {"en": "A"}})], "t")
    workflow = Workflow(ledger)
    workflow.grant("admin", ADMINISTRATOR, "admin")
    ledger.append([(EntryKind.ROLE_REVOCATION, "admin",
                    {"person": "admin", "role": ADMINISTRATOR})], "an old version")
    assert [] == workflow.grants()
    workflow.grant("admin", ADMINISTRATOR, "admin")  # bootstrap, as `depositary grant`
    assert [("admin", ADMINISTRATOR)] == workflow.grants()


def test_signing_out_ends_the_session_on_the_server(desks: Desks) -> None:
    """F3: a copy of the cookie taken before sign-out is worth nothing after it."""
    browser, answer = signed_in(desks, person="ukrainian-delegate")
    assert 303 == answer.status_code
    stolen = desks.site.client(cookies=dict(browser.cookies))
    csrf = csrf_of(browser.get("/desk").text)
    assert 200 == stolen.get("/desk").status_code
    assert 303 == browser.post("/signout", data={"csrf": csrf}).status_code
    after = stolen.get("/desk")
    assert (303, "/signin") == (after.status_code, after.headers["location"])
    minted = stolen.post("/api/tokens", headers={"X-CSRF-Token": csrf},
                         json={"person": "ukrainian-delegate", "password": PASSWORD})
    assert 401 == minted.status_code
    browser.close()
    stolen.close()


def test_an_idle_session_ends(desks: Desks) -> None:
    browser, _ = signed_in(desks, person="clerk")
    assert 200 == browser.get("/desk").status_code
    idle = (datetime.now(UTC) - timedelta(hours=3)).isoformat()
    with desks.ledger.database.engine.begin() as connection:
        connection.execute(update(web_sessions).values(seen_at=idle))
    assert 303 == browser.get("/desk").status_code
    browser.close()


def test_a_stolen_session_cannot_mint_a_lasting_token(desks: Desks) -> None:
    """F4: a token needs the password again, and a password change revokes the tokens."""
    browser, _ = signed_in(desks, person="ukrainian-delegate")
    csrf = {"X-CSRF-Token": csrf_of(browser.get("/desk").text)}
    without = browser.post("/api/tokens", headers=csrf, json={"person": "ukrainian-delegate"})
    assert (422, "body.password") == (without.status_code,
                                      without.json()["errors"][0]["field"])
    guessed = browser.post("/api/tokens", headers=csrf,
                           json={"person": "ukrainian-delegate", "password": "a guess"})
    assert 403 == guessed.status_code
    assert "the current password is wrong" in guessed.json()["detail"]
    token = browser.post("/api/tokens", headers=csrf, json={
        "person": "ukrainian-delegate", "password": PASSWORD}).json()["token"]
    with desks.site.client(headers={"Authorization": f"Bearer {token}"}) as api:
        assert 200 == api.get("/desk").status_code
        changed = browser.post("/api/accounts/ukrainian-delegate/password", headers=csrf,
                               json={"password": "a new one, long enough", "current": PASSWORD})
        assert (200, 2) == (changed.status_code, changed.json()["tokens_revoked"])
        assert 401 == api.get("/desk").status_code
    browser.close()


def test_parallel_guesses_are_counted_before_they_are_checked(served_desks: Desks) -> None:
    """F5: 30 guesses sent at once from one client: 5 are checked, 25 refused at once."""
    clients = [served_desks.site.client(timeout=120) for _ in range(30)]
    forms = [csrf_of(c.get("/signin").text) for c in clients]
    answers = at_once(*(
        (lambda c=c, f=f: c.post("/signin", data={"person": "admin", "password": f"guess {f}",
                                                  "csrf": f}))
        for c, f in zip(clients, forms, strict=True)))
    codes = sorted(a.status_code for a in answers)
    assert [401] * 5 + [429] * 25 == codes
    assert all(a.headers.get("retry-after") for a in answers if a.status_code == 429)
    for client in clients:
        client.close()


def test_guesses_against_one_person_are_limited_from_many_clients() -> None:
    throttle = Throttle(per_client=5, per_person=20)
    allowed = sum(throttle.attempt(f"10.0.0.{n}", "admin") for n in range(100))
    assert 20 == allowed
    throttle.succeeded("10.0.0.1", "admin")
    assert throttle.attempt("10.0.0.1", "admin")


def test_the_throttle_holds_bounded_memory() -> None:
    throttle = Throttle(keys=100)
    for n in range(5000):
        throttle.attempt(f"client {n}", f"person {n}")
    assert len(throttle.attempts) <= 100


def test_serve_believes_no_forwarded_for_header(tmp_path: Path) -> None:
    """F5: `depositary serve` takes the client from the connection: a new X-Forwarded-For
    on each try does not make one client many."""
    port = free_port()
    env = {**os.environ, "DEPOSITARY_HOME": str(tmp_path)}
    env.pop("DEPOSITARY_DATABASE_URL", None)
    Accounts(_with_admin(tmp_path)).set_password("admin", PASSWORD)
    server = subprocess.Popen(
        [sys.executable, "-m", "depositary.cli", "serve", "--port", str(port)], env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx2.get(f"{base}/signin", timeout=2)
                break
            except httpx2.HTTPError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        codes = []
        for n in range(8):
            headers = {"X-Forwarded-For": f"10.0.{n}.1"}
            with httpx2.Client(base_url=base, headers=headers) as client:
                csrf = csrf_of(client.get("/signin").text)
                codes.append(client.post("/signin", data={
                    "person": "admin", "password": "wrong-wrong-wrong", "csrf": csrf}
                ).status_code)
        assert [401] * 5 + [429] * 3 == codes
    finally:
        server.terminate()
        server.wait(10)


def _with_admin(home: Path) -> StoredRegister:
    ledger = open_register(Settings(home, f"sqlite:///{home / 'register.sqlite3'}"))
    ledger.append([(EntryKind.PERSON, "admin", {"id": "admin", "names": {"en": "A"}})], "t")
    return ledger
