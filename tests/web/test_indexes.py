"""The status chart as lawyers read it, the index pages a reader expects, the world map,
and a mistyped date answered as a page: over HTTP, on both engines."""

from __future__ import annotations

import httpx2
from lxml import etree

from tests.web.html import one, page, text, texts
from tests.web.test_pages import read


def test_the_charter_in_2009_counts_as_the_un_counts_and_shows_why(
    client: httpx2.Client,
) -> None:
    html = read(client, "/instruments/cis-charter?as_of=2009-08-19")
    counts = text(one(html, "p.counts"))
    assert counts.startswith("Signatories: 7. Parties: 9.")  # every state that signed
    assert "Withdrawn: 1." in counts
    georgia = one(html, 'tr[data-participant="GEO"]')
    cells = {c.get("data-label"): text(c) for c in georgia.cssselect("td")}
    # A withdrawn row keeps the day it was bound from and shows when the withdrawal took
    # effect; the reasons are in the row, not in a tooltip.
    assert "1994-04-19" == cells["Entry into force"]
    assert "withdrawn with effect from 2009-08-18" == cells["Status"]
    assert "2009-08-18" in cells["Why"] and "VCLT" in cells["Why"]
    assert "[Georgia]" == text(one(georgia, "th"))
    assert not one(georgia, "td.status").cssselect("[title]")  # not in a tooltip


def test_the_chart_json_and_csv_keep_the_withdrawn_years(client: httpx2.Client) -> None:
    chart = client.get("/api/instruments/cis-charter/status",
                       params={"as_of": "2009-08-19"}).json()
    georgia = next(p for p in chart["participants"] if p["participant"] == "GEO")
    assert ("1994-04-19", "2009-08-18") == (georgia["in_force_from"],
                                            georgia["in_force_until"])
    csv = client.get("/api/instruments/cis-charter/status.csv",
                     params={"as_of": "2009-08-19"}).text
    assert "in_force_until" in csv.splitlines()[0]
    # Before the withdrawal took effect, the row is a party's, with no end.
    before = client.get("/api/instruments/cis-charter/status",
                        params={"as_of": "2009-08-17"}).json()
    georgia = next(p for p in before["participants"] if p["participant"] == "GEO")
    assert ("withdrawing", None) == (georgia["status"], georgia["in_force_until"])


def test_every_index_answers_with_a_page(client: httpx2.Client) -> None:
    for path, heading in (
        ("/instruments?as_of=2009-08-19", "Instruments"),
        ("/participants?as_of=2009-08-19", "Participants"),
        ("/bodies?as_of=2009-08-19", "Bodies"),
        ("/posts?as_of=1992-06-01", "Posts"),
        ("/notifications", "Depositary notifications"),
        ("/changes?from=2009-08-17&to=2009-08-18", "Changes of status: 2009-08-17 – 2009-08-18"),
        ("/overview?as_of=2009-08-19", "Who is bound by what: 2009-08-19"),
    ):
        html = read(client, path)
        assert heading == text(one(html, "h1")), path


def test_the_index_of_instruments_filters_sorts_and_pages(client: httpx2.Client) -> None:
    html = read(client, "/instruments?as_of=2009-08-19&participant=GEO&bound=true")
    titles = texts(html, "table.index tbody th")
    assert not any("Charter" in t for t in titles)  # withdrawn: no longer binds Georgia
    involved = texts(read(client, "/instruments?as_of=2009-08-19&participant=GEO"),
                     "table.index tbody th")
    assert any("Charter" in t for t in involved) and set(titles) < set(involved)
    charter = read(client, "/instruments?as_of=2009-08-19&kind=charter")
    row = one(charter, "table.index tbody tr")
    cells = {c.get("data-label"): text(c) for c in row.cssselect("td")}
    assert ("7", "9") == (cells["Signatories"], cells["Parties"])
    assert cells["State"].startswith("in force since 1994-01-22")
    paged = read(client, "/notifications?page=2")
    assert "Page 2 of" in text(one(paged, "nav.pager"))
    assert one(paged, 'nav.pager a[rel="prev"]').get("href").endswith("page=1")


def test_the_changes_page_names_instruments_and_participants(client: httpx2.Client) -> None:
    html = read(client, "/changes?from=2009-08-17&to=2009-08-18")
    rows = [text(r) for r in html.cssselect("table.index tbody tr")]
    assert any("Georgia" in r and "Charter" in r and "withdrawn" in r for r in rows)
    backwards = client.get("/changes", params={"from": "2010-01-01", "to": "2009-01-01"})
    assert 422 == backwards.status_code and "runs backwards" in backwards.text


def test_a_bad_or_empty_date_is_a_page_with_the_form(client: httpx2.Client) -> None:
    for path, said in (("/?as_of=", "No date given"),
                       ("/instruments/cis-charter?as_of=22.12.1991",
                        "The date “22.12.1991” cannot be read"),
                       ("/instruments?as_of=9999-12-31", "outside the dates")):
        answer = client.get(path)
        assert 400 == answer.status_code, path
        assert answer.headers["content-type"].startswith("text/html")
        html = page(answer.text)
        assert said in text(one(html, '[role="alert"]'))
        assert one(html, "form.date-again input[name=as_of]").get("type") == "date"
    # The API keeps its problem documents.
    answer = client.get("/api/instruments", params={"as_of": "22.12.1991"})
    assert 422 == answer.status_code
    assert answer.headers["content-type"].startswith("application/problem+json")


def test_switching_the_language_keeps_the_query(client: httpx2.Client) -> None:
    html = read(client, "/instruments?as_of=2009-08-19&kind=charter")
    russian = one(html, 'p.languages a[lang="ru"]').get("href")
    assert "kind=charter" in russian and "lang=ru" in russian and "as_of=2009-08-19" in russian
    assert ("kind", "charter") in [(i.get("name"), i.get("value"))
                                   for i in html.cssselect("form.as-of input[type=hidden]")]
    in_russian = read(client, russian)
    assert "Документы" == text(one(in_russian, "h1"))


def test_the_world_map_shows_the_participants_on_the_date(client: httpx2.Client) -> None:
    html = read(client, "/instruments/cis-charter?as_of=2009-08-19")
    image = one(html, "section.world-map img")
    assert "map.svg?as_of=2009-08-19" in image.get("src") and image.get("alt")
    answer = client.get("/instruments/cis-charter/map.svg", params={"as_of": "2009-08-19"})
    assert 200 == answer.status_code
    assert answer.headers["content-type"].startswith("image/svg+xml")
    svg = etree.fromstring(answer.content)
    titles = [t.text or "" for t in svg.iter("{http://www.w3.org/2000/svg}title")]
    assert any(t.startswith("Georgia") and "withdrawn" in t for t in titles)
    assert any(t.startswith("Russia") and "party" in t for t in titles)


def test_timelines_are_told_without_colour_and_in_the_page_language(
    client: httpx2.Client,
) -> None:
    html = read(client, "/instruments/cis-charter?as_of=2009-08-19&lang=ru")
    svg = one(html, "section[aria-labelledby=participation] svg")
    bars = [r for r in svg.iter("{*}rect") if r.get("height") == "14"]
    assert bars and all(r.get("stroke") == "#1d1d1f" for r in bars)  # outlined: 3:1
    hatched = {r.get("fill") for r in bars if str(r.get("fill")).startswith("url(#")}
    assert hatched  # signatory and withdrawn are hatched, not only paler
    assert {p.get("id") for p in svg.iter("{*}pattern")} >= {f[5:-1] for f in hatched}
    legend = [t.text_content() for t in svg.iter("{*}text")]
    assert "участник" in legend and "вышел" in legend
    assert "Участие во времени" == text(svg.cssselect("title")[0])


def test_notifications_name_the_participant_the_act_and_the_instrument(
    client: httpx2.Client,
) -> None:
    html = read(client, "/?as_of=2009-08-19")
    latest = texts(html, "section[aria-labelledby=notifications] li")
    assert any("Georgia, withdrawal, Charter of the Commonwealth" in t for t in latest)
    russian = read(client, "/?as_of=2009-08-19&lang=ru")
    latest = texts(russian, "section[aria-labelledby=notifications] li")
    assert any("Грузия" in t and "Устав" in t for t in latest), latest


def test_a_date_after_today_is_said_to_be_a_projection(client: httpx2.Client) -> None:
    ahead = read(client, "/instruments/cis-charter?as_of=2999-01-01")
    assert "A date after today" in text(one(ahead, "main"))
    assert "A date after today" not in text(one(read(client, "/?as_of=2009-08-19"), "main"))
