"""The read side: status chart of an instrument, everything in force for a participant,
and what changed between two dates. Each answer carries its reasons."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import pycountry

from depositary.domain.acts import SIGNATURE_KINDS, Act, ActKind
from depositary.domain.events import Event
from depositary.domain.instruments import Instrument
from depositary.domain.reservations import ReservationState
from depositary.domain.status import Counts, Status
from depositary.register.register import Register

# The UN Treaty Collection's symbols for the kind of consent (Treaty Handbook, annex).
UN_SYMBOLS = {
    ActKind.ACCESSION: "a",
    ActKind.ACCEPTANCE: "A",
    ActKind.APPROVAL: "AA",
    ActKind.FORMAL_CONFIRMATION: "c",
    ActKind.SUCCESSION: "d",
    ActKind.NOTIFICATION: "n",
    ActKind.DEFINITIVE_SIGNATURE: "s",
}


@dataclass(frozen=True, slots=True)
class ChartRow:
    """One line of a status chart in the UN's layout."""

    participant: str
    name: str
    status: Status
    signature: date | None
    consent: Act | None
    in_force_from: date | None
    reasons: tuple[str, ...]
    reservations: tuple[str, ...]

    @property
    def consent_cell(self) -> str:
        """'18 Feb 1992 a' style: the date of receipt and the UN symbol."""
        if self.consent is None:
            return ""
        symbol = UN_SYMBOLS.get(self.consent.kind, "")
        return f"{self.consent.received.isoformat()} {symbol}".strip()


@dataclass(frozen=True, slots=True)
class Chart:
    instrument: Instrument
    as_of: date
    entry_into_force: date | None
    entry_into_force_reason: str | None
    rows: tuple[ChartRow, ...]
    counts: Counts
    language: str = "en"


def status_chart(
    register: Register, instrument: str, as_of: date, language: str = "en"
) -> Chart:
    """The status of every participant in `instrument` on `as_of` (rule 12)."""
    subject = register.instrument(instrument)
    evaluation = register.evaluation(subject.id)
    received: dict[str, list[Act]] = defaultdict(list)
    for act in sorted(register.acts(subject.id), key=lambda a: a.sort_key):
        if act.received <= as_of:
            received[act.participant].append(act)
    rows = []
    for interval in evaluation.chart(as_of):
        own = received[interval.participant]
        rows.append(
            ChartRow(
                participant=interval.participant,
                name=_name(register, interval.participant, as_of, language),
                status=interval.status,
                signature=next((a.received for a in own if a.kind in SIGNATURE_KINDS), None),
                consent=_consent(own, subject),
                in_force_from=evaluation.own_entry_into_force(interval),
                reasons=tuple(str(r) for r in interval.reasons),
                reservations=tuple(
                    f"{r.act.kind.label}: {r.act.text}".strip()
                    + f" ({state.value})"
                    for r in evaluation.reservations_of(interval.participant)
                    if (state := r.state_on(as_of)) is not None
                    and state is not ReservationState.WITHDRAWN
                ),
            )
        )
    reason = evaluation.entry_into_force_reason
    return Chart(
        instrument=subject,
        as_of=as_of,
        entry_into_force=evaluation.entry_into_force,
        entry_into_force_reason=str(reason) if reason else None,
        rows=tuple(rows),
        counts=evaluation.counts(as_of),
        language=language,
    )


@dataclass(frozen=True, slots=True)
class Holding:
    """An instrument and a participant's status in it on the date asked."""

    instrument: Instrument
    status: Status
    since: date | None
    in_force_from: date | None
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ParticipantView:
    code: str
    name: str
    as_of: date
    in_force: tuple[Holding, ...]
    other: tuple[Holding, ...]
    language: str = "en"
    events: tuple[Event, ...] = ()


def in_force_for(
    register: Register, code: str, as_of: date, language: str = "en"
) -> ParticipantView:
    """Everything in force for a participant on a date, and its other statuses (rule 12)."""
    participant = register.participant(code)
    in_force: list[Holding] = []
    other: list[Holding] = []
    for instrument in sorted(register.instruments.values(), key=chronological):
        evaluation = register.evaluation(instrument.id)
        interval = evaluation.status_on(participant.code, as_of)
        if interval is None:
            continue
        holding = Holding(
            instrument=instrument,
            status=interval.status,
            since=interval.period.start,
            in_force_from=evaluation.own_entry_into_force(interval),
            reasons=tuple(str(r) for r in interval.reasons),
        )
        (in_force if interval.status.in_force else other).append(holding)
    return ParticipantView(
        participant.code, _name(register, participant.code, as_of, language), as_of,
        tuple(in_force), tuple(other), language,
        tuple(register.events_of(participant.code, as_of)),
    )


@dataclass(frozen=True, slots=True)
class Change:
    day: date
    instrument: str
    participant: str
    before: Status
    after: Status
    reasons: tuple[str, ...]


def changes(
    register: Register, start: date, end: date, instruments: Sequence[str] | None = None
) -> list[Change]:
    """Every change of status in (start, end], in date order."""
    subjects = (
        [register.instrument(i) for i in instruments]
        if instruments
        else list(register.instruments.values())
    )
    found = []
    for instrument in subjects:
        evaluation = register.evaluation(instrument.id)
        for participant, intervals in evaluation.intervals.items():
            # Walk the intervals with a sentinel: a gap between two intervals, or the end
            # of the last one, is a change back to "not involved".
            steps: list[tuple[date | None, Status, tuple[str, ...]]] = []
            previous_end: date | None = None
            for interval in intervals:
                if previous_end is not None and interval.period.start != previous_end:
                    steps.append((previous_end, Status.NOT_INVOLVED, ()))
                reasons = tuple(str(r) for r in interval.reasons)
                steps.append((interval.period.start, interval.status, reasons))
                previous_end = interval.period.end
            if previous_end is not None:
                steps.append((previous_end, Status.NOT_INVOLVED, ()))
            before = Status.NOT_INVOLVED
            for day, status, reasons in steps:
                if day is not None and start < day <= end and status != before:
                    found.append(
                        Change(day, instrument.alias, participant, before, status, reasons)
                    )
                before = status
    return sorted(found, key=lambda c: (c.day, c.instrument, c.participant))


def _consent(own: Sequence[Act], instrument: Instrument) -> Act | None:
    """The latest consent received by the date: after a re-accession, the new one."""
    consents = [act for act in own if instrument.clauses.expresses_consent(act)]
    return consents[-1] if consents else None


def _name(register: Register, code: str, day: date, language: str = "en") -> str:
    participant = register.participants.get(code)
    return participant.name(day, language) if participant else code


def chronological(instrument: Instrument) -> tuple[date, str]:
    return (instrument.adopted or date.min, instrument.alias)


@dataclass(frozen=True, slots=True)
class Infobox:
    """The summary a reader sees first, as in an encyclopedia's treaty infobox."""

    title: str
    kind: str
    signed: date | None
    place: str
    effective: date | None
    signatories: tuple[tuple[str, str], ...]  # (participant name, representative)
    depositary: str
    languages: tuple[str, ...]  # authentic languages
    working_language: str = ""


def infobox(register: Register, instrument: str, language: str = "en") -> Infobox:
    """The infobox of an instrument, built from the register alone: signatories and their
    representatives from the signature acts, the effective date from the engine."""
    subject = register.instrument(instrument)
    signed = subject.adopted
    signatories = []
    for act in sorted(register.acts(subject.id), key=lambda a: a.sort_key):
        if act.kind not in SIGNATURE_KINDS:
            continue
        person = register.persons.get(act.person or "")
        representative = person.name(language) if person else ""
        signatories.append(
            (_name(register, act.participant, act.received, language), representative)
        )
    depositary = register.participants.get(subject.depositary)
    return Infobox(
        title=subject.title(language),
        kind=subject.kind.value,
        signed=signed,
        place=subject.place.get(language) or subject.place.get("en", ""),
        effective=register.evaluation(subject.id).entry_into_force,
        signatories=tuple(signatories),
        depositary=depositary.name(signed, language) if depositary else subject.depositary,
        languages=tuple(_language_name(code) for code in subject.authentic_languages),
        working_language=(
            _language_name(subject.working_language) if subject.working_language else ""
        ),
    )


def _language_name(code: str) -> str:
    found = pycountry.languages.get(alpha_2=code) or pycountry.languages.get(alpha_3=code)
    return str(found.name) if found is not None else code


@dataclass(frozen=True, slots=True)
class Overview:
    """Every instrument's counts and every participant's status in each, on one date."""

    as_of: date
    instruments: tuple[Instrument, ...]
    entry_into_force: dict[str, date | None]
    counts: dict[str, Counts]
    matrix: dict[str, dict[str, Status]]  # participant → instrument id → status
    names: dict[str, str]
    language: str = "en"


def overview(register: Register, as_of: date, language: str = "en") -> Overview:
    """The register at a glance on `as_of`."""
    # Only what existed on the date: an instrument adopted later is not yet in the picture.
    subjects = tuple(
        i for i in sorted(register.instruments.values(), key=chronological)
        if i.adopted is None or i.adopted <= as_of
    )
    matrix: dict[str, dict[str, Status]] = {}
    for instrument in subjects:
        for row in register.evaluation(instrument.id).chart(as_of):
            matrix.setdefault(row.participant, {})[instrument.id] = row.status
    return Overview(
        as_of=as_of,
        instruments=subjects,
        entry_into_force={i.id: register.evaluation(i.id).entry_into_force for i in subjects},
        counts={i.id: register.evaluation(i.id).counts(as_of) for i in subjects},
        matrix=dict(sorted(matrix.items())),
        names={code: _name(register, code, as_of, language) for code in matrix},
        language=language,
    )
