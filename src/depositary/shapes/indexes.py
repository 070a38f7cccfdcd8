"""The indexes a reader expects beside each page: the instruments (filtered by kind, year,
state on the date, participant; sorted; counted) and the participants, one page at a
time. A large register (the IEADB's 4,000 agreements) is answered a page at a time; what
the filters do not need is computed for the page's items only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from depositary.domain.instruments import Instrument
from depositary.domain.status import Status
from depositary.register import Register
from depositary.register.queries import State, chronological, state_on
from depositary.shapes.public import (
    InstrumentEntry,
    InstrumentsPage,
    ParticipantEntry,
    ParticipantsPage,
    one_page,
)


class Order(StrEnum):
    """How the index of instruments is sorted."""

    ADOPTED = "adopted"  # oldest first, as the UN's chapters list them
    TITLE = "title"
    PARTIES = "parties"  # most parties on the date first


@dataclass(frozen=True, slots=True)
class InstrumentFilter:
    """What the reader asked the index of instruments for; None is "any"."""

    kind: str | None = None
    year: int | None = None
    state: State | None = None
    participant: str | None = None
    bound: bool = False  # with a participant: only those in force for it on the date
    text: str | None = None
    order: Order = Order.ADOPTED


def instruments_page(register: Register, on: date, language: str, asked: InstrumentFilter,
                     page: int, per_page: int) -> InstrumentsPage:
    """One page of the instruments that match, with their state and counts on `on`."""
    found = [i for i in sorted(register.instruments.values(), key=chronological)
             if _matches(i, asked, language)]
    if asked.participant is not None:
        code = asked.participant.upper()
        found = [i for i in found
                 if (status := _status_of(register, i, code, on)) is not None
                 and (status.in_force or not asked.bound)]
    entries: dict[str, InstrumentEntry] = {}

    def entry(instrument: Instrument) -> InstrumentEntry:
        if instrument.id not in entries:
            entries[instrument.id] = _entry(register, instrument, on, language)
        return entries[instrument.id]

    # The state and the counts are the costly part: for every match only if a filter or
    # the order needs them, else for the page's items.
    if asked.state is not None:
        found = [i for i in found if entry(i).state is asked.state]
    if asked.order is Order.TITLE:
        found.sort(key=lambda i: i.title(language).casefold())
    elif asked.order is Order.PARTIES:
        found.sort(key=lambda i: -entry(i).parties)
    kinds: dict[str, int] = {}
    for instrument in found:
        kinds[instrument.kind.value] = kinds.get(instrument.kind.value, 0) + 1
    return InstrumentsPage(
        as_of=on, page=page, per_page=per_page, total=len(found), kinds=kinds,
        items=[entry(i) for i in one_page(found, page, per_page)])


def _matches(instrument: Instrument, asked: InstrumentFilter, language: str) -> bool:
    if asked.kind is not None and instrument.kind.value != asked.kind:
        return False
    if asked.year is not None and (instrument.adopted is None
                                   or instrument.adopted.year != asked.year):
        return False
    if asked.text:
        wanted = asked.text.casefold()
        titles = (instrument.title(language), *instrument.titles.values(), instrument.alias)
        return any(wanted in t.casefold() for t in titles)
    return True


def _entry(register: Register, instrument: Instrument, on: date,
           language: str) -> InstrumentEntry:
    evaluation = register.evaluation(instrument.id)
    counts = evaluation.counts(on)
    general = evaluation.entry_into_force
    return InstrumentEntry(
        id=instrument.id, alias=instrument.alias, title=instrument.title(language),
        kind=instrument.kind, adopted=instrument.adopted,
        state=state_on(instrument, evaluation.entry_into_force_known, general, on),
        entry_into_force=general if general is not None and general <= on else None,
        signatories=counts.signatures, parties=counts.parties + counts.withdrawing,
    )


def _status_of(register: Register, instrument: Instrument, code: str,
               on: date) -> Status | None:
    """The participant's status in the instrument on the date; None if it has none."""
    for interval in register.evaluation(instrument.id).intervals.get(code, ()):
        if interval.period.contains(on):
            return interval.status if interval.status is not Status.NOT_INVOLVED else None
    return None


def participants_page(register: Register, on: date, language: str, text: str | None,
                      page: int, per_page: int) -> ParticipantsPage:
    """One page of the participants, by name on the date, with how many instruments each
    has a status in and is bound by on the date (one pass over every evaluation)."""
    wanted = (text or "").casefold()
    found = [
        p for p in register.participants.values()
        if not wanted or wanted in p.code.casefold()
        or any(wanted in p.name(on, other).casefold() for other in ("en", "ru"))
    ]
    found.sort(key=lambda p: p.name(on, language).casefold())
    shown = one_page(found, page, per_page)
    involved, bound = _tally(register, {p.code for p in shown}, on)
    return ParticipantsPage(
        as_of=on, page=page, per_page=per_page, total=len(found),
        items=[ParticipantEntry(
            participant=p.code, name=p.name(on, language), kind=p.kind.value,
            exists=p.exists_on(on), instruments=involved.get(p.code, 0),
            bound_by=bound.get(p.code, 0)) for p in shown])


def _tally(register: Register, codes: set[str],
           on: date) -> tuple[dict[str, int], dict[str, int]]:
    involved: dict[str, int] = {}
    bound: dict[str, int] = {}
    for instrument in register.instruments.values():
        for code in codes:
            status = _status_of(register, instrument, code, on)
            if status is None:
                continue
            involved[code] = involved.get(code, 0) + 1
            if status.in_force:
                bound[code] = bound.get(code, 0) + 1
    return involved, bound
