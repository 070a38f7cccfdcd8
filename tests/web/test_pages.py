"""The public pages over HTTP: each answers for the date in its URL, in English or
Russian; an unknown page is a page, not a traceback."""

from __future__ import annotations

from datetime import date

import httpx2
from lxml.html import HtmlElement

from tests.web.html import links, one, page, section, svg_titles, text, texts


def read(client: httpx2.Client, path: str) -> HtmlElement:
    """The page at `path`, answered 200 as HTML, parsed."""
    response = client.get(path)
    assert 200 == response.status_code, response.text
    assert response.headers["content-type"].startswith("text/html")
    return page(response.text)


def test_home_shows_the_member_states_the_councils_and_the_timeline(
    client: httpx2.Client,
) -> None:
    html = read(client, "/?as_of=1994-06-30")
    assert "1994-06-30" == one(html, "input#as_of").get("value")  # the date chooser
    members = section(html, "members")
    assert ["member state", "participating non-member"] == texts(members, "h3")
    georgia = one(members, 'a[href="/participants/GEO?as_of=1994-06-30"]')
    assert "Georgia" == text(georgia)
    assert "member state" == text(georgia.xpath("preceding::h3[1]")[0])
    timeline = section(html, "timeline")
    assert "Membership over time" == text(one(timeline, "h2"))
    assert "Membership over time" == svg_titles(timeline)[0]
    assert any(t.startswith("Georgia: ") for t in svg_titles(timeline))
    assert "/bodies/council-of-heads-of-state?as_of=1994-06-30" in links(html, "main a")


def test_the_instrument_page_shows_the_chart_on_the_date(client: httpx2.Client) -> None:
    html = read(client, "/instruments/alma-ata-protocol?as_of=1993-06-01")
    assert ["signatory"] == texts(html, 'tr[data-participant="AZE"] td.status')
    assert ["1991-12-21"] == [text(dt.getnext()) for dt in html.cssselect("aside.infobox dt")
                              if "Date signed" == text(dt)]


def test_the_participant_and_body_pages(client: httpx2.Client) -> None:
    georgia = read(client, "/participants/GEO?as_of=1994-06-30")
    assert "/instruments/cis-charter?as_of=1994-06-30" in links(georgia, "main th a")
    html = read(client, "/bodies/council-of-heads-of-state?as_of=2019-01-01")
    [ukraine] = [row for row in html.cssselect("main tr") if ["Ukraine"] == texts(row, "th")]
    assert "recalled from the statutory bodies on 2018-05-19" in texts(ukraine, "td")


def test_the_language_is_switched_and_remembered(client: httpx2.Client) -> None:
    response = client.get("/?lang=ru")
    russian = page(response.text)
    assert ("ru", "Содружество Независимых Государств") == (
        russian.get("lang"), text(one(russian, "main h1")))
    assert "ru" == response.cookies.get("lang")
    remembered = page(client.get("/").text)
    assert ("ru", "Содружество Независимых Государств") == (
        remembered.get("lang"), text(one(remembered, "main h1")))


def test_an_unknown_instrument_is_a_not_found_page(client: httpx2.Client) -> None:
    response = client.get("/instruments/nope")
    assert 404 == response.status_code
    assert response.headers["content-type"].startswith("text/html")
    alert = text(one(page(response.text), '[role="alert"]'))
    assert alert.startswith("no instrument 'nope' in this register")


def test_static_assets_are_served_locally(client: httpx2.Client) -> None:
    css = client.get("/static/site.css")
    assert 200 == css.status_code
    assert "text/css" in css.headers["content-type"]


def test_search_finds_instruments_and_participants(client: httpx2.Client) -> None:
    html = read(client, "/search?q=устав")
    assert any(href.startswith("/instruments/cis-charter?")
               for href in links(html, 'li[data-kind="instrument"] a'))
    found = client.get("/api/search", params={"q": "ukraine"}).json()
    assert {"kind": "participant", "key": "UKR"} == {
        k: found[0][k] for k in ("kind", "key")
    }
    assert 422 == client.get("/api/search", params={"q": ""}).status_code


def test_a_post_page_shows_its_holders(client: httpx2.Client) -> None:
    html = read(client, "/posts/chair-council-of-heads-of-state?as_of=1994-06-01")
    holders = [li.xpath("normalize-space(text())") for li in html.cssselect("main > ul > li")]
    assert ["Boris Yeltsin (appointed, RUS)"] == holders
    border = read(client, "/posts/commander-in-chief-border-troops?as_of=1992-01-15")
    # the end of Kalinichenko's command
    assert any("not recorded" in note for note in texts(border, "main p.note"))
    assert 404 == client.get("/posts/nope").status_code
    assert 404 == client.get("/sessions/nope").status_code


def test_the_instrument_page_has_its_text_by_article(client: httpx2.Client) -> None:
    article = one(read(client, "/instruments/belovezha-agreement"), "article#article-6")
    assert "Article 6" == text(one(article, "h3"))
    assert "nuclear" in text(article).lower()


def test_a_participant_page_shows_its_membership_of_bodies_over_time(
    client: httpx2.Client,
) -> None:
    bodies = section(read(client, "/participants/GEO?as_of=2010-01-01"), "bodies")
    # Admitted and acceded, a member state from its ratification, then withdrawn.
    assert ("Council of Heads of State: acceding state 1993-12-03 – 1994-04-19; member state "
            "1994-04-19 – 2009-08-18") in texts(bodies, "li")
    assert "/bodies/council-of-heads-of-state?as_of=2010-01-01" in links(bodies)


def test_a_participant_page_shows_its_reservations(client: httpx2.Client) -> None:
    """Ukraine's reservation at signature of the Provisional Rules of 1992: decisions taken
    without it are advisory for it."""
    statements = section(read(client, "/participants/UKR?as_of=1995-01-01"), "statements")
    [reservation] = statements.cssselect("li")
    assert text(reservation).startswith(
        "1992-05-15 reservation, Agreement on the Provisional Rules of Procedure")
    assert ["/instruments/rules-of-procedure-1992?as_of=1995-01-01"] == links(reservation)
    before = read(client, "/participants/UKR?as_of=1991-12-31")
    assert [] == before.cssselect('section[aria-labelledby="statements"], #statements')


def test_the_instrument_page_shows_participation_relations_notifications_downloads(
    client: httpx2.Client,
) -> None:
    html = read(client, "/instruments/cis-charter?as_of=1994-06-30")
    participation = section(html, "participation")
    assert "Participation over time" == text(one(participation, "h2"))
    # Each bar is titled with its participant, status and dates.
    assert any(t.startswith("Georgia: party, 1994-") for t in svg_titles(participation))
    assert "/instruments/charter-adoption-decision-1993?as_of=1994-06-30" in links(html, "main a")
    assert any(href.startswith("/api/instruments/cis-charter/akn.xml?as_of=1994-06-30")
               for href in links(html, "main a"))
    days = [t.get("datetime") for t in section(html, "notifications").cssselect("li time")]
    assert days  # Only notifications up to the date asked, and some.
    assert all(day <= "1994-06-30" for day in days)


def test_a_body_page_shows_its_membership_over_time(client: httpx2.Client) -> None:
    over_time = section(read(client, "/bodies/council-of-heads-of-state?as_of=2010-01-01"),
                        "over-time")
    assert any(t.startswith("Georgia: member state, 1994-04-19 – 2009-08-18")
               for t in svg_titles(over_time))


PAGES_ON_A_DATE = [
    ("/", "1991-12-22"), ("/", "1994-02-01"), ("/", "2014-01-15"),
    ("/instruments/cis-charter", "1991-12-22"), ("/instruments/cis-charter", "1993-08-01"),
    ("/instruments/belovezha-agreement", "1991-12-09"),
    ("/instruments/nuclear-weapons-agreement-1991", "1992-01-01"),
    ("/participants/GEO", "1994-02-01"), ("/participants/MDA", "2023-07-27"),
    ("/participants/UKR", "2014-01-15"),
    ("/bodies/council-of-heads-of-state", "2014-01-15"),
    ("/bodies/council-of-heads-of-state", "1992-06-01"),
    ("/posts/executive-secretary", "1998-06-01"),
    ("/posts/chair-council-of-heads-of-state", "2005-01-01"),
]


def test_a_page_on_a_date_tells_of_no_later_date(client: httpx2.Client) -> None:
    """What a reader sees on a page asked for a date (sources and notes aside, the next
    chair the rule proposes aside, and the treaty's text aside) names no later date but a
    pending withdrawal's effect (tests/shapes/test_as_of.py checks the answers behind them)."""
    from tests.shapes.test_as_of import REGISTER, later

    leaks = {}
    for path, day in PAGES_ON_A_DATE:
        tree = read(client, f"{path}?as_of={day}")
        for hidden in tree.xpath(
            '//details[contains(@class, "conf")] | //p[@class="note"] | //section[@id="text" '
            'or @aria-labelledby="text"] | //tr[td[contains(., "by the rule, not recorded")]]'
            ' | //title | //header'
        ):
            hidden.getparent().remove(hidden)
        # The instrument's title names other instruments' dates (the Protocol's does).
        for heading in tree.xpath("//h1"):
            heading.getparent().remove(heading)
        found = later({"page": tree.text_content()}, date.fromisoformat(day),
                      REGISTER.instruments.values())
        if found:
            leaks[f"{path}?as_of={day}"] = found
    assert {} == leaks


def test_a_participant_page_shows_its_timeline_across_instruments(
    client: httpx2.Client,
) -> None:
    """Georgia in August 2009: a row per instrument it joined, each bar a status with its
    dates, up to the date asked (its withdrawal from the Charter took effect the day
    before)."""
    timeline = section(read(client, "/participants/GEO?as_of=2009-08-19"), "participation")
    marks = svg_titles(timeline)
    assert "Participation over time" == marks[0]
    assert "Charter of the Comm…: party, 1994-04-19 – 2008-08-18" in marks
    assert "Charter of the Comm…: party, withdrawing, 2008-08-18 – 2009-08-18" in marks
    assert not any("2009-08-20" in mark or "2010" in mark for mark in marks)
