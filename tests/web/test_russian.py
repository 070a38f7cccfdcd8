"""The Russian interface says everything in Russian: every page type, public and at the
desks, has no English outside what it marks as the record's own words (translate="no"),
quotes («…», a citation […]) or writes as code. The engine's reasons, the notifications'
consequences, the vocabulary of acts, statuses and kinds all come from the catalogs
(depositary.locale), not from English parsed back."""

from __future__ import annotations

import httpx2
import pytest
from starlette.testclient import TestClient

from depositary.locale import translate
from depositary.locale.labels import STATUSES
from tests.web.desks import Desks, desk_of, post, submission
from tests.web.html import english_in, page, texts

# One of each page type, on dates that show what it can hold: a withdrawal, a recall from
# the bodies, a chair's rotation, a projection, a refusal.
PUBLIC = [
    "/", "/?as_of=2020-01-01", "/?as_of=1991-12-25", "/instruments",
    "/instruments?kind=agreement&sort=parties", "/instruments/cis-charter?as_of=2009-08-19",
    "/instruments/cis-charter?as_of=1993-06-01", "/instruments/cis-charter?as_of=2030-01-01",
    "/instruments/alma-ata-protocol?as_of=1992-01-01", "/instruments/alma-ata-declaration",
    "/instruments/strategic-forces-agreement-1991", "/instruments/rules-of-procedure-1992",
    "/instruments/armed-forces-agreement-1991?as_of=1995-01-01",
    "/instruments/belovezha-agreement?as_of=2024-06-01", "/participants",
    "/participants/GEO?as_of=2009-08-19", "/participants/UKR?as_of=2020-01-01",
    "/participants/MDA?as_of=2026-06-01", "/participants/SUN?as_of=1991-12-20",
    "/bodies", "/bodies/council-of-heads-of-state?as_of=2020-01-01",
    "/bodies/joint-armed-forces-command?as_of=1992-06-01", "/posts",
    "/posts/chair-council-of-heads-of-state", "/posts/executive-secretary",
    "/posts/commander-in-chief-border-troops", "/notifications", "/notifications?page=2",
    "/changes?from=1991-01-01&to=2026-12-01", "/overview?as_of=2009-08-19",
    "/search?q=устав", "/search?q=Alma", "/signin",
]


@pytest.mark.parametrize("path", PUBLIC)
def test_a_public_page_in_russian_has_no_english(client: TestClient, path: str) -> None:
    answer = client.get(f"{path}{'&' if '?' in path else '?'}lang=ru")
    assert answer.status_code == 200, answer.text
    assert english_in(answer.text) == []


@pytest.mark.parametrize("path", ["/?as_of=", "/instruments?as_of=19-08-2009",
                                  "/changes?from=2009-01-01&to=2008-01-01"])
def test_a_refusal_in_russian_has_no_english(client: TestClient, path: str) -> None:
    answer = client.get(f"{path}&lang=ru")
    assert answer.status_code in {400, 422}
    assert english_in(answer.text) == []


def test_the_check_finds_english_where_it_is() -> None:
    """The check can fail: the English interface is found English, and so is one English
    sentence left in a Russian page; the record's words marked as such are not."""
    english = '<p>Signatories: 7. <span translate="no">Wikipedia, "CIS"</span></p>'
    assert ["Signatories || Signatories: 7."] == english_in(english)
    assert [] == english_in('<p>Подписавшие: 7. <span translate="no">Wikipedia</span> «CIS '
                            'Charter» [Art. 9] RUS /api/instruments as_of</p>')


def test_the_english_interface_is_english(client: TestClient) -> None:
    found = english_in(client.get("/instruments/cis-charter?as_of=2009-08-19",
                                  params={"lang": "en"}).text)
    assert len(found) > 20


def _desk_pages(desks: Desks) -> dict[str, str]:
    """Every desk page in Russian: the administrator's, the people page, the secretariat's
    with its decisions and a session's page, the officer's with a submission in its queue
    and its examination, the delegate's with the examination before signing."""
    pages = {}
    created = desks.client("ukrainian-delegate").post(
        "/api/submissions", json=submission(desks, "UKR"))
    assert created.status_code == 201, created.text
    act = created.json()["act"]
    for person in ("admin", "clerk", "officer", "ukrainian-delegate"):
        with desk_of(desks, person) as (browser, csrf):
            pages[person] = browser.get("/desk", params={"lang": "ru"}).text
            if person == "admin":
                pages["people"] = browser.get("/desk/people", params={"lang": "ru"}).text
            if person == "clerk":
                pages |= _secretariat_pages(browser, csrf)
            if person == "officer":
                pages["examination"] = browser.post(
                    "/desk/examine", data={"csrf": csrf, "act": act},
                    params={"lang": "ru"}).text
            if person == "ukrainian-delegate":
                pages["precheck"] = browser.post("/desk/precheck", params={"lang": "ru"}, data={
                    "csrf": csrf, "participant": "UKR", "instrument": "cis-charter",
                    "kind": "declaration", "text": "Заявление для проверки."}).text
                # Ukraine never became a party to the Charter: the engine refuses its notice
                # of withdrawal before it is signed, with the rule.
                refused = browser.post("/desk/precheck", params={"lang": "ru"}, data={
                    "csrf": csrf, "participant": "UKR", "instrument": "cis-charter",
                    "kind": "withdrawal", "text": ""})
                assert refused.status_code == 422
                assert "ВКПМД" in refused.text
                pages["refused"] = refused.text
    return pages


def _secretariat_pages(clerk: httpx2.Client, csrf: str) -> dict[str, str]:
    """A session of the Council with a draft Ukraine objects to: the decision's preview,
    the adoption refused with the rule, the rejection recorded, the session's page; and
    the preview of a joint decision (the nuclear agreement's Art. 4) with its terms."""
    clerk.cookies.set("lang", "ru")
    post(clerk, "/desk/sessions", csrf, id="chs-ru", body="council-of-heads-of-state",
         on="2026-05-08", place="Ашхабад", chair="TKM")
    post(clerk, "/desk/drafts", csrf, session="chs-ru", id="d-ru", title="О проверке",
         text="Совет решает проверить перевод.")
    for code, position in (("RUS", "agree"), ("KAZ", "non-interest"), ("UKR", "object")):
        post(clerk, "/desk/positions", csrf, draft="d-ru", participant=code, position=position)
    pages = {"decision": clerk.post("/desk/decisions/preview",
                                    data={"csrf": csrf, "draft": "d-ru"}).text}
    refused = clerk.post("/desk/decisions", data={"csrf": csrf, "draft": "d-ru",
                                                  "outcome": "adopted"})
    assert 422 == refused.status_code
    assert "консенсус: заблокирован возражением UKR" in refused.text
    pages["decision-refused"] = refused.text
    pages["decided"] = post(clerk, "/desk/decisions", csrf, draft="d-ru", outcome="not adopted")
    assert "«d-ru»: не принято" in pages["decided"]
    pages["session"] = clerk.get("/sessions/chs-ru").text
    post(clerk, "/desk/sessions", csrf, id="jc-ru", body="joint-armed-forces-command",
         on="1992-03-02")
    post(clerk, "/desk/drafts", csrf, session="jc-ru", id="d-nuclear-ru",
         title="Решение по ст. 4", question="nuclear-use")
    pages["joint"] = clerk.post("/desk/decisions/preview",
                                data={"csrf": csrf, "draft": "d-nuclear-ru"}).text
    assert "нет действительного согласия RUS (принимающего решение)" in pages["joint"]
    return pages


def test_every_desk_in_russian_has_no_english(desks: Desks) -> None:
    pages = _desk_pages(desks)
    found = {name: english_in(html) for name, html in pages.items()}
    assert found == {name: [] for name in pages}, "\n".join(
        f"{name}: {line}" for name, lines in found.items() for line in lines)


def test_a_notification_in_russian_is_said_from_the_catalog(client: TestClient) -> None:
    """Russia's ratification of the Charter: its consequences in the catalog's words,
    with the status in the chart's vocabulary (no English sentence read back)."""
    said = translate("ru", "%(participant)s: %(status)s from %(day)s") % {
        "participant": "Россия", "status": STATUSES("party", "ru"), "day": "1994-01-22"}
    lines = [line for number in range(1, 6) for line in texts(page(client.get(
        "/notifications", params={"lang": "ru", "page": number}).text), "li ul li")]
    assert said in lines


def test_the_engine_s_reasons_are_in_the_reader_s_language(client: TestClient) -> None:
    chart = client.get("/api/instruments/cis-charter/status",
                       params={"as_of": "2009-08-19", "language": "ru"}).json()
    georgia = next(p for p in chart["participants"] if p["participant"] == "GEO")
    assert georgia["reasons"] == [
        "получено 2008-08-18: уведомление о выходе; вступает в действие 2009-08-18 "
        "[Section IX; Art. 9; ВКПМД 54, 56(2)]"]
    assert chart["entry_into_force_reason"].startswith("первый из вариантов: вступает в силу")


# A refused form at each desk, as a person mistypes it: (who, path, the fields). Each is
# refused with the rule in the reader's language, the form (or the page) shown again.
MISTAKES = [
    ("admin", "/desk/people", {"id": "Not An Id", "name_en": "Someone"}),
    ("admin", "/desk/people", {"id": "admin", "name_en": "Administrator"}),
    ("admin", "/desk/people/capacities", {"person": "clerk", "participant": "KAZ",
                                          "role": "minister", "start": ""}),
    ("admin", "/desk/people/capacities", {"person": "clerk", "participant": "XYZ",
                                          "role": "minister", "start": "2026-01-01"}),
    ("admin", "/desk/people/capacities", {"person": "clerk", "participant": "KAZ",
                                          "role": "minister", "start": "2026-01-01",
                                          "end": "2025-01-01"}),
    ("admin", "/desk/people/roles", {"person": "admin", "role": "administrator",
                                     "revoke": "yes"}),
    ("clerk", "/desk/sessions", {"id": "chs-wrong", "body": "council-of-heads-of-state",
                                 "on": "2026-05-08", "chair": "GEO"}),
    ("clerk", "/desk/sessions", {"id": "chs-wrong", "body": "council-of-heads-of-state",
                                 "on": "2026-05-08", "present": "RUS"}),
    ("clerk", "/desk/sessions", {"id": "chs-wrong", "body": "council-of-heads-of-state",
                                 "on": "2026-05-08", "present": "RUS no-such-person"}),
    ("clerk", "/desk/sessions", {"id": "chs-wrong", "body": "council-of-heads-of-state",
                                 "on": "08.05.2026"}),
    ("clerk", "/desk/positions", {"draft": "no-such-draft", "participant": "RUS",
                                  "position": "agree"}),
    ("clerk", "/desk/drafts", {"session": "no-such-session", "id": "d-x", "title": "X"}),
    ("ukrainian-delegate", "/desk/precheck", {"participant": "UKR", "instrument": "no-such",
                                              "kind": "declaration", "text": ""}),
    ("ukrainian-delegate", "/desk/precheck", {"participant": "KAZ",
                                              "instrument": "cis-charter",
                                              "kind": "declaration", "text": ""}),
]


@pytest.mark.parametrize(("person", "path", "fields"), MISTAKES)
def test_a_refused_form_in_russian_has_no_english(
    desks: Desks, person: str, path: str, fields: dict[str, str],
) -> None:
    head = desks.ledger.database.head()
    with desk_of(desks, person) as (browser, csrf):
        browser.cookies.set("lang", "ru")
        refused = browser.post(path, data={"csrf": csrf, **fields})
    assert refused.status_code in {400, 403, 404, 422}, refused.text
    assert english_in(refused.text) == []
    assert head == desks.ledger.database.head()


def test_a_page_not_found_in_russian_has_no_english(client: TestClient) -> None:
    answer = client.get("/no-such-page", params={"lang": "ru"})
    assert answer.status_code == 404
    assert english_in(answer.text) == []
