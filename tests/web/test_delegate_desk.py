"""The delegate's desk and the officer's examination, as a browser's forms send them
(issue 17, item 4): the act is examined by the engine and confirmed before it is signed,
an inadmissible one is refused before anything is written, a refused form keeps what was
typed, the delegate follows each submission (pending, returned with the reasons,
registered with its notification and the public page), a returned act is corrected and
submitted again the same day, and the officer examines, registers and returns on one page
that says who signed and whether the signature and the capacity hold."""

from __future__ import annotations

import json
import re
from html import unescape

import httpx2

from depositary.app.stored import utc_today
from depositary.log.entries import EntryKind
from depositary.log.signatures import sign
from tests.web.desks import Desks, desk_of, post

DELEGATE = "ukrainian-delegate"
CHARTER = "Charter of the Commonwealth of Independent States"


def hidden(page: str, name: str) -> str:
    """The value of a form's field on a page (the first one of that name)."""
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert found is not None, f"no field {name} on the page"
    return unescape(found.group(1))


def row(page: str, act: str) -> str:
    """The table row of an act on the desk."""
    found = re.search(rf'<tr data-act="{re.escape(act)}".*?</tr>', page, re.S)
    assert found is not None, f"no row for {act}"
    return found.group(0)


def confirm(browser: httpx2.Client, csrf: str, **act: str) -> httpx2.Response:
    """The act sent from the desk's form to be examined before it is signed."""
    return browser.post("/desk/precheck", data={"csrf": csrf, **act})


def sign_and_submit(desks: Desks, browser: httpx2.Client, confirmation: str) -> str:
    """What the confirmation's script does: sign the text the page shows with the
    delegate's key, send the form; the desk it leads back to."""
    shown = confirmation.split('<pre class="message" translate="no">')[1]
    message = unescape(shown.split("</pre>")[0])
    fields = {name: hidden(confirmation, name) for name in
              ("csrf", "participant", "instrument", "kind", "text", "id", "dated")}
    return post(browser, "/desk/submit", fields.pop("csrf"), **fields,
                signature=sign(desks.keys[DELEGATE], message))


def submitted(desks: Desks, **act: str) -> str:
    """An act the delegate examined, confirmed, signed and submitted at the desk; its id."""
    with desk_of(desks, DELEGATE) as (delegate, csrf):
        confirmation = confirm(delegate, csrf, **act)
        assert 200 == confirmation.status_code, confirmation.text
        act_id = hidden(confirmation.text, "id")
        assert f"submitted {act_id}" in sign_and_submit(desks, delegate, confirmation.text)
    return act_id


def test_the_desk_offers_titles_and_only_what_the_participant_can_act_on(
    desks: Desks,
) -> None:
    with desk_of(desks, DELEGATE) as (delegate, _):
        desk = delegate.get("/desk").text
    options = dict(re.findall(r'<option value="([^"]+)" data-kinds=\'([^\']*)\'', desk))
    assert CHARTER in desk and "Ukraine (UKR)" in desk
    # Terminated in 2000: nobody acts on it any more.
    assert "cis-charter" in options and "rules-of-procedure-1992" not in options
    kinds = {alias: json.loads(unescape(k))["UKR"] for alias, k in options.items()}
    # Ukraine never joined the Charter: it may accede, and has nothing to withdraw from.
    assert "accession" in kinds["cis-charter"] and "withdrawal" not in kinds["cis-charter"]


def test_the_delegate_sees_the_examination_before_signing(desks: Desks) -> None:
    head = desks.ledger.database.head()
    with desk_of(desks, DELEGATE) as (delegate, csrf):
        answer = confirm(delegate, csrf, participant="UKR", instrument="cis-charter",
                         kind="accession")
    page = unescape(answer.text)
    assert 200 == answer.status_code
    assert (f"You are depositing an instrument of accession to {CHARTER} on behalf of "
            "Ukraine.") in page
    assert "Admissible." in page and "Ukraine: party from" in page
    assert 'action="/desk/submit" data-sign="submission"' in page
    assert f"cis-charter/UKR/accession/{utc_today().isoformat()}" == hidden(page, "id")
    assert head == desks.ledger.database.head()  # examined, not written


def test_an_inadmissible_act_is_refused_before_it_is_signed(desks: Desks) -> None:
    """Ukraine is no party to the Charter: its withdrawal is refused with the engine's
    reasons, at the examination and again if sent signed all the same; nothing is
    written."""
    head = desks.ledger.database.head()
    with desk_of(desks, DELEGATE) as (delegate, csrf):
        answer = confirm(delegate, csrf, participant="UKR", instrument="cis-charter",
                         kind="withdrawal", text="Our notice")
        assert 422 == answer.status_code
        page = unescape(answer.text)
        assert "Not admissible" in page
        assert "only a party or a contracting participant can give notice" in page
        assert 'action="/desk/submit"' not in page  # nothing to sign
        assert "Our notice" == hidden(page, "text")  # the form to change it keeps it
        today = utc_today().isoformat()
        fields = {"id": f"cis-charter/UKR/withdrawal/{today}", "instrument": "cis-charter",
                  "kind": "withdrawal", "participant": "UKR", "text": "Our notice",
                  "dated": today}
        forced = delegate.post("/desk/submit", data={"csrf": csrf, **fields,
                                                     "signature": "AAAA"})
        assert 422 == forced.status_code
        assert "only a party or a contracting participant" in unescape(forced.text)
    assert head == desks.ledger.database.head()


def test_a_refused_form_keeps_what_was_typed(desks: Desks) -> None:
    with desk_of(desks, DELEGATE) as (delegate, csrf):
        answer = confirm(delegate, csrf, participant="RUS", instrument="cis-charter",
                         kind="declaration", text="A declaration typed with care")
        assert 403 == answer.status_code
        page = unescape(answer.text)
        assert "has no capacity to act for RUS" in page and "[VCLT 7]" in page
        assert '<textarea id="text" name="text" rows="2" cols="60">A declaration typed with ' \
               "care</textarea>" in page
        assert '<option value="declaration" selected>' in page
        changed = delegate.post("/desk/draft", data={
            "csrf": csrf, "participant": "UKR", "instrument": "cis-charter",
            "kind": "reservation", "text": "Kept for a change"})
        assert 200 == changed.status_code
        assert '<option value="reservation" selected>' in changed.text
        assert '<option value="cis-charter" data-kinds=' in changed.text
        assert ">Kept for a change</textarea>" in changed.text


def test_a_signature_that_does_not_verify_is_refused_on_the_confirmation(
    desks: Desks,
) -> None:
    head = desks.ledger.database.head()
    with desk_of(desks, DELEGATE) as (delegate, csrf):
        confirmation = confirm(delegate, csrf, participant="UKR", instrument="cis-charter",
                               kind="declaration", text="A declaration, signed wrongly").text
        fields = {name: hidden(confirmation, name) for name in
                  ("participant", "instrument", "kind", "text", "id", "dated")}
        answer = delegate.post("/desk/submit", data={
            "csrf": csrf, **fields, "signature": sign(desks.keys["officer"], "another text")})
    assert 403 == answer.status_code
    page = unescape(answer.text)
    assert "the signature is not ukrainian-delegate's signature of this act" in page
    # Confirmed again as it was, to be signed with the right key.
    assert 'action="/desk/submit" data-sign="submission"' in page
    assert "A declaration, signed wrongly" == hidden(page, "text")
    assert fields["id"] == hidden(page, "id")
    assert head == desks.ledger.database.head()


def test_a_returned_act_is_corrected_and_submitted_again_the_same_day(desks: Desks) -> None:
    first = submitted(desks, participant="UKR", instrument="cis-charter", kind="accession")
    with desk_of(desks, "officer") as (officer, csrf):
        post(officer, "/desk/return", csrf, act=first,
             reasons="Please send the instrument signed by the President")
    with desk_of(desks, DELEGATE) as (delegate, csrf):
        returned = unescape(row(delegate.get("/desk").text, first))
        assert 'data-state="returned"' in returned
        assert "Please send the instrument signed by the President" in returned
        # The button's form carries the act back to the desk's form, to be corrected.
        again = delegate.post("/desk/draft", data={
            "csrf": csrf, "participant": hidden(returned, "participant"),
            "instrument": hidden(returned, "instrument"), "kind": hidden(returned, "kind"),
            "text": "Signed by the President of Ukraine"})
        assert '<option value="accession" selected>' in again.text
        confirmation = confirm(delegate, csrf, participant="UKR", instrument="cis-charter",
                               kind="accession", text="Signed by the President of Ukraine")
        second = hidden(confirmation.text, "id")
        assert f"{first}-2" == second  # an id is never given twice
        assert f"submitted {second}" in sign_and_submit(desks, delegate, confirmation.text)
        desk = delegate.get("/desk").text
        assert 'data-state="pending"' in row(desk, second)
        assert desk.index(f'data-act="{second}"') < desk.index(f'data-act="{first}"')
    with desk_of(desks, "officer") as (officer, csrf):
        examined = officer.post("/desk/examine", data={"csrf": csrf, "act": second}).text
        message = unescape(examined.split('data-message="')[1].split('"')[0])
        post(officer, "/desk/register", csrf, act=second,
             countersignature=sign(desks.keys["officer"], message))
    log = desks.ledger.database.entries()
    notice = next(e for e in log if e.kind == EntryKind.NOTIFICATION
                  and e.data()["act"] == second)
    with desk_of(desks, DELEGATE) as (delegate, _):
        registered = unescape(row(delegate.get("/desk").text, second))
    assert 'data-state="registered"' in registered
    assert f"notification {notice.key}" in registered
    assert f'href="/instruments/cis-charter?as_of={utc_today().isoformat()}"' in registered
    # The log keeps the returned submission and its return, as they were.
    assert [(EntryKind.SUBMISSION, first), (EntryKind.RETURN, first),
            (EntryKind.SUBMISSION, second), (EntryKind.ACT, second)] == [
        (e.kind, e.key) for e in log
        if e.kind in {EntryKind.SUBMISSION, EntryKind.RETURN, EntryKind.ACT}
        and e.key in {first, second}]
    assert desks.ledger.verify().ok


def test_the_officer_examines_and_registers_on_one_page(desks: Desks) -> None:
    act = submitted(desks, participant="UKR", instrument="cis-charter", kind="reservation",
                    text="Article 4 does not apply to Ukraine")
    with desk_of(desks, "officer") as (officer, csrf):
        queue = row(officer.get("/desk").text, act)
        assert re.search(r"<time datetime=\"\d{4}-\d\d-\d\dT[^\"]+\">\d{4}-\d\d-\d\d \d\d:\d\d",
                         queue)
        for button in ("Examine", "Register", "Return"):
            assert f'aria-label="{button} {act}">{button}</button>' in queue
        answer = officer.post("/desk/examine", data={"csrf": csrf, "act": act})
        page = unescape(answer.text)
        assert "Delegate of Ukraine (ukrainian-delegate)" in page
        assert re.search(r'class="signature">verified: made with a key of theirs valid on '
                         r"\d{4}-", page)
        assert re.search(r'class="capacity">verified: plenipotentiary for UKR from '
                         r"2025-01-01;\s+full powers are required", page)
        assert "Text of the reservation" in page and "Article 4 does not apply" in page
        assert 'action="/desk/return"' in page and 'name="reasons"' in page
        message = unescape(answer.text.split('data-message="')[1].split('"')[0])
        desk = post(officer, "/desk/register", csrf, act=act,
                    countersignature=sign(desks.keys["officer"], message))
        assert f"registered {act}" in desk
    assert any(e.kind == EntryKind.ACT and e.key == act
               for e in desks.ledger.database.entries())


def test_the_confirmation_is_said_in_the_delegates_language(desks: Desks) -> None:
    with desk_of(desks, DELEGATE) as (delegate, csrf):
        delegate.cookies.set("lang", "ru")
        answer = confirm(delegate, csrf, participant="UKR", instrument="cis-charter",
                         kind="accession")
    page = unescape(answer.text)
    assert 200 == answer.status_code
    assert ("Вы сдаёте на хранение документ о присоединении к документу «Устав Содружества "
            "Независимых Государств» от имени участника «Украина».") in page
    assert "<dd>документ о присоединении</dd>" in page
