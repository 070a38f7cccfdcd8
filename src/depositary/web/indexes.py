"""The index pages a reader expects beside each instrument's and participant's page: the
instruments (filtered, sorted, counted), the participants, the bodies, the posts, the
depositary notifications, what changed between two dates, and the instrument ×
participant overview on a date. Each has its JSON twin under /api, in the same shape."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from depositary.domain.instruments import InstrumentKind
from depositary.register import queries
from depositary.shapes import councils
from depositary.shapes.charts import changes_page, overview_page
from depositary.shapes.indexes import instruments_page, participants_page
from depositary.shapes.notifications import notifications_page
from depositary.shapes.public import plain
from depositary.web.deps import (
    AsOf,
    InstrumentsAsked,
    Page,
    Read,
    Since,
    Until,
    changes_period,
    day,
)
from depositary.web.rendering import instrument_titles, language_of, participant_names, render

router = APIRouter(include_in_schema=False)

PER_PAGE = 50


@dataclass(frozen=True, slots=True)
class Pager:
    """Where a page is among the pages of an index, and the links to its neighbours
    (the request's own query with another page number)."""

    page: int
    pages: int
    total: int
    previous: str | None
    next: str | None


def pager(request: Request, page: int, total: int, per_page: int = PER_PAGE) -> Pager:
    pages = max((total + per_page - 1) // per_page, 1)

    def link(number: int) -> str | None:
        if not 1 <= number <= pages or number == page:
            return None
        asked = request.url.include_query_params(page=number).remove_query_params("lang")
        return f"{request.url.path}?{asked.query}"

    return Pager(page, pages, total, link(page - 1), link(page + 1))


@router.get("/instruments", response_class=HTMLResponse)
def instruments(request: Request, read: Read, asked: InstrumentsAsked, as_of: AsOf = None,
                page: Page = 1) -> HTMLResponse:
    """Every instrument, filtered by kind, year, state on the date, participant or
    words of the title; sorted; with its state and counts on the date."""
    on, language = day(as_of), language_of(request)
    found = instruments_page(read.register(), on, language, asked, page, PER_PAGE)
    return render(request, "index_instruments.html", on, found=plain(found), asked=asked,
                  kinds=[k.value for k in InstrumentKind],
                  state_values=[s.value for s in queries.State],
                  pager=pager(request, page, found.total))


@router.get("/participants", response_class=HTMLResponse)
def participants(request: Request, read: Read, as_of: AsOf = None, page: Page = 1,
                 q: str = "") -> HTMLResponse:
    """Every participant by its name on the date, with what it is bound by."""
    on, language = day(as_of), language_of(request)
    found = participants_page(read.register(), on, language, q[:200] or None, page, PER_PAGE)
    return render(request, "index_participants.html", on, found=plain(found), query=q,
                  pager=pager(request, page, found.total))


@router.get("/bodies", response_class=HTMLResponse)
def bodies(request: Request, read: Read, as_of: AsOf = None) -> HTMLResponse:
    """The councils and other bodies, with their members on the date."""
    on, language, found = day(as_of), language_of(request), read.register()
    listed = [
        {"alias": b.body, "name": b.name,
         "members": len(councils.members_public(found, b.body, on, language).members)}
        for b in councils.bodies_public(found, language)
    ]
    return render(request, "index_bodies.html", on, bodies=listed)


@router.get("/posts", response_class=HTMLResponse)
def posts(request: Request, read: Read, as_of: AsOf = None) -> HTMLResponse:
    """The offices, with who holds each on the date."""
    on, language, found = day(as_of), language_of(request), read.register()
    listed = [
        {"alias": alias, "name": post.name(language, on),
         "holders": plain(councils.holders_public(found, alias, on, language))["holders"]}
        for alias, post in sorted(found.councils.posts.items())
    ]
    return render(request, "index_posts.html", on, posts=listed)


@router.get("/notifications", response_class=HTMLResponse)
def notifications(request: Request, read: Read, as_of: AsOf = None,
                  page: Page = 1) -> HTMLResponse:
    """The depositary's notifications, newest first, a page at a time."""
    on, language, held = day(as_of), language_of(request), read.register()
    found = notifications_page(read.entries_about(["notification"]), held, language, page,
                               PER_PAGE)
    return render(request, "index_notifications.html", on, found=plain(found),
                  pager=pager(request, page, found.total),
                  names=participant_names(held, on, language),
                  titles=instrument_titles(held, language))


@router.get("/changes", response_class=HTMLResponse)
def changes(request: Request, read: Read, since: Since = None, until: Until = None,
            page: Page = 1) -> HTMLResponse:
    """Every change of status in (from, to], as the CLI's `changes`."""
    start, end = changes_period(since, until)
    found, language = read.register(), language_of(request)
    listed = changes_page(found, start, end, page, PER_PAGE, language)
    return render(request, "index_changes.html", end, since=start, until=end,
                  changes=listed.items, titles=instrument_titles(found, language),
                  names=participant_names(found, end, language),
                  pager=pager(request, page, listed.total))


@router.get("/overview", response_class=HTMLResponse)
def overview(request: Request, read: Read, as_of: AsOf = None, page: Page = 1) -> HTMLResponse:
    """Every instrument by every participant on the date: who is bound by what."""
    on = day(as_of)
    view = overview_page(read.register(), on, language_of(request), page, PER_PAGE)
    return render(request, "index_overview.html", on, view=view,
                  pager=pager(request, page, view["total"]))

