"""The secretariat's forms as a browser sends them (a signed-in session, the CSRF field):
the session's chair is chosen among the members on its day and shown on its page; a
draft's text is kept and shown; a decision is previewed (the procedure, its quorum, the
count of positions, the outcome) and confirmed, and an adoption the procedure does not
allow is refused with its rule; a refused form keeps what was typed; the administrator
acts as secretariat only once granted the role."""

from __future__ import annotations

import re
from html import unescape

import httpx2

from depositary.app.workflow import SECRETARIAT, Workflow
from depositary.log.entries import EntryKind
from tests.web.desks import Desks, desk_of, post

CHS = "council-of-heads-of-state"
DAY = "2026-05-08"  # Turkmenistan's recorded term in the chair; twelve members


def convene(clerk: httpx2.Client, csrf: str, session: str, **fields: str) -> str:
    """A session of the Council on DAY, unless the fields say otherwise."""
    return post(clerk, "/desk/sessions", csrf, id=session, **({"body": CHS, "on": DAY} | fields))


def session_of(desks: Desks, session: str) -> dict[str, object]:
    found: dict[str, object] = next(
        s for s in desks.client().get("/api/sessions").json() if s["session"] == session)
    return found


def counts(page: str) -> dict[str, int]:
    return {p: int(n) for p, n in re.findall(r'data-position="([a-z-]+)">(\d+)<', page)}


def test_the_chair_is_chosen_among_the_members_on_the_day_and_shown(desks: Desks) -> None:
    with desk_of(desks, "clerk") as (clerk, csrf):
        desk = clerk.get("/desk").text
        assert 'placeholder="RUS vladimir-putin"' not in desk  # a name typed, unchecked
        assert 'action="/desk/sessions/prepare"' in desk
        form = clerk.post("/desk/sessions/prepare", data={
            "csrf": csrf, "id": "chs-chair", "body": CHS, "on": DAY, "place": "Ashgabat"})
        assert 200 == form.status_code, form.text
        page = unescape(form.text)
        chair = page.split('name="chair"')[1].split("</select>")[0]
        offered = re.findall(r'<option value="([A-Z]{3})"', chair)
        assert 12 == len(offered) and {"RUS", "TKM", "UZB"} <= set(offered)
        # The chair the register records for the day is preselected; the rule's is not.
        assert ['TKM'] == re.findall(r'<option value="([A-Z]{3})" selected', chair)
        assert 'value="Ashgabat"' in page
        # The attendance's example names a person the register has, sitting on that day.
        example = page.split('name="present"')[1].split('placeholder="')[1].split('"')[0]
        code, person = example.split()
        assert person in desks.ledger.register().persons and code in offered
        done = convene(clerk, csrf, "chs-chair", place="Ashgabat", chair="kaz")
        assert "session chs-chair convened" in done
    assert "KAZ" == desks.ledger.register().councils.sessions["chs-chair"].chair
    assert {"participant": "KAZ", "reason": "recorded with the session"} == (
        session_of(desks, "chs-chair")["chair"])
    shown = unescape(desks.client().get("/sessions/chs-chair").text)
    assert "Chair: KAZ" in shown and "recorded with the session" in shown


def test_the_drafts_text_is_kept_and_shown(desks: Desks) -> None:
    text = "The Council of Heads of State decides to test the desk's forms."
    with desk_of(desks, "clerk") as (clerk, csrf):
        convene(clerk, csrf, "chs-text", minutes="Opened at ten.")
        post(clerk, "/desk/drafts", csrf, session="chs-text", id="d-text",
             title="On the text", text=f"  {text}\n")
    drafts = session_of(desks, "chs-text")["drafts"]
    assert [text] == [d["text"] for d in drafts]  # type: ignore[attr-defined]
    shown = unescape(desks.client().get("/sessions/chs-text").text)
    assert text in shown and "Opened at ten." in shown


def test_a_decision_is_previewed_with_the_procedure_and_the_count_then_confirmed(
    desks: Desks,
) -> None:
    with desk_of(desks, "clerk") as (clerk, csrf):
        convene(clerk, csrf, "chs-preview")
        post(clerk, "/desk/drafts", csrf, session="chs-preview", id="d-preview",
             title="On the preview")
        for code, position in (("RUS", "agree"), ("KAZ", "agree"), ("ARM", "abstain"),
                               ("UKR", "non-interest")):
            post(clerk, "/desk/positions", csrf, draft="d-preview", participant=code,
                 position=position)
        head = desks.ledger.database.head()
        preview = clerk.post("/desk/decisions/preview", data={"csrf": csrf,
                                                             "draft": "d-preview"})
        assert 200 == preview.status_code, preview.text
        page = unescape(preview.text)
        assert {"agree": 2, "agree-with-reservation": 0, "object": 0, "abstain": 1,
                "non-interest": 1, "absent": 8} == counts(page)
        assert "consensus" in page and "Charter, Art. 23" in page
        # The register states no quorum for the Council: said so, never "0".
        assert "not stated in the procedure's source (4 of 12 present)" in page
        assert "consensus: no member objected" in page and "Confirm: adopted" in page
        assert head == desks.ledger.database.head()  # the preview writes nothing
        done = post(clerk, "/desk/decisions", csrf, draft="d-preview", outcome="adopted")
        assert "d-preview: adopted (consensus: no member objected" in unescape(done)
    assert desks.ledger.register().councils.decisions["d-preview"].outcome.adopted


def test_an_adoption_the_procedure_does_not_allow_is_refused_naming_the_rule(
    desks: Desks,
) -> None:
    with desk_of(desks, "clerk") as (clerk, csrf):
        convene(clerk, csrf, "chs-objection")
        post(clerk, "/desk/drafts", csrf, session="chs-objection", id="d-objection",
             title="On an objection")
        for code, position in (("RUS", "agree"), ("UKR", "object")):
            post(clerk, "/desk/positions", csrf, draft="d-objection", participant=code,
                 position=position)
        preview = unescape(clerk.post("/desk/decisions/preview", data={
            "csrf": csrf, "draft": "d-objection"}).text)
        assert "not adopted" in preview and "Confirm: adopted" not in preview
        assert "The procedure does not allow this draft to be adopted." in preview
        head = desks.ledger.database.head()
        refused = clerk.post("/desk/decisions", data={
            "csrf": csrf, "draft": "d-objection", "outcome": "adopted"})
        assert 422 == refused.status_code
        assert ("the procedure does not allow d-objection to be adopted: consensus: blocked "
                "by the objection of UKR") in unescape(refused.text)
        assert "[Charter, Art. 23" in unescape(refused.text)
        assert head == desks.ledger.database.head()
        done = post(clerk, "/desk/decisions", csrf, draft="d-objection",
                    outcome="not adopted")
        assert "d-objection: not adopted" in done
    assert not desks.ledger.register().councils.decisions["d-objection"].outcome.adopted


def test_a_quorum_the_procedure_states_is_counted_and_refuses(desks: Desks) -> None:
    desks.ledger.append([(EntryKind.BODY, "quorum-council", {
        "alias": "quorum-council", "names": {"en": "A council with a quorum (test)"},
        "membership": {"founding": ["cis-charter"]},
        "procedures": {"default": {"kind": "consensus", "quorum": "2/3",
                                   "source": "Rules of procedure (test), r. 3"}},
    })], "test")
    with desk_of(desks, "clerk") as (clerk, csrf):
        convene(clerk, csrf, "qc-1", body="quorum-council")
        post(clerk, "/desk/drafts", csrf, session="qc-1", id="d-quorum", title="A draft")
        post(clerk, "/desk/positions", csrf, draft="d-quorum", participant="RUS",
             position="agree")
        members = len(desks.ledger.register().councils.sessions["qc-1"].members or ())
        preview = unescape(clerk.post("/desk/decisions/preview", data={
            "csrf": csrf, "draft": "d-quorum"}).text)
        assert f"2/3 of the members present (1 of {members} present)" in preview
        refused = clerk.post("/desk/decisions", data={"csrf": csrf, "draft": "d-quorum"})
        assert 422 == refused.status_code
        assert (f"consensus: quorum not met: 1 of {members} members present, 2/3 needed"
                in unescape(refused.text))
        assert "[Rules of procedure (test), r. 3]" in unescape(refused.text)
    assert "d-quorum" not in desks.ledger.register().councils.decisions


def test_a_refused_session_comes_back_with_what_was_typed(desks: Desks) -> None:
    head = desks.ledger.database.head()
    with desk_of(desks, "clerk") as (clerk, csrf):
        refused = clerk.post("/desk/sessions", data={
            "csrf": csrf, "id": "chs-typed", "body": CHS, "on": DAY, "place": "Minsk",
            "chair": "BLR", "present": "RUS no-such-person\n", "minutes": "Typed minutes."})
        assert 422 == refused.status_code
        page = unescape(refused.text)
        assert "session chs-typed: no person 'no-such-person'" in page
        assert 'value="chs-typed"' in page and 'value="Minsk"' in page
        assert f'value="{DAY}"' in page and "RUS no-such-person" in page
        assert "Typed minutes." in page
        assert '<option value="BLR" selected>' in page  # the chair chosen, not the record's
    assert head == desks.ledger.database.head()


def test_the_administrator_acts_as_secretariat_only_with_its_role(desks: Desks) -> None:
    fields = {"id": "chs-admin", "body": CHS, "on": DAY}
    with desk_of(desks, "admin") as (admin, csrf):
        assert "Convene a session" not in admin.get("/desk").text
        for path in ("/desk/sessions", "/desk/sessions/prepare"):
            answer = admin.post(path, data={"csrf": csrf, **fields})
            assert 403 == answer.status_code, path
            assert "session.convene needs the role secretariat" in unescape(answer.text)
    with desks.client("admin") as api:
        answer = api.post("/api/sessions", json={**fields, "date": DAY})
        assert 403 == answer.status_code
        assert "admin does not hold it" in answer.json()["detail"]
    assert "chs-admin" not in desks.ledger.register().councils.sessions
    Workflow(desks.ledger).grant("admin", SECRETARIAT, "admin")
    with desk_of(desks, "admin") as (admin, csrf):
        assert "Convene a session" in admin.get("/desk").text
        assert "session chs-admin convened" in post(admin, "/desk/sessions", csrf, **fields)


def test_a_joint_decision_is_previewed_over_its_parties(desks: Desks) -> None:
    """Art. 4 of the nuclear agreement: counted over the decider and the heads whose
    agreement it needs, authorised only by their signed concurrence; a preview without
    it offers neither the adoption nor a record of a rejection."""
    with desk_of(desks, "clerk") as (clerk, csrf):
        convene(clerk, csrf, "jc-preview", body="joint-armed-forces-command", on="1992-03-02")
        post(clerk, "/desk/drafts", csrf, session="jc-preview", id="d-nuclear",
             title="A decision under Art. 4", question="nuclear-use")
        page = unescape(clerk.post("/desk/decisions/preview", data={
            "csrf": csrf, "draft": "d-nuclear"}).text)
        assert 4 == counts(page)["absent"] and "in agreement with" in page
        assert "BLR, KAZ, UKR" in page and "Agreement on Joint Measures" in page
        assert "no valid concurrence of RUS (the decider)" in page
        assert "Confirm: adopted" not in page and "Record: not adopted" not in page
