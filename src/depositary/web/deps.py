"""What a request depends on, given to the routes as FastAPI dependencies and parameter
types: the stored register and the reading of it the request asks for (now, or as recorded
at a past time), who is asking, and the parameters every read shares (the legal date, the
language, paging). The web's routers take these from here and never from each other."""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum
from typing import Annotated, Literal

from fastapi import Depends, HTTPException, Query, Request
from pydantic import AfterValidator

from depositary.app.stored import StoredRegister, transaction_time, utc_today
from depositary.domain.instruments import InstrumentKind
from depositary.domain.periods import in_calendar
from depositary.domain.phrases import Phrase, say
from depositary.locale import LANGUAGES
from depositary.register.queries import State
from depositary.shapes.indexes import InstrumentFilter, Order
from depositary.web import auth
from depositary.web.reading import Reading


def stored_of(request: Request) -> StoredRegister:
    """The stored register the application was opened on."""
    opened: StoredRegister = request.app.state.stored
    return opened


async def stored(request: Request) -> StoredRegister:
    """`stored_of` as a dependency. Async, as every dependency here that does no I/O: a
    plain function would cost each request a trip to the thread pool and back."""
    return stored_of(request)


async def as_recorded_time(as_recorded: Annotated[str | None, Query(
    description="For audit: answer from the register as it stood at this transaction time "
    "(ISO 8601 date or time, UTC if no zone; a date means the end of that day); default: "
    "as it stands now.")] = None) -> None:
    """Every read takes `as_recorded`; a time that cannot be read is refused here (422)."""
    if as_recorded:
        transaction_time(as_recorded)


async def reading(request: Request) -> Reading:
    """The register as it stands, or as recorded at the time the request asks for."""
    return Reading(stored_of(request), request.query_params.get("as_recorded") or None,
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


def writer(request: Request, csrf: auth.Csrf = None) -> str:
    """The person making a write: signed in with the CSRF header, or by token. A
    dependency, so that an anonymous write is refused before its body is read."""
    return auth.signed_in(request, csrf)


def signed_in(request: Request) -> str:
    """The person making a read that needs an account (no CSRF token: it writes nothing)."""
    return auth.required(request)


Stored = Annotated[StoredRegister, Depends(stored)]
Read = Annotated[Reading, Depends(reading)]
Writer = Annotated[str, Depends(writer)]
SignedIn = Annotated[str, Depends(signed_in)]


class Language(StrEnum):
    en = "en"
    ru = "ru"


AsOf = Annotated[date | None, Query(description="The legal date (YYYY-MM-DD); default today."),
                 AfterValidator(in_calendar)]
Lang = Annotated[Language, Query(description="Language of names and titles.")]
Page = Annotated[int, Query(ge=1, description="Page number, from 1.")]
PerPage = Annotated[int, Query(ge=1, le=500, description="Items per page.")]


async def instrument_filter(
    # An empty choice is "any": a form sends every field, the empty ones as "".
    kind: Annotated[InstrumentKind | Literal[""] | None, Query(
        description="Only this kind.")] = None,
    year: Annotated[str | None, Query(pattern=r"^\d{0,4}$", description="Only those "
                                      "adopted in this year.")] = None,
    state: Annotated[State | Literal[""] | None, Query(
        description="Only those in this state on the date.")] = None,
    participant: Annotated[str | None, Query(
        max_length=12, description="Only those in which this participant (ISO 3166 code) "
        "has a status on the date.")] = None,
    bound: Annotated[bool, Query(description="With `participant`: only those in force for "
                                 "it on the date.")] = False,
    q: Annotated[str | None, Query(max_length=200, description="Words of the title.")] = None,
    sort: Annotated[Order, Query(description="The order.")] = Order.ADOPTED,
) -> InstrumentFilter:
    """What the index of instruments is asked for, the same for the page and the API."""
    return InstrumentFilter(kind.value if kind else None, int(year) if year else None,
                            state or None, participant or None, bound, q or None, sort)


InstrumentsAsked = Annotated[InstrumentFilter, Depends(instrument_filter)]

# The period of "what changed": (from, to], as the CLI's `changes --from --to`.
Since = Annotated[date | None, Query(alias="from", description="Start date, exclusive "
                                     "(YYYY-MM-DD); default a year before `to`."),
                  AfterValidator(in_calendar)]
Until = Annotated[date | None, Query(alias="to", description="End date, inclusive "
                                     "(YYYY-MM-DD); default today."),
                  AfterValidator(in_calendar)]
A_YEAR = timedelta(days=365)


class Said(HTTPException):
    """A refusal whose reason the interface says in the reader's language (a page) and in
    English (the API's problem document)."""

    def __init__(self, status: int, said: Phrase) -> None:
        super().__init__(status, str(said))
        self.said = said


def changes_period(since: date | None, until: date | None) -> tuple[date, date]:
    """The period asked, its ends defaulted; refused (422) if it runs backwards."""
    end = until or utc_today()
    start = since or end - A_YEAR
    if start > end:
        raise Said(422, say("the period runs backwards: from %(start)s comes after to %(end)s",
                            start=start, end=end))
    return start, end


def language_of(request: Request) -> str:
    """The visitor's language: asked in the URL, else remembered, else English."""
    asked = request.query_params.get("lang") or request.cookies.get("lang") or "en"
    return asked if asked in LANGUAGES else "en"


def day(as_of: date | None) -> date:
    """The legal date asked for; the depositary's day if none."""
    return as_of or utc_today()


def instrument_key(key: str) -> str:
    """An alias, or a work URI given in the path (/api/instruments/akn/...: the URI's own
    leading slash is the path's separator)."""
    return f"/{key}" if key.startswith("akn/") else key
