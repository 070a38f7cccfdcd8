"""The public pages, rendered on the server (Jinja2): every page answers for a legal date
chosen in the URL (`as_of`) and in English or Russian (`lang`, remembered in a cookie).
They read what the API reads, in the same shapes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from depositary.formats.clauses_library import Library, entry_payload
from depositary.locale import translate
from depositary.locale.labels import CATEGORIES, STATUSES
from depositary.register import queries
from depositary.register.queries import Chart, has_concurrences
from depositary.register.search import search as find
from depositary.shapes import councils
from depositary.shapes.charts import status_public
from depositary.shapes.indexes import InstrumentFilter, Order, instruments_page
from depositary.shapes.instruments import instrument_public
from depositary.shapes.notifications import stored_notifications
from depositary.shapes.participants import participant_public
from depositary.shapes.public import plain
from depositary.web.deps import AsOf, Read, day, instrument_key
from depositary.web.rendering import instrument_titles, language_of, participant_names, render
from depositary.web.timeline import STATUS_COLOURS, Span, timeline_svg
from depositary.web.worldmap import not_drawn, participation_map

router = APIRouter(include_in_schema=False)

COMMUNITY_BODY = "council-of-heads-of-state"  # whose members the home page shows
HOME_INSTRUMENTS = 40
NOTIFICATIONS_SHOWN = 20
SHORT_TITLE = 20  # characters of a title that fit a timeline row's label


@router.get("/", response_class=HTMLResponse)
def home(request: Request, read: Read, as_of: AsOf = None) -> HTMLResponse:
    """The register at a glance on the date: the community's member states by category
    and their timeline (where the register has councils), the bodies and their chairs,
    the instruments, the latest notifications. What it shows comes from the register and
    the settings: a register of UN treaties gets its own home, not the Commonwealth's."""
    on, language, found = day(as_of), language_of(request), read.register()
    settings = request.app.state.settings
    community = _community_body(found, settings.community_body)
    by_category: dict[str, list[dict[str, Any]]] = {}
    former: list[dict[str, Any]] = []
    timeline = Markup("")
    if community is not None:
        membership = plain(councils.members_public(found, community, on, language))
        for member in membership["members"]:
            by_category.setdefault(member["category"], []).append(member)
        former = membership["former"]
        timeline = _timeline(found.councils.membership_spans(community),
                             participant_names(found, on, language), on, first=_first_day(found),
                             labels=CATEGORIES.in_language(language),
                             title=translate(language, "Membership over time"))
    bodies = [
        {"alias": b.body, "name": b.name, "chair": _chair(found, b.body, on, language)}
        for b in councils.bodies_public(found, language)
    ]
    # The newest notifications dated by the day asked: read from the end of the log.
    log = read.latest_of_kind("notification", 500)[::-1]
    latest = [
        plain(n) for n in stored_notifications(log, found, language)
        if n.date <= on.isoformat()
    ][-10:][::-1]
    adopted = queries.adopted_by(found, on)
    if community is None:  # no councils to show: the instruments most states are bound by
        shown = instruments_page(found, on, language, InstrumentFilter(order=Order.PARTIES),
                                 1, HOME_INSTRUMENTS)
        featured = [found.instrument(i.alias) for i in shown.items]
    else:
        featured = list(adopted[:HOME_INSTRUMENTS])
    # A register of thousands (an import) lists its first instruments and counts the rest.
    return render(request, "home.html", on, by_category=by_category, bodies=bodies,
                  former=former, timeline=timeline, community=community,
                  site_title=_site_title(settings.site_title, community, language),
                  notifications=latest, instruments=featured,
                  names=participant_names(found, on, language),
                  titles=instrument_titles(found, language),
                  more=max(len(adopted) - len(featured), 0))


def _community_body(found: Any, chosen: str | None) -> str | None:
    """The body whose members are the community: the one the settings name, else the
    Commonwealth's Council of Heads of State, else the register's first body, else none."""
    bodies = found.councils.bodies
    if chosen:
        found.councils.body(chosen)  # a body the register lacks is refused by name
        return chosen
    if COMMUNITY_BODY in bodies:
        return COMMUNITY_BODY
    return next(iter(sorted(bodies)), None)


def _site_title(chosen: str | None, community: str | None, language: str) -> str:
    if chosen:
        return chosen
    if community == COMMUNITY_BODY:
        return translate(language, "Commonwealth of Independent States")
    return translate(language, "Treaty register")


def _first_day(found: Any) -> date | None:
    """Where the community's timeline starts: its first instrument's adoption."""
    days = [i.adopted for i in found.instruments.values() if i.adopted is not None]
    return min(days, default=None)


def _chair(found: Any, body: str, on: date, language: str) -> str | None:
    """The chair on the day as the record has it, with who sat for the state; a term
    the record lacks says "unknown", one only the rule gives says so."""
    councils = found.councils
    term = councils.chair_on(body, on)
    if term is None:
        return None
    if term.participant is None:
        return translate(language, "unknown")
    name = found.participant(term.participant).name(on, language)
    post = councils.body(body).chair_post
    person = councils.person_for(post, term.person, term.participant, on) if post else None
    text = f"{name} ({person.name(language)})" if person else name
    if not term.recorded:
        text += translate(language, " — by the rule, not recorded")
    return text


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, read: Read, q: str = "", as_of: AsOf = None) -> HTMLResponse:
    """Instruments by title or text, participants by name, in either language."""
    hits = find(read.register(), q[:200], language_of(request)) if q.strip() else []
    return render(request, "search.html", day(as_of), query=q, hits=hits)


def _library_reading(request: Request, alias: str) -> dict[str, Any] | None:
    """For a treaty imported from a UN table or the IEADB, the library's reading of its
    final clauses: each article quoted, with its source and confidence. The library is read
    once per application, when a page first needs it."""
    if not alias.startswith(("mtdsg-", "ieadb-")):
        return None
    library: Library | None = getattr(request.app.state, "library", None)
    if library is None:
        library = request.app.state.library = Library.read()
    entry = library.find(alias)
    return entry_payload(entry) if entry is not None else None


def _statuses(chart: Chart) -> dict[str, str]:
    """The chart's statuses by participant: what the map of participation draws."""
    return {row.participant: row.status.value for row in chart.rows}


@router.get("/instruments/{key:path}/map.svg", response_class=Response,
            responses={200: {"content": {"image/svg+xml": {}}}})
def instrument_map(request: Request, read: Read, key: str, as_of: AsOf = None) -> Response:
    """The instrument's participation map on the date, to download."""
    on, key = day(as_of), instrument_key(key)
    language = language_of(request)
    chart = read.status_chart(key, on, language)
    title = translate(language, "Participation on %(day)s", day=on.isoformat())
    drawn = participation_map(_statuses(chart), title=title, labels=STATUSES.in_language(language),
                              names=participant_names(read.register(), on, language), on=on)
    # Shown in the page as an image (the page stays small, the map is cached apart);
    # the page's download link names the file.
    return Response(drawn.svg, media_type="image/svg+xml")


@router.get("/instruments/{key:path}", response_class=HTMLResponse)
def instrument(request: Request, read: Read, key: str, as_of: AsOf = None) -> HTMLResponse:
    """An instrument: its infobox, its status chart in the UN's layout on the date, the
    participation timeline, related instruments, its notifications, its text by article."""
    on, language, key = day(as_of), language_of(request), instrument_key(key)
    chart = read.status_chart(key, on, language)
    found = read.register()  # the relations read every instrument: the whole register
    about = plain(instrument_public(found, key, language, on))
    subject = found.instrument(key)
    texts = subject.texts
    # The text in the language asked, else the first the register holds; the others linked.
    shown = request.query_params.get("text") or (language if language in texts else None)
    text = texts.get(shown) if shown else next(iter(texts.values()), None)
    # Each participant's statuses over time, as the engine's intervals give them.
    spans = [
        (code, interval.status.value, interval.period.start, interval.period.end)
        for code, intervals in found.evaluation(subject.id).intervals.items()
        for interval in intervals
        if interval.period.start is None or interval.period.start <= on
    ]
    timeline = _timeline(spans, participant_names(found, None, language), on,
                         colours=STATUS_COLOURS,
                         title=translate(language, "Participation over time"),
                         labels=STATUSES.in_language(language))
    notices = [n for n in read.instrument_notifications(key, language)
               if n["date"] <= on.isoformat()]
    # The page shows the map as an image (map.svg): here, only what it cannot draw.
    names = participant_names(found, on, language)
    missing = not_drawn(_statuses(chart), on)
    return render(request, "instrument.html", on, chart=plain(status_public(chart)),
                  final_clauses=_library_reading(request, subject.alias),
                  box=about["infobox"], title=chart.instrument.title(language),
                  relations=about["relations"], related_by=about["related_by"],
                  text=text, text_languages=sorted(texts), timeline=timeline,
                  notifications=notices[:NOTIFICATIONS_SHOWN],
                  more_notifications=max(len(notices) - NOTIFICATIONS_SHOWN, 0),
                  world_map=bool(chart.rows), not_drawn=[names.get(c, c) for c in missing],
                  concurrences=has_concurrences(chart.rows))


def _timeline(spans: Sequence[Span], names: dict[str, str], on: date,
              first: date | None = None, **style: Any) -> Markup:
    """A timeline from the first period (or `first`) to the date asked: nothing after it
    is drawn (a page on a date tells nothing of later dates); nothing where there is no
    period to draw."""
    shown = [
        (code, kind, start, end if end is not None and end <= on else on)
        for code, kind, start, end in spans if start is None or start <= on
    ]
    if not shown:
        return Markup("")
    starts = [start for _, _, start, _ in shown if start is not None]
    start = first or min(starts, default=on)
    return Markup(timeline_svg(shown, names, start, on, on, **style))


@router.get("/participants/{code}", response_class=HTMLResponse)
def participant(request: Request, read: Read, code: str, as_of: AsOf = None) -> HTMLResponse:
    """A participant: everything binding it on the date, with reasons."""
    on, language, found = day(as_of), language_of(request), read.register()
    view = plain(participant_public(read.participant_view(code, on, language), found))
    titles = instrument_titles(found, language)
    # Its statuses in every instrument over time: a row per instrument, by a title short
    # enough for the row's label (the full title is the row's link in the lists above).
    timeline = _timeline(read.participant_spans(code), {
        alias: title if len(title) <= SHORT_TITLE else title[:SHORT_TITLE - 1] + "…"
        for alias, title in titles.items()}, on, colours=STATUS_COLOURS,
        title=translate(language, "Participation over time"),
        labels=STATUSES.in_language(language))
    return render(request, "participant.html", on, view=view, memberships=view["memberships"],
                  statements=view["statements"], titles=titles, timeline=timeline)


@router.get("/bodies/{alias}", response_class=HTMLResponse)
def body(request: Request, read: Read, alias: str, as_of: AsOf = None) -> HTMLResponse:
    """A body: its members on the date by category, its membership over time, and the
    chair's terms."""
    on, language, found = day(as_of), language_of(request), read.register()
    membership = plain(councils.members_public(found, alias, on, language))
    held = found.councils.body(alias)
    chaired = held.rotation is not None or held.chair_post is not None
    terms = [t for t in map(plain, councils.chairs_public(found, alias, on + timedelta(days=1),
                                                               language))
             if t["start"] <= on.isoformat() or not t["recorded"]] if chaired else []
    timeline = _timeline(found.councils.membership_spans(alias),
                         participant_names(found, on, language), on,
                         labels=CATEGORIES.in_language(language),
                         title=translate(language, "Membership over time"))
    return render(request, "body.html", on, membership=membership, chairs=terms,
                  timeline=timeline,
                  name=found.councils.body(alias).name(language),
                  sessions=[plain(s) for s in councils.sessions_public(found, alias, language)
                            if s.date <= on],
                  chair_post=found.councils.body(alias).chair_post)


@router.get("/sessions/{session}", response_class=HTMLResponse)
def session_page(request: Request, read: Read, session: str) -> HTMLResponse:
    """A session: who attended for whom, the chair, and each draft with every state's
    position, the outcome and its reasons."""
    found, language = read.register(), language_of(request)
    held = found.councils.session(session)
    data = plain(next(s for s in councils.sessions_public(found, held.body, language)
                      if s.session == session))
    return render(request, "session.html", held.day, session=data,
                  body=found.councils.body(held.body).name(language))


@router.get("/posts/{alias}", response_class=HTMLResponse)
def post_page(request: Request, read: Read, alias: str, as_of: AsOf = None) -> HTMLResponse:
    """A post and its holders: on the date, and all those recorded."""
    on, language, found = day(as_of), language_of(request), read.register()
    post = found.councils.post(alias)
    record = councils.appointments_json(found, alias, on, language)
    return render(request, "post.html", on, name=post.name(language, on),
                  holders=plain(councils.holders_public(found, alias, on, language))["holders"],
                  appointments=record)
