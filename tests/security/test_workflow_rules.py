"""The workflow's rules against the findings: F7 (a former delegate backdating an act),
F8 (act ids chosen by delegates), F16 (the same submission twice at once), F20 (one key for
two persons), F15 (private keys sent to the server)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from depositary.app.accounts import Accounts
from depositary.app.stored import utc_today
from depositary.app.workflow import Workflow
from depositary.formats.register_file import act_item, read_act_payload, signed_message
from depositary.log.entries import EntryKind
from depositary.log.signatures import generate, sign
from tests.security.test_accounts import at_once
from tests.web.desks import PASSWORD, Desks, csrf_of, refused, signed_in, submission


def former_delegate(desks: Desks) -> None:
    """Georgia's delegate from 1993 to 1995, with a key valid since 1990."""
    desks.ledger.append([(EntryKind.PERSON, "oldgeo", {
        "id": "oldgeo", "names": {"en": "A former delegate of Georgia"},
        "capacities": [{"participant": "GEO", "role": "plenipotentiary",
                        "from": "1993-01-01", "until": "1995-01-01"}]})], "test")
    private, public = generate()
    Workflow(desks.ledger).register_key("oldgeo", public, date(1990, 1, 1), "admin")
    desks.keys["oldgeo"] = private
    desks.tokens["oldgeo"] = Accounts(desks.ledger).create_token("oldgeo", "test")


def signed(desks: Desks, signer: str, act: dict[str, str]) -> dict[str, object]:
    payload = act_item(read_act_payload(act, "test", received=utc_today()))[2]
    return {"act": act, "signature": sign(desks.keys[signer], signed_message(payload))}


def test_a_former_delegate_cannot_backdate_an_act(desks: Desks) -> None:
    """F7: a capacity is needed on the act's date and on the day it is submitted."""
    former_delegate(desks)
    today = utc_today().isoformat()
    act = {"instrument": "cis-charter", "participant": "GEO", "kind": "declaration",
           "dated": "1994-06-01", "text": "x", "id": f"cis-charter/GEO/declaration/{today}"}
    with desks.client("oldgeo") as old:
        refused(old.post("/api/submissions", json=signed(desks, "oldgeo", act)), 403,
                f"oldgeo has no capacity to act for GEO today ({today})")
    assert [] == Workflow(desks.ledger).pending()


def test_act_ids_are_the_depositarys(desks: Desks) -> None:
    """F8: a delegate cannot take another state's id, nor one already in the log; the
    depositary gives the id (-2, -3 … for another act of the same kind that day)."""
    today = utc_today().isoformat()
    with desks.client("ukrainian-delegate") as delegate:
        squat = {"instrument": "cis-charter", "participant": "UKR", "kind": "declaration",
                 "dated": today, "text": "squat", "id": f"cis-charter/KAZ/reservation/{today}"}
        refused(delegate.post("/api/submissions", json=signed(desks, "ukrainian-delegate",
                                                              squat)),
                403, f"act ids are the depositary's: this act is cis-charter/UKR/declaration/"
                     f"{today}")
        registered = dict(squat, id="belovezha-agreement/UKR/signature/1991-12-08")
        refused(delegate.post("/api/submissions", json=signed(desks, "ukrainian-delegate",
                                                              registered)),
                403, "act ids are the depositary's")
        asked = delegate.post("/api/submissions/message", json={"act": {
            "instrument": "cis-charter", "participant": "UKR", "kind": "declaration",
            "dated": today, "text": "the first"}}).json()
        assert f"cis-charter/UKR/declaration/{today}" == asked["act"]["id"]
        first = {"act": asked["act"], "signature": sign(desks.keys["ukrainian-delegate"],
                                                         asked["message"])}
        assert 201 == delegate.post("/api/submissions", json=first).status_code
        again = delegate.post("/api/submissions/message", json={"act": {
            "instrument": "cis-charter", "participant": "UKR", "kind": "declaration",
            "dated": today, "text": "the second"}}).json()
        assert f"cis-charter/UKR/declaration/{today}-2" == again["act"]["id"]
        # The message is the canonical text signed: the same as the client computes.
        assert again["message"] == signed_message(again["act"])


def test_the_same_submission_twice_at_once_is_logged_once(desks: Desks) -> None:
    """F16: the check is made under the append lock; a repeat is answered, not logged."""
    for kind in ("declaration", "reservation", "signature"):
        body = submission(desks, "UKR", kind)
        clients = [desks.client("ukrainian-delegate") for _ in range(4)]
        answers = at_once(*(lambda c=c, b=body: c.post("/api/submissions", json=b)
                            for c in clients))
        assert [200, 200, 200, 201] == sorted(a.status_code for a in answers), [
            a.text for a in answers]
        assert sum(a.json().get("already_submitted", False) for a in answers) == 3
        for client in clients:
            client.close()
    ids = [e.key for e in desks.ledger.database.entries() if e.kind == EntryKind.SUBMISSION]
    assert len(ids) == len(set(ids)) == 3
    # Another act under a submitted id is refused, naming the way to the next id.
    other = submission(desks, "UKR", "declaration")
    other["act"] = dict(other["act"], text="another text")  # type: ignore[call-overload]
    payload = act_item(read_act_payload(other["act"], "t", received=utc_today()))[2]
    other["signature"] = sign(desks.keys["ukrainian-delegate"], signed_message(payload))
    with desks.client("ukrainian-delegate") as delegate:
        refused(delegate.post("/api/submissions", json=other), 422,
                "has already been submitted: ask for the next id")


def test_one_key_belongs_to_one_person(desks: Desks) -> None:
    """F20: a key registered for one person cannot be registered for another."""
    ukr = Workflow(desks.ledger).keys("ukrainian-delegate")[0].public
    with desks.client("admin") as admin:
        refused(admin.post("/api/keys", json={"person": "clerk", "public": ukr,
                                              "valid_from": "2026-01-01"}),
                422, "this key is registered for ukrainian-delegate")
        refused(admin.post("/api/keys", json={"person": "ukrainian-delegate", "public": ukr,
                                              "valid_from": "2026-01-01"}),
                422, "already registered for ukrainian-delegate")


PEM = generate()[0].decode()


@pytest.mark.parametrize(("path", "form"), [
    ("/api/submissions/x/registration", {"key_pem": PEM}),
    ("/api/submissions", {"act": {}, "signature": "x", "key": PEM}),
    ("/api/sessions", {"id": "s", "body": "b", "date": "2026-01-01", "minutes": PEM}),
    ("/api/keys", {"person": "clerk", "public": PEM.split("-----")[2].strip(),
                   "valid_from": "2026-01-01"}),
])
def test_no_endpoint_takes_a_private_key(desks: Desks, path: str,
                                         form: dict[str, object]) -> None:
    """F15: a request carrying a private key, in any field, is refused: the server never
    holds a key it could sign with."""
    with desks.client("officer") as officer:
        refused(officer.post(path, json=form), 422,
                "a private key is never sent to the depositary")


def test_no_desk_form_takes_a_private_key(desks: Desks) -> None:
    browser, _ = signed_in(desks, person="ukrainian-delegate")
    csrf = csrf_of(browser.get("/desk").text)
    today = utc_today().isoformat()
    for fields, files in (
        ({"instrument": "cis-charter", "participant": "UKR", "kind": "declaration"},
         {"key": ("key.pem", PEM.encode())}),
        ({"instrument": "cis-charter", "participant": "UKR", "kind": "declaration",
          "signature": PEM}, None),
    ):
        answer = browser.post("/desk/submit", data={"csrf": csrf, "dated": today, **fields},
                              files=files)
        assert 422 == answer.status_code
        assert "a private key is never sent" in answer.text
    page = browser.get("/desk").text
    # The key is read by the page's script: no form field is named for it.
    assert not re.search(r'<input[^>]*type="file"[^>]*name=', page)
    assert 'src="/static/signing.js"' in page
    browser.close()
    assert [] == Workflow(desks.ledger).pending()


def test_the_password_is_never_in_the_log(desks: Desks) -> None:
    log = "".join(e.payload for e in desks.ledger.database.entries())
    assert PASSWORD not in log and "$argon2" not in log


def test_an_anonymous_client_cannot_ask_for_a_message(desks: Desks) -> None:
    with desks.client() as anonymous:
        refused(anonymous.post("/api/submissions/message", json={"act": {}}), 401,
                "sign in")
