"""The JSON API: every read the CLI has, in the same shapes (the `*Public` models of
depositary.shapes, which the OpenAPI document describes), on any legal date
(`as_of`, default the depositary's day) and in English or Russian (`language`).
Instruments are named by alias or by their Akoma Ntoso-style work URI, participants by
ISO 3166 code."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import AfterValidator

from depositary.app.stored import StoredRegister, transaction_time, utc_today
from depositary.domain.periods import in_calendar
from depositary.register import Register
from depositary.register.search import search as find
from depositary.shapes import councils, popolo
from depositary.shapes.akoma_ntoso import akoma_ntoso
from depositary.shapes.charts import history_public, status_public
from depositary.shapes.instruments import instrument_public, summary_public
from depositary.shapes.notifications import notifications_page, stored_notifications
from depositary.shapes.participants import participant_public
from depositary.shapes.public import (
    HistoryPublic,
    HitPublic,
    InstrumentPublic,
    InstrumentSummary,
    NotificationsPage,
    ParticipantPublic,
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
from depositary.web import auth
from depositary.web.reading import Reading


async def as_recorded_time(as_recorded: Annotated[str | None, Query(
    description="For audit: answer from the register as it stood at this transaction time "
    "(ISO 8601 date or time, UTC if no zone; a date means the end of that day); default: "
    "as it stands now.")] = None) -> None:
    """Every read takes `as_recorded`; a time that cannot be read is refused here (422).
    Async because it only parses a string: a plain function would cost every request a
    trip to the thread pool and back."""
    if as_recorded:
        transaction_time(as_recorded)


router = APIRouter(prefix="/api", tags=["register"],
                   dependencies=[Depends(as_recorded_time)])


class Language(StrEnum):
    en = "en"
    ru = "ru"


AsOf = Annotated[date | None, Query(description="The legal date (YYYY-MM-DD); default today."),
                 AfterValidator(in_calendar)]
Lang = Annotated[Language, Query(description="Language of names and titles.")]
Page = Annotated[int, Query(ge=1, description="Page number, from 1.")]
PerPage = Annotated[int, Query(ge=1, le=500, description="Items per page.")]


def ledger(request: Request) -> StoredRegister:
    found: StoredRegister = request.app.state.ledger
    return found


def reading(request: Request) -> Reading:
    """The register as it stands, or as recorded at the time the request asks for."""
    return Reading(ledger(request), request.query_params.get("as_recorded") or None,
                   request.app.state.past, lambda: _charged(request))


def _charged(request: Request) -> str | None:
    """Who pays for a new past register: an anonymous client, by its address; a person
    signed in (an auditor with an account) is not counted."""
    try:
        if auth.person(request) is not None:
            return None
    except auth.Unauthenticated:
        pass  # a token that is not valid reads as anyone does
    return auth.client_of(request)


def register(request: Request) -> Register:
    return reading(request).register()


def day(as_of: date | None) -> date:
    return as_of or utc_today()


def instrument_key(key: str) -> str:
    """An alias, or a work URI given in the path (/api/instruments/akn/...: the URI's own
    leading slash is the path's separator)."""
    return f"/{key}" if key.startswith("akn/") else key


@router.get("/instruments", summary="The instruments, oldest first")
def instruments(request: Request) -> list[InstrumentSummary]:
    found = sorted(register(request).instruments.values(),
                   key=lambda i: (i.adopted or date.min, i.alias))
    return [summary_public(i) for i in found]


@router.get("/instruments/{key:path}/status.csv", summary="The status chart as CSV",
            response_class=Response, responses={200: {"content": {"text/csv": {}}}})
def status_csv(request: Request, key: str, as_of: AsOf = None,
               language: Lang = Language.en) -> Response:
    """The same rows as the JSON chart, one per participant: for a spreadsheet."""
    chart = plain(status_public(
        reading(request).status_chart(instrument_key(key), day(as_of), language.value)
    ))
    out = io.StringIO()
    columns = ["participant", "name", "status", "signature", "consent", "in_force_from",
               "reservations", "reasons", "confidence", "sources", "conflicts"]
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in chart["participants"]:
        writer.writerow({c: "; ".join(row[c]) if isinstance(row[c], list) else row[c]
                         for c in columns})
    name = f"{chart['instrument']}-{chart['as_of']}.csv"
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/instruments/{key:path}/status", summary="An instrument's status chart on a date")
def status(request: Request, key: str, as_of: AsOf = None,
           language: Lang = Language.en) -> StatusPublic:
    chart = reading(request).status_chart(instrument_key(key), day(as_of), language.value)
    return status_public(chart)


@router.get("/instruments/{key:path}/history",
            summary="Every participant's statuses in an instrument over time, with reasons")
def history(request: Request, key: str, language: Lang = Language.en) -> HistoryPublic:
    held = reading(request).instrument_register(instrument_key(key))
    return history_public(held, instrument_key(key), language.value)


@router.get("/instruments/{key:path}/notifications",
            summary="An instrument's depositary notifications, newest first")
def instrument_notifications(request: Request, key: str, page: Page = 1, per_page: PerPage = 50,
                             language: Lang = Language.en) -> NotificationsPage:
    held = register(request)
    log = reading(request).entries_about([held.instrument(instrument_key(key)).id])
    return notifications_page(log, held, language.value, page, per_page)


@router.get("/instruments/{key:path}/akn.xml", summary="The instrument in Akoma Ntoso 3.0",
            response_class=Response,
            responses={200: {"content": {"application/akn+xml": {}}}})
def akn(request: Request, key: str, as_of: AsOf = None,
        language: Lang = Language.en) -> Response:
    """One expression (the text in `language`, if the register holds it), with its
    signature and entry into force, and the status chart on `as_of` as proprietary
    metadata; valid against the official Akoma Ntoso 3.0 schema."""
    chart = reading(request).status_chart(instrument_key(key), day(as_of), language.value)
    document = akoma_ntoso(chart.instrument, language.value, chart, utc_today())
    name = f"{chart.instrument.alias}-{language.value}.xml"
    return Response(document, media_type="application/akn+xml",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/instruments/{key:path}", summary="An instrument: infobox, relations and texts")
def instrument(request: Request, key: str, language: Lang = Language.en) -> InstrumentPublic:
    return instrument_public(register(request), instrument_key(key), language.value)


@router.get("/participants/{code}", summary="Everything binding a participant on a date")
def participant(request: Request, code: str, as_of: AsOf = None,
                language: Lang = Language.en) -> ParticipantPublic:
    view = reading(request).participant_view(code, day(as_of), language.value)
    return participant_public(view, register(request))


@router.get("/bodies", summary="The bodies, with their procedures")
def bodies(request: Request, language: Lang = Language.en) -> list[BodyPublic]:
    return councils.bodies_public(register(request), language.value)


@router.get("/bodies/{alias}/members", summary="A body's members on a date, by category")
def members(request: Request, alias: str, as_of: AsOf = None,
            language: Lang = Language.en) -> MembersPublic:
    return councils.members_public(register(request), alias, day(as_of), language.value)


@router.get("/bodies/{alias}/chairs", summary="The chair's terms up to a date")
def chairs(request: Request, alias: str, until: AsOf = None) -> list[ChairTermPublic]:
    return councils.chairs_public(register(request), alias, day(until) + timedelta(days=1))


@router.get("/posts/{alias}/holders", summary="Who holds a post on a date")
def holders(request: Request, alias: str, as_of: AsOf = None,
            language: Lang = Language.en) -> HoldersPublic:
    return councils.holders_public(register(request), alias, day(as_of), language.value)


@router.get("/sessions", summary="Sessions, drafts, positions and decisions")
def sessions(request: Request, body: str | None = None) -> list[SessionPublic]:
    return councils.sessions_public(register(request), body)


@router.get("/popolo.json", summary="The councils as one Popolo document")
def popolo_document(request: Request, language: Lang = Language.en) -> PopoloPublic:
    """Bodies, states, persons, posts, memberships over time, sessions, motions and vote
    events, valid against the bundled Popolo schemas (docs/popolo.md)."""
    return PopoloPublic(**popolo.export(register(request), language.value))


@router.get("/notifications", summary="The depositary notifications, newest first")
def notifications(request: Request, page: Page = 1, per_page: PerPage = 50,
                  language: Lang = Language.en) -> NotificationsPage:
    log = reading(request).entries_about(["notification"])
    return notifications_page(log, register(request), language.value, page, per_page)


def instrument_notices(request: Request, key: str, language: str) -> list[dict[str, Any]]:
    """An instrument's notifications, newest first, read through the log's index."""
    held = register(request)
    log = reading(request).entries_about([held.instrument(instrument_key(key)).id])
    return [plain(n) for n in stored_notifications(log, held, language)][::-1]


@router.get("/search", summary="Instruments (titles, texts) and participants (names)")
def search(request: Request, q: Annotated[str, Query(min_length=1, max_length=200)],
           language: Lang = Language.en) -> list[HitPublic]:
    return [hit_public(h) for h in find(register(request), q, language.value)]
