"""The register's answers as the API serves them: Pydantic `*Public` models.

They are kept apart from the domain's dataclasses (the domain imports no framework). Their
fields are in the order the JSON has always had: the CLI prints the same shapes, and
scripts and the README's transcripts read them. Each answer is built once, by the shapes'
module named for what it describes (instruments.py, charts.py, participants.py,
notifications.py, councils.py, search.py); the API serves the model, the CLI and the pages
read it `plain`. The OpenAPI document describes every answer from these models, and the fuzz test
checks the server against it.

Dates are ISO 8601 days; `confidence` is V (verified), S (single source) or U
(unverified), the weakest of the facts a status rests on.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from depositary.domain.instruments import InstrumentKind, RelationKind
from depositary.domain.provenance import Confidence
from depositary.domain.status import Status
from depositary.register.queries import State

T = TypeVar("T")

# The answer's own order and fields: nothing added, nothing dropped, no coercion.
PUBLIC = ConfigDict(extra="forbid", frozen=True)


class Public(BaseModel):
    """An answer of the API: frozen, and holding only the fields its schema names."""

    model_config = PUBLIC


def plain(model: BaseModel) -> dict[str, Any]:
    """Return a model as the JSON has it (`from` for `from_`, dates as ISO strings).

    One data function builds each answer: the API serves its model, and the CLI's JSON and
    CSV and the pages read this plain form of it, as Datasette renders one view two ways.
    """
    return model.model_dump(mode="json", by_alias=True)


def one_page(items: Sequence[T], page: int, per_page: int) -> Sequence[T]:
    """Page `page` (from 1) of `items`, `per_page` to a page: how every list is paged."""
    start = (page - 1) * per_page
    return items[start:start + per_page]


def iso(day: date | None) -> str | None:
    """Return a day as the JSON writes it (ISO 8601), or None."""
    return day.isoformat() if day is not None else None


CONFIDENCE = "How sure the register is of what this rests on: V, S or U."
SOURCES = "The sources of the facts it rests on."
CONFLICTS = "Readings not chosen where the sources disagree, each with its source."


def since() -> Any:
    """The JSON's `from` (a Python keyword, so the field is `from_`): a first day."""
    return Field(serialization_alias="from", description="First day, inclusive.")


class InstrumentSummary(Public):
    """An instrument as the list of instruments gives it."""

    id: str = Field(description="Its Akoma Ntoso-style work URI.")
    alias: str
    title: str
    titles: dict[str, str] = Field(description="Its titles by language code.")
    kind: InstrumentKind
    adopted: date | None


class Counts(Public):
    signatories: int
    contracting: int
    provisionally_applying: int
    parties: int
    unknown: int
    withdrawing: int
    withdrawn: int
    terminated: int
    ceased: int
    signatures: int
    consents: int
    still_needed: int | None = Field(
        description="Consents still needed for the entry into force, if a number is set.")


class ChartRowPublic(Public):
    participant: str = Field(description="ISO 3166 code.")
    name: str
    status: Status
    signature: date | None
    consent: str | None = Field(description="Date of the consent and the UN symbol of "
                                "its kind (r, a, AA, A, s), as the UN tables write it.")
    in_force_from: date | None = Field(description="The day the instrument entered into "
                                       "force for it; for a withdrawn participant, the "
                                       "day it was bound from.")
    in_force_until: date | None = Field(default=None, description="For a withdrawn "
                                        "participant, the day its withdrawal took effect.")
    reservations: list[str]
    reasons: list[str]
    confidence: Confidence | None = Field(description=CONFIDENCE)
    sources: list[str] = Field(description=SOURCES)
    conflicts: list[str] = Field(description=CONFLICTS)


class StatusPublic(Public):
    """A status chart on its date: no date after it but a declared effect of an act
    already received."""

    instrument: str = Field(description="The instrument's alias.")
    id: str = Field(description="The instrument's work URI.")
    as_of: date
    state: State
    entry_into_force: date | None
    in_force: bool | None = Field(description="Null where the register cannot say "
                                  "(state `unknown`).")
    entry_into_force_reason: str | None
    entry_into_force_confidence: Confidence | None = Field(description=CONFIDENCE)
    entry_into_force_sources: list[str] = Field(description=SOURCES)
    entry_into_force_conflicts: list[str] = Field(description=CONFLICTS)
    counts: Counts
    participants: list[ChartRowPublic]


class IntervalPublic(Public):
    status: Status
    from_: date | None = since()
    until: date | None = Field(description="First day after it; null while open.")
    in_force_from: date | None
    reasons: list[str]
    confidence: Confidence | None = Field(description=CONFIDENCE)
    sources: list[str] = Field(description=SOURCES)
    conflicts: list[str] = Field(description=CONFLICTS)


class ParticipantHistory(Public):
    participant: str
    name: str
    intervals: list[IntervalPublic]


class HistoryPublic(Public):
    """Every participant's statuses in an instrument over time, with their reasons."""

    instrument: str
    entry_into_force: date | None
    participants: list[ParticipantHistory]


class NotificationPublic(Public):
    """A depositary notification as the log holds it."""

    number: str
    date: str = Field(description="ISO 8601 date of the notification.")
    instrument: str
    participant: str
    act: str = Field(description="The kind of act it notifies.")
    consequences: list[str]
    recipients: list[str] | str = Field(
        description="The states notified, or, for an instrument open to every state, "
        '"all states, and the participants" (said once rather than listed).')
    text: str = Field(description="The text, in the language asked if written in it.")
    source: str
    confidence: str | None


class NotificationsPage(Public):
    page: int
    per_page: int
    total: int = Field(description="How many there are on all pages.")
    items: list[NotificationPublic]


class SignatoryPublic(Public):
    participant: str
    representative: str
    source: str
    confidence: Confidence
    note: str
    conflicts: list[str]


class InfoboxPublic(Public):
    """An instrument's infobox, in the vocabulary of Wikipedia's treaty infobox."""

    title: str
    type: str
    date_signed: date | None
    location_signed: str
    state: State
    date_effective: date | None = Field(description="Only a date on or before the day asked.")
    date_effective_reason: str | None
    date_effective_confidence: Confidence | None = Field(description=CONFIDENCE)
    date_effective_sources: list[str] = Field(description=SOURCES)
    date_effective_conflicts: list[str] = Field(description=CONFLICTS)
    signatories: list[SignatoryPublic]
    depositary: str
    language: str | None = Field(description="The working language, if known.")
    authentic_languages: list[str]


class RelationPublic(Public):
    kind: RelationKind
    instrument: str = Field(description="The other instrument's alias (or its id, if the "
                            "register does not hold it).")
    title: str


class ArticlePublic(Public):
    number: str
    heading: str
    paragraphs: list[str]


class TextPublic(Public):
    language: str
    authentic: bool
    preamble: list[str]
    closing: list[str]
    articles: list[ArticlePublic]


class InstrumentPublic(Public):
    """An instrument's page as data: what it is, its infobox, the instruments it relates
    to and those relating to it, and its texts by article."""

    id: str
    alias: str
    title: str
    titles: dict[str, str]
    kind: InstrumentKind
    adopted: date | None = Field(description="Null on a date before its adoption.")
    infobox: InfoboxPublic
    relations: list[RelationPublic]
    related_by: list[RelationPublic]
    texts: dict[str, TextPublic] = Field(description="Its texts by language code.")


class HoldingPublic(Public):
    instrument: str
    title: str
    status: Status
    since: date | None
    reasons: list[str]
    confidence: Confidence | None = Field(description=CONFIDENCE)
    sources: list[str] = Field(description=SOURCES)
    conflicts: list[str] = Field(description=CONFLICTS)


class EventPublic(Public):
    date: str = Field(description="As far as it is known: a day, a month or a year.")
    kind: str
    text: str
    participants: list[str]
    instruments: list[str] = Field(description="As the register file names them.")
    source: str
    confidence: Confidence
    note: str
    conflicts: list[str]


class PeriodPublic(Public):
    category: str
    from_: date | None = since()
    until: date | None = Field(description="Null while open on the day asked.")


class MembershipPublic(Public):
    body: str
    name: str
    periods: list[PeriodPublic]


class StatementPublic(Public):
    """A reservation, declaration or objection (or its withdrawal)."""

    date: date
    kind: str
    text: str
    instrument: str
    source: str
    confidence: Confidence
    note: str
    conflicts: list[str]


class ParticipantPublic(Public):
    """Everything binding a participant on a date, its standing in each body over time,
    and its statements up to the date."""

    participant: str
    name: str
    as_of: date
    in_force: list[HoldingPublic]
    other: list[HoldingPublic]
    events: list[EventPublic]
    memberships: list[MembershipPublic]
    statements: list[StatementPublic]


class HitPublic(Public):
    kind: str = Field(description='"instrument" or "participant".')
    key: str = Field(description="An instrument's alias, a participant's code.")
    title: str
    where: str = Field(description='What matched: "title", "text, Art. 7", "name".')
    excerpt: str



class InstrumentEntry(Public):
    """An instrument as the index of instruments lists it on a date."""

    id: str = Field(description="Its Akoma Ntoso-style work URI.")
    alias: str
    title: str = Field(description="In the language asked.")
    kind: InstrumentKind
    adopted: date | None
    state: State = Field(description="Where it stands on the date.")
    entry_into_force: date | None = Field(description="Its general entry into force, if "
                                          "on or before the date.")
    signatories: int = Field(description="Every participant that had signed by the date, "
                             "whatever came after (as the UN counts).")
    parties: int = Field(description="Participants bound on the date.")


class InstrumentsPage(Public):
    """One page of the index of instruments, filtered and sorted as asked."""

    as_of: date
    page: int
    per_page: int
    total: int = Field(description="How many match, on all pages.")
    kinds: dict[str, int] = Field(description="How many of those that match are of each "
                                  "kind.")
    items: list[InstrumentEntry]


class ParticipantEntry(Public):
    """A participant as the index of participants lists it on a date."""

    participant: str = Field(description="ISO 3166 code (3166-3 for a former state).")
    name: str = Field(description="Its name on the date, in the language asked.")
    kind: str
    exists: bool = Field(description="Whether it existed on the date.")
    instruments: int = Field(description="Instruments in which it has a status on the date "
                             "(signatory, contracting, party, withdrawing, ...).")
    bound_by: int = Field(description="Instruments in force for it on the date.")


class ParticipantsPage(Public):
    as_of: date
    page: int
    per_page: int
    total: int = Field(description="How many match, on all pages.")
    items: list[ParticipantEntry]


class ChangesPage(Public):
    """One page of the changes of status in (from, to], in date order."""

    from_: date = since()
    to: date = Field(description="Last day, inclusive.")
    page: int
    per_page: int
    total: int = Field(description="How many there are on all pages.")
    items: list[dict[str, Any]] = Field(description="Each change: date, instrument, "
                                        "participant, from, to, reasons, confidence, "
                                        "sources.")


class OverviewInstrument(InstrumentSummary):
    state: State
    entry_into_force: date | None
    in_force: int = Field(description="Participants bound on the date.")
    signatories: int = Field(description="Participants that signed and are not bound.")
    contracting: int
    withdrawn: int


class OverviewParticipant(Public):
    participant: str
    name: str
    statuses: dict[str, Status] = Field(description="Its status by instrument alias.")
    confidence: dict[str, Confidence] = Field(description="How sure each status is.")


class OverviewPage(Public):
    """A page of the overview: its instruments, and each participant's status in them."""

    as_of: date
    instruments: list[OverviewInstrument]
    participants: list[OverviewParticipant]
    page: int
    per_page: int
    total: int = Field(description="How many instruments, on all pages.")
