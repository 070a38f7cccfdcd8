"""The Russian interface says everything in Russian: every page type, public and at the
desks, has no English outside what it marks as the record's own words (translate="no"),
quotes («…», a citation […]) or writes as code. The engine's reasons, the notifications'
consequences, the vocabulary of acts, statuses and kinds all come from the catalogs
(depositary.locale), not from English parsed back."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from depositary.locale import translate
from depositary.locale.labels import STATUSES
from tests.web.desks import Desks, desk_of, submission
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
    """Every desk page in Russian: the administrator's, the people page, the secretariat's,
    the officer's with a submission in its queue and its examination, the delegate's with
    the examination before signing."""
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
