"""The JSON API: every read the CLI has, in the same shapes (the `*Public` models of
depositary.shapes, which the OpenAPI document describes), on any legal date
(`as_of`, default the depositary's day) and in English or Russian (`language`).
Instruments are named by alias or by their Akoma Ntoso-style work URI, participants by
ISO 3166 code."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from depositary.app.stored import utc_today
from depositary.register.search import search as find
from depositary.shapes import councils, popolo
from depositary.shapes.akoma_ntoso import akoma_ntoso
from depositary.shapes.charts import changes_page, history_public, overview_page, status_public
from depositary.shapes.indexes import instruments_page, participants_page
from depositary.shapes.instruments import instrument_public
from depositary.shapes.notifications import notifications_page
from depositary.shapes.participants import participant_public
from depositary.shapes.public import (
    ChangesPage,
    HistoryPublic,
    HitPublic,
    InstrumentPublic,
    InstrumentsPage,
    NotificationsPage,
    OverviewPage,
    ParticipantPublic,
    ParticipantsPage,
    StatusPublic,
    plain,
)
from depositary.shapes.public_councils import (
    BodyPublic,
    ChairTermPublic,
    HoldersPublic,
    MembersPublic,
    PopoloPublic,
    SessionPublic,
)
from depositary.shapes.search import hit_public
from depositary.web.deps import (
    AsOf,
    InstrumentsAsked,
    Lang,
    Language,
    Page,
    PerPage,
    Read,
    Since,
    Until,
    as_recorded_time,
    changes_period,
    day,
    instrument_key,
)
from depositary.web.problems import READS, documented

router = APIRouter(prefix="/api", tags=["register"], responses=documented(READS),
                   dependencies=[Depends(as_recorded_time)])


@router.get("/instruments", summary="The instruments on a date, a page at a time")
def instruments(read: Read, asked: InstrumentsAsked, as_of: AsOf = None, page: Page = 1,
                per_page: PerPage = 100, language: Lang = Language.en) -> InstrumentsPage:
    """Filtered by kind, year of adoption, state on the date, participant or words of
    the title; sorted by adoption (oldest first), title or parties; with each one's state
    and counts on the date and how many match of each kind."""
    return instruments_page(read.register(), day(as_of), language.value, asked, page,
                            per_page)


@router.get("/participants", summary="The participants, a page at a time")
def participants(read: Read, as_of: AsOf = None, page: Page = 1, per_page: PerPage = 100,
                 q: Annotated[str | None, Query(max_length=200)] = None,
                 language: Lang = Language.en) -> ParticipantsPage:
    """By name on the date, with how many instruments each has a status in and is bound
    by on the date."""
    return participants_page(read.register(), day(as_of), language.value, q, page, per_page)


@router.get("/changes", summary="Every change of status between two dates")
def changes(read: Read, since: Since = None, until: Until = None, page: Page = 1,
            per_page: PerPage = 100, language: Lang = Language.en) -> ChangesPage:
    """In (from, to], in date order, each with its reasons (in `language`): what the CLI's
    `changes` prints."""
    start, end = changes_period(since, until)
    return changes_page(read.register(), start, end, page, per_page, language.value)


@router.get("/overview", summary="Every instrument by every participant on a date")
def overview(read: Read, as_of: AsOf = None, page: Page = 1, per_page: PerPage = 50,
             language: Lang = Language.en) -> OverviewPage:
    """The CLI's `overview`, a page of instruments at a time (oldest first): each one's
    state and counts, and each participant's status in each."""
    return OverviewPage.model_validate(
        overview_page(read.register(), day(as_of), language.value, page, per_page))


@router.get("/instruments/{key:path}/status.csv", summary="The status chart as CSV",
            response_class=Response, responses={200: {"content": {"text/csv": {}}}})
def status_csv(read: Read, key: str, as_of: AsOf = None,
               language: Lang = Language.en) -> Response:
    """The same rows as the JSON chart, one per participant: for a spreadsheet."""
    chart = plain(status_public(
        read.status_chart(instrument_key(key), day(as_of), language.value)
    ))
    out = io.StringIO()
    columns = ["participant", "name", "status", "signature", "consent", "in_force_from",
               "in_force_until", "reservations", "reasons", "confidence", "sources", "conflicts"]
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in chart["participants"]:
        writer.writerow({c: "; ".join(row[c]) if isinstance(row[c], list) else row[c]
                         for c in columns})
    name = f"{chart['instrument']}-{chart['as_of']}.csv"
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/instruments/{key:path}/status", summary="An instrument's status chart on a date")
def status(read: Read, key: str, as_of: AsOf = None,
           language: Lang = Language.en) -> StatusPublic:
    chart = read.status_chart(instrument_key(key), day(as_of), language.value)
    return status_public(chart)


@router.get("/instruments/{key:path}/history",
            summary="Every participant's statuses in an instrument over time, with reasons")
def history(read: Read, key: str, language: Lang = Language.en) -> HistoryPublic:
    held = read.instrument_register(instrument_key(key))
    return history_public(held, instrument_key(key), language.value)


@router.get("/instruments/{key:path}/notifications",
            summary="An instrument's depositary notifications, newest first")
def instrument_notifications(read: Read, key: str, page: Page = 1, per_page: PerPage = 50,
                             language: Lang = Language.en) -> NotificationsPage:
    held = read.register()
    log = read.entries_about([held.instrument(instrument_key(key)).id])
    return notifications_page(log, held, language.value, page, per_page)


@router.get("/instruments/{key:path}/akn.xml", summary="The instrument in Akoma Ntoso 3.0",
            response_class=Response,
            responses={200: {"content": {"application/akn+xml": {}}}})
def akn(read: Read, key: str, as_of: AsOf = None,
        language: Lang = Language.en) -> Response:
    """One expression (the text in `language`, if the register holds it), with its
    signature and entry into force, and the status chart on `as_of` as proprietary
    metadata; valid against the official Akoma Ntoso 3.0 schema."""
    chart = read.status_chart(instrument_key(key), day(as_of), language.value)
    document = akoma_ntoso(chart.instrument, language.value, chart, utc_today())
    name = f"{chart.instrument.alias}-{language.value}.xml"
    return Response(document, media_type="application/akn+xml",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/instruments/{key:path}", summary="An instrument: infobox, relations and texts")
def instrument(read: Read, key: str, language: Lang = Language.en) -> InstrumentPublic:
    return instrument_public(read.register(), instrument_key(key), language.value)


@router.get("/participants/{code}", summary="Everything binding a participant on a date")
def participant(read: Read, code: str, as_of: AsOf = None,
                language: Lang = Language.en) -> ParticipantPublic:
    view = read.participant_view(code, day(as_of), language.value)
    return participant_public(view, read.register())


@router.get("/bodies", summary="The bodies, with their procedures")
def bodies(read: Read, language: Lang = Language.en) -> list[BodyPublic]:
    return councils.bodies_public(read.register(), language.value)


@router.get("/bodies/{alias}/members", summary="A body's members on a date, by category")
def members(read: Read, alias: str, as_of: AsOf = None,
            language: Lang = Language.en) -> MembersPublic:
    return councils.members_public(read.register(), alias, day(as_of), language.value)


@router.get("/bodies/{alias}/chairs", summary="The chair's terms up to a date")
def chairs(read: Read, alias: str, until: AsOf = None) -> list[ChairTermPublic]:
    return councils.chairs_public(read.register(), alias, day(until) + timedelta(days=1))


@router.get("/posts/{alias}/holders", summary="Who holds a post on a date")
def holders(read: Read, alias: str, as_of: AsOf = None,
            language: Lang = Language.en) -> HoldersPublic:
    return councils.holders_public(read.register(), alias, day(as_of), language.value)


@router.get("/sessions", summary="Sessions, drafts, positions and decisions")
def sessions(read: Read, body: str | None = None) -> list[SessionPublic]:
    return councils.sessions_public(read.register(), body)


@router.get("/popolo.json", summary="The councils as one Popolo document")
def popolo_document(read: Read, language: Lang = Language.en) -> PopoloPublic:
    """Bodies, states, persons, posts, memberships over time, sessions, motions and vote
    events, valid against the bundled Popolo schemas (docs/popolo.md)."""
    return PopoloPublic(**popolo.export(read.register(), language.value))


@router.get("/notifications", summary="The depositary notifications, newest first")
def notifications(read: Read, page: Page = 1, per_page: PerPage = 50,
                  language: Lang = Language.en) -> NotificationsPage:
    log = read.entries_about(["notification"])
    return notifications_page(log, read.register(), language.value, page, per_page)


@router.get("/search", summary="Instruments (titles, texts) and participants (names)")
def search(read: Read, q: Annotated[str, Query(min_length=1, max_length=200)],
           language: Lang = Language.en) -> list[HitPublic]:
    return [hit_public(h) for h in find(read.register(), q, language.value)]
