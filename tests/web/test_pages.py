"""The public pages over HTTP: each answers for the date in its URL, in English or
Russian; an unknown page is a page, not a traceback."""

from __future__ import annotations

from datetime import date

import httpx


def page(client: httpx.Client, path: str) -> str:
    response = client.get(path)
    assert 200 == response.status_code, response.text
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def test_home_shows_the_member_states_the_councils_and_the_timeline(
    client: httpx.Client,
) -> None:
    html = page(client, "/?as_of=1994-06-30")
    assert 'value="1994-06-30"' in html  # the date chooser holds the date asked
    assert "member state" in html and "participating non member" in html
    assert 'href="/participants/GEO?as_of=1994-06-30">Georgia' in html
    assert "<svg" in html and "Membership over time" in html
    assert 'href="/bodies/council-of-heads-of-state?as_of=1994-06-30"' in html


def test_the_instrument_page_shows_the_chart_on_the_date(client: httpx.Client) -> None:
    html = page(client, "/instruments/alma-ata-protocol?as_of=1993-06-01")
    row = html.split('data-participant="AZE"')[1].split("</tr>")[0]
    assert ">signatory<" in row
    assert "Date signed" in html


def test_the_participant_and_body_pages(client: httpx.Client) -> None:
    assert "cis-charter" in page(client, "/participants/GEO?as_of=1994-06-30")
    html = page(client, "/bodies/council-of-heads-of-state?as_of=2019-01-01")
    assert "recalled from the statutory bodies on 2018-05-19" in html


def test_the_language_is_switched_and_remembered(client: httpx.Client) -> None:
    response = client.get("/?lang=ru")
    assert "Содружество Независимых Государств" in response.text
    assert "ru" == response.cookies.get("lang")
    assert "Содружество Независимых Государств" in client.get("/").text


def test_an_unknown_instrument_is_a_not_found_page(client: httpx.Client) -> None:
    response = client.get("/instruments/nope")
    assert 404 == response.status_code
    assert "no instrument &#39;nope&#39;" in response.text


def test_static_assets_are_served_locally(client: httpx.Client) -> None:
    css = client.get("/static/site.css")
    assert 200 == css.status_code
    assert "text/css" in css.headers["content-type"]


def test_search_finds_instruments_and_participants(client: httpx.Client) -> None:
    html = page(client, "/search?q=устав")
    assert 'href="/instruments/cis-charter?' in html
    found = client.get("/api/search", params={"q": "ukraine"}).json()
    assert {"kind": "participant", "key": "UKR"} == {
        k: found[0][k] for k in ("kind", "key")
    }
    assert 422 == client.get("/api/search", params={"q": ""}).status_code


def test_a_post_page_shows_its_holders(client: httpx.Client) -> None:
    html = page(client, "/posts/chair-council-of-heads-of-state?as_of=1994-06-01")
    assert "Boris Yeltsin (appointed, RUS)" in html
    border = page(client, "/posts/commander-in-chief-border-troops?as_of=1992-01-15")
    assert "not recorded" in border  # the end of Kalinichenko's command
    assert 404 == client.get("/posts/nope").status_code
    assert 404 == client.get("/sessions/nope").status_code


def test_the_instrument_page_has_its_text_by_article(client: httpx.Client) -> None:
    html = page(client, "/instruments/belovezha-agreement")
    assert 'id="article-6"' in html
    assert "nuclear" in html.split('id="article-6"')[1].split("</article>")[0].lower()


def test_a_participant_page_shows_its_membership_of_bodies_over_time(
    client: httpx.Client,
) -> None:
    html = page(client, "/participants/GEO?as_of=2010-01-01")
    section = html.split('id="bodies"')[1].split("</section>")[0]
    assert "Council of Heads of State" in section
    # Admitted and acceded, a member state from its ratification, then withdrawn.
    assert "acceding-state 1993-12-03 – 1994-04-19; member-state 1994-04-19 – 2009-08-18" in (
        section)


def test_a_participant_page_shows_its_reservations(client: httpx.Client) -> None:
    """Ukraine's reservation at signature of the Provisional Rules of 1992: decisions taken
    without it are advisory for it."""
    html = page(client, "/participants/UKR?as_of=1995-01-01")
    section = html.split('id="statements"')[1].split("</section>")[0]
    assert "reservation" in section and "rules-of-procedure-1992" in section
    assert 'id="statements"' not in page(client, "/participants/UKR?as_of=1991-12-31")


def test_the_instrument_page_shows_participation_relations_notifications_downloads(
    client: httpx.Client,
) -> None:
    html = page(client, "/instruments/cis-charter?as_of=1994-06-30")
    assert "Participation over time" in html
    # Each bar is titled with its participant, status and dates.
    assert "<title>Georgia: party, 1994-" in html
    assert 'href="/instruments/charter-adoption-decision-1993?as_of=1994-06-30"' in html
    assert "/api/instruments/cis-charter/akn.xml?as_of=1994-06-30" in html
    notices = html.split('id="notifications"')[1]
    assert "<time" in notices
    # Only notifications up to the date asked.
    assert all(d <= "1994-06-30" for d in
               (part.split('"')[0] for part in notices.split('datetime="')[1:]))


def test_a_body_page_shows_its_membership_over_time(client: httpx.Client) -> None:
    html = page(client, "/bodies/council-of-heads-of-state?as_of=2010-01-01")
    section = html.split('id="over-time"')[1].split("</section>")[0]
    assert "<svg" in section and "<title>Georgia: member-state, 1994-04-19 – 2009-08-18" in section


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


def test_a_page_on_a_date_tells_of_no_later_date(client: httpx.Client) -> None:
    """What a reader sees on a page asked for a date (sources and notes aside, the next
    chair the rule proposes aside, and the treaty's text aside) names no later date but a
    pending withdrawal's effect (tests/shapes/test_as_of.py checks the answers behind them)."""
    from lxml import html as lxml_html

    from tests.shapes.test_as_of import REGISTER, later

    leaks = {}
    for path, day in PAGES_ON_A_DATE:
        tree = lxml_html.fromstring(page(client, f"{path}?as_of={day}"))
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
