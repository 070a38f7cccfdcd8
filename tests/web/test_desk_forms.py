"""The desk's forms over HTTP, on both engines, as a browser sends them (a signed-in
session, the CSRF field): the secretariat runs a session from convening to the decision;
a delegate records its own state's position and no other's; the administrator grants and
revokes roles, registers and revokes keys, sets passwords, issues and revokes tokens."""

from __future__ import annotations

from html import unescape

from depositary.log.signatures import generate
from tests.web.desks import PASSWORD, Desks, desk_of, post, signed_in


def test_the_secretariat_runs_a_session_with_the_forms(desks: Desks) -> None:
    with desk_of(desks, "clerk") as (clerk, csrf):
        desk = clerk.get("/desk").text
        assert "Convene a session" in desk and "Appoint to a post" in desk
        assert "Administration" not in desk  # the clerk is not an administrator
        page = post(clerk, "/desk/sessions", csrf, id="chs-2026-forms",
                    body="council-of-heads-of-state", on="2026-05-08", place="Minsk")
        assert "session chs-2026-forms convened" in page
        page = post(clerk, "/desk/drafts", csrf, session="chs-2026-forms", id="d-forms",
                    title="On the forms")
        assert "draft d-forms on the agenda of chs-2026-forms" in page
        for code in ("RUS", "ARM"):
            post(clerk, "/desk/positions", csrf, draft="d-forms", participant=code,
                 position="agree")
        page = post(clerk, "/desk/decisions", csrf, draft="d-forms")
        assert "d-forms: adopted" in page
        page = post(clerk, "/desk/appointments", csrf,
                    post="chair-council-of-heads-of-government",
                    person="clerk", start="2026-05-09", end="", decision="")
        assert "clerk appointed to chair-council-of-heads-of-government" in page
    with desks.client() as visitor:
        session = visitor.get("/sessions/chs-2026-forms").text
        assert "decision-d-forms" in session and "consensus: no member objected" in session
        holders = visitor.get("/api/posts/chair-council-of-heads-of-government/holders",
                              params={"as_of": "2026-06-01"}).json()
        assert ["clerk"] == [h["person"] for h in holders["holders"]]


def test_a_form_refusal_is_a_page_naming_the_rule_and_writes_nothing(desks: Desks) -> None:
    head = desks.ledger.database.head()
    with desk_of(desks, "clerk") as (clerk, csrf):
        answer = clerk.post("/desk/sessions", data={
            "csrf": csrf, "id": "chs-bad", "body": "council-of-heads-of-state",
            "on": "2026-05-08", "present": "RUS\n"})
        assert 422 == answer.status_code
        assert answer.headers["content-type"].startswith("text/html")
        assert "attendance line 1: 'RUS' is not `CODE person [acting]`" in unescape(answer.text)
        missing = clerk.post("/desk/sessions", data={
            "csrf": "forged", "id": "chs-bad", "body": "council-of-heads-of-state",
            "on": "2026-05-08"})
        assert 403 == missing.status_code
        assert "CSRF token is missing or wrong" in missing.text
    assert head == desks.ledger.database.head()


def test_a_delegate_records_its_own_states_position_only(desks: Desks) -> None:
    with desk_of(desks, "clerk") as (clerk, csrf):
        post(clerk, "/desk/sessions", csrf, id="chs-2026-ukr",
             body="council-of-heads-of-state", on="2026-05-08")
        post(clerk, "/desk/drafts", csrf, session="chs-2026-ukr", id="d-ukr", title="A draft")
    with desk_of(desks, "ukrainian-delegate") as (delegate, csrf):
        desk = delegate.get("/desk").text
        assert "A position on a draft decision" in desk and "d-ukr: A draft" in desk
        assert "Convene a session" not in desk
        other = delegate.post("/desk/positions", data={
            "csrf": csrf, "draft": "d-ukr", "participant": "RUS", "position": "object"})
        assert 403 == other.status_code, other.text
        assert "cannot act for RUS" in other.text
        page = post(delegate, "/desk/positions", csrf, draft="d-ukr", participant="UKR",
                    position="non-interest")
        assert "UKR: non-interest on d-ukr" in page
    positions = desks.client().get("/api/sessions").json()
    recorded = {code: p["position"] for s in positions for d in s["drafts"]
                if d["motion"] == "d-ukr" for code, p in d["positions"].items()}
    assert {"UKR": "non-interest"} == recorded


def test_the_administrator_manages_roles_keys_passwords_and_tokens(desks: Desks) -> None:
    _, public = generate()
    with desk_of(desks, "admin") as (admin, csrf):
        desk = admin.get("/desk").text
        assert "Administration" in desk and 'data-role="clerk/secretariat"' in desk
        title = desk.split("<title>")[1].split("</title>")[0]
        assert title.startswith("Desk · ") and "csrf" not in title  # the forms once only
        assert 1 == desk.count('action="/desk/roles"')
        page = post(admin, "/desk/roles", csrf, person="officer", role="secretariat")
        assert "officer is secretariat" in page and 'data-role="officer/secretariat"' in page
        page = post(admin, "/desk/roles/revocation", csrf, person="officer", role="secretariat")
        assert 'data-role="officer/secretariat"' not in page
        page = post(admin, "/desk/keys", csrf, person="clerk", public=public,
                    valid_from="2026-01-01")
        assert public in page
        page = post(admin, "/desk/keys/revocation", csrf, person="clerk", public=public)
        assert "key of clerk revoked" in page
        page = post(admin, "/desk/password", csrf, person="officer",
                    password="a new password for the officer")
        assert "password set for officer" in page
        issued = admin.post("/desk/tokens", data={"csrf": csrf, "person": "officer",
                                                  "name": "scripts", "password": PASSWORD})
        assert 200 == issued.status_code and "no-store" == issued.headers["cache-control"]
        token = issued.text.split('<code class="token">')[1].split("<")[0]
        with desks.site.client(headers={"Authorization": f"Bearer {token}"}) as script:
            assert 200 == script.get("/api/submissions").status_code
            listed = admin.get("/desk").text
            assert token not in listed
            token_id = next(t["id"] for t in desks.client("admin").get("/api/accounts").json()[
                "tokens"] if t["name"] == "scripts")
            post(admin, "/desk/tokens/revocation", csrf, token=token_id)
            assert 401 == script.get("/api/submissions").status_code
    signed, answer = signed_in(desks, password="a new password for the officer",
                               person="officer")
    signed.close()
    assert 303 == answer.status_code
    signed, answer = signed_in(desks, password=PASSWORD, person="officer")
    signed.close()
    assert 401 == answer.status_code


def test_the_last_administrator_keeps_the_role(desks: Desks) -> None:
    with desks.client("admin") as admin:
        refused = admin.post("/api/roles/revocation",
                             json={"person": "admin", "role": "administrator"})
        assert 422 == refused.status_code
        assert "the last administrator" in refused.json()["detail"]
        assert 201 == admin.post("/api/roles", json={"person": "clerk",
                                                     "role": "administrator"}).status_code
        assert 200 == admin.post("/api/roles/revocation", json={
            "person": "admin", "role": "administrator"}).status_code
        assert 403 == admin.get("/api/accounts").status_code


def test_a_person_changes_their_own_password_and_no_one_elses(desks: Desks) -> None:
    with desk_of(desks, "clerk") as (clerk, csrf):
        desk = clerk.get("/desk").text
        assert "Your account" in desk
        other = clerk.post("/desk/password", data={"csrf": csrf, "person": "officer",
                                                   "password": "not the clerk's to set"})
        assert 403 == other.status_code
        guessed = clerk.post("/desk/password", data={
            "csrf": csrf, "person": "clerk", "password": "the clerk's own new one",
            "current": "a guess, not the password"})
        assert 403 == guessed.status_code and "the current password is wrong" in guessed.text
        page = post(clerk, "/desk/password", csrf, person="clerk",
                    password="the clerk's own new one", current=PASSWORD)
        assert "password set for clerk" in page  # still signed in, in a session of its own


def test_a_password_reset_signs_out_every_earlier_session(desks: Desks) -> None:
    with desk_of(desks, "officer") as (officer, _):
        assert 200 == officer.get("/desk").status_code
        with desks.client("admin") as admin:
            assert 200 == admin.post("/api/accounts/officer/password",
                                     json={"password": "reset by the administrator"}).status_code
        after = officer.get("/desk")
        assert (303, "/signin") == (after.status_code, after.headers["location"])


def test_guessing_ones_current_password_is_throttled(desks: Desks) -> None:
    with desk_of(desks, "clerk") as (clerk, csrf):
        answers = [clerk.post("/desk/password", data={
            "csrf": csrf, "person": "clerk", "password": "a new one, long enough",
            "current": f"guess number {n}"}) for n in range(6)]
    assert [403] * 6 == [a.status_code for a in answers]
    assert "the current password is wrong" in answers[4].text
    assert "too many attempts" in answers[5].text
