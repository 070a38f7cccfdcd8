"""The read side: status chart of an instrument, everything in force for a participant,
and what changed between two dates. Each answer carries its reasons."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from depositary.domain.acts import SIGNATURE_KINDS, Act, ActKind
from depositary.domain.events import Event
from depositary.domain.instruments import Instrument
from depositary.domain.phrases import Quote, say
from depositary.domain.provenance import Provenance
from depositary.domain.reservations import ReservationRecord, ReservationState
from depositary.domain.status import NO_EVIDENCE, Counts, Evidence, Reason, Status
from depositary.locale import language_name, spoken
from depositary.locale.labels import ACT_KINDS, RESERVATION_STATES
from depositary.locale.reasons import reason_in
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
    # Not the UN's: a member's concurrence in its body's decision (no UN chart has one).
    ActKind.CONCURRENCE: "D",
}


def has_concurrences(rows: Iterable[ChartRow]) -> bool:
    """Whether a row's consent is a member's concurrence in its body's decision: the
    chart's legend then says what D is (no UN chart has one)."""
    return any(row.consent is not None and row.consent.kind is ActKind.CONCURRENCE
               for row in rows)


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
    evidence: Evidence = NO_EVIDENCE
    # A withdrawn row keeps the years it was bound (as the UN's and the Council of
    # Europe's charts do): `in_force_from` is then the day it was bound from, and this the
    # day its withdrawal took effect.
    in_force_until: date | None = None

    @property
    def consent_cell(self) -> str:
        """'18 Feb 1992 a' style: the date of receipt and the UN symbol."""
        if self.consent is None:
            return ""
        symbol = UN_SYMBOLS.get(self.consent.kind, "")
        return f"{self.consent.received.isoformat()} {symbol}".strip()


def withdrawn_span(
    status: Status, start: date | None, earlier_in_force: Iterable[date | None],
    in_force_from: date | None,
) -> tuple[date | None, date | None]:
    """A chart row's dates in force: for a withdrawn participant, the last day it was bound
    from (its earlier intervals') and the day the withdrawal took effect (the withdrawn
    interval's start); for any other, its own entry into force and no end."""
    if status is not Status.WITHDRAWN:
        return in_force_from, None
    bound = [d for d in earlier_in_force if d is not None]
    return (bound[-1] if bound else None), start


def known_on(day: date | None, as_of: date) -> date | None:
    """A date as an answer on `as_of` may give it: None if it comes later. An answer on a
    date tells of no later date (an end not yet come, an entry into force not yet
    reached); every answer "as of" a date clips its dates through here."""
    return day if day is not None and day <= as_of else None


class State(StrEnum):
    """Where an instrument stands on the date asked."""

    NOT_YET_ADOPTED = "not-yet-adopted"
    NOT_YET_IN_FORCE = "not-yet-in-force"
    IN_FORCE = "in-force"
    UNKNOWN = "unknown"  # whether it has entered into force is not established
    TERMINATED = "terminated"


@dataclass(frozen=True, slots=True)
class Chart:
    instrument: Instrument
    as_of: date
    entry_into_force: date | None  # only a date on or before `as_of`
    entry_into_force_reason: str | None
    rows: tuple[ChartRow, ...]
    counts: Counts
    language: str = "en"
    state: State = State.NOT_YET_IN_FORCE
    # The confidence of the general entry into force, as the clause is read (the
    # Protocol's "date effective", U).
    entry_into_force_evidence: Evidence | None = None


def reservations_on(records: Iterable[ReservationRecord], as_of: date,
                    language: str) -> tuple[str, ...]:
    """A participant's reservations and declarations standing on `as_of`, each with where
    it stands, in `language`: "reservation: <its text> (established)"."""
    return tuple(
        # The text is the participant's, quoted as it was deposited.
        (f"{ACT_KINDS(r.act.kind.value, language)}: "
         + (spoken(Quote(r.act.text), language) if r.act.text else "")).strip()
        + f" ({RESERVATION_STATES(state.value, language)})"
        for r in records
        if (state := r.state_on(as_of)) is not None and state is not ReservationState.WITHDRAWN
    )


@dataclass(frozen=True, slots=True)
class General:
    """An instrument's general entry into force as the engine gives it for all time."""

    day: date | None
    reason: Reason | None
    known: bool = True
    evidence: Evidence | None = None


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
        in_force_from, in_force_until = withdrawn_span(
            interval.status, interval.period.start,
            (evaluation.own_entry_into_force(i)
             for i in evaluation.intervals.get(interval.participant, ())
             if i.period.start is not None and interval.period.start is not None
             and i.period.start < interval.period.start),
            evaluation.own_entry_into_force(interval))
        rows.append(
            ChartRow(
                participant=interval.participant,
                name=_name(register, interval.participant, as_of, language),
                status=interval.status,
                signature=next((a.received for a in own if a.kind in SIGNATURE_KINDS), None),
                consent=_consent(own, subject),
                in_force_from=in_force_from,
                in_force_until=in_force_until,
                reasons=tuple(reason_in(r, language) for r in interval.reasons),
                reservations=reservations_on(
                    evaluation.reservations_of(interval.participant), as_of, language),
                evidence=interval.evidence,
            )
        )
    reason = evaluation.entry_into_force_reason
    general = General(
        evaluation.entry_into_force, reason, evaluation.entry_into_force_known,
        evaluation.entry_into_force_evidence,
    )
    counts = evaluation.counts(as_of)
    return chart_on(subject, as_of, language, general, rows,
                    counts.signatures, counts.consents, counts.still_needed)


def state_on(instrument: Instrument, known: bool, entry_into_force: date | None,
             as_of: date) -> State:
    """Where an instrument stands on `as_of`, from its general entry into force (and
    whether that is known) and its end: the chart's state, and the index's."""
    if instrument.adopted is not None and as_of < instrument.adopted:
        return State.NOT_YET_ADOPTED
    if instrument.terminated is not None and instrument.terminated <= as_of:
        return State.TERMINATED
    if not known:
        return State.UNKNOWN
    if entry_into_force is not None and entry_into_force <= as_of:
        return State.IN_FORCE
    return State.NOT_YET_IN_FORCE


def chart_on(
    instrument: Instrument, as_of: date, language: str, general: General,
    rows: Sequence[ChartRow], signatures: int, consents: int, still_needed: int | None,
) -> Chart:
    """The chart on `as_of` with nothing of a later date: an entry into force later than
    the date is not a date but "not yet in force" with what is still needed, and an
    instrument not yet adopted has no chart. (A status that reaches back, a succession
    received later with effect from before the date, is the law on that date and is
    shown, with its reason; "as recorded" reads what the register knew then.) The same
    for a chart read from a replay and one read from the projections."""
    if instrument.adopted is not None and as_of < instrument.adopted:
        return Chart(
            instrument, as_of, None, spoken(say("not yet adopted on %(day)s", day=as_of),
                                            language), (),
            Counts.of((), signatures=0, consents=0, still_needed=None), language,
            State.NOT_YET_ADOPTED,
        )
    shown = [replace(row, in_force_from=known_on(row.in_force_from, as_of),
                     in_force_until=known_on(row.in_force_until, as_of)) for row in rows]
    counts = Counts.of((row.status for row in shown), signatures=signatures,
                       consents=consents, still_needed=still_needed)
    state = state_on(instrument, general.known, general.day, as_of)
    given = None if general.reason is None else reason_in(general.reason, language)
    if not general.known:
        day, reason = None, given
    elif general.day is not None and general.day <= as_of:
        day, reason = general.day, given
    else:
        rule = instrument.clauses.entry_into_force
        day = None
        reason = spoken(
            say("not yet in force on %(day)s: %(rule)s", day=as_of, rule=rule.describe())
            if rule is not None else
            say("not yet in force on %(day)s: no instrument of consent received", day=as_of),
            language)
    return Chart(instrument, as_of, day, reason, tuple(shown), counts, language, state,
                 general.evidence)


@dataclass(frozen=True, slots=True)
class Holding:
    """An instrument and a participant's status in it on the date asked."""

    instrument: Instrument
    status: Status
    since: date | None
    in_force_from: date | None
    reasons: tuple[Reason, ...]  # said in the reader's language where they are shown
    evidence: Evidence = NO_EVIDENCE


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
        holdings = as_of_holdings([Holding(
            instrument=instrument,
            status=interval.status,
            since=interval.period.start,
            in_force_from=evaluation.own_entry_into_force(interval),
            reasons=interval.reasons,
            evidence=interval.evidence,
        )], as_of)
        for holding in holdings:
            (in_force if holding.status.in_force else other).append(holding)
    return ParticipantView(
        participant.code, _name(register, participant.code, as_of, language), as_of,
        tuple(in_force), tuple(other), language,
        tuple(register.events_of(participant.code, as_of)),
    )


def participant_spans(
    register: Register, code: str,
) -> list[tuple[str, str, date | None, date | None]]:
    """Every status a participant has held in each instrument, as (instrument alias,
    status, from, until), instruments in the order of their adoption: its timeline."""
    participant = register.participant(code)
    return [
        (instrument.alias, interval.status.value, interval.period.start, interval.period.end)
        for instrument in sorted(register.instruments.values(), key=chronological)
        for interval in register.evaluation(instrument.id).intervals.get(participant.code, ())
    ]


def as_of_holdings(holdings: Iterable[Holding], as_of: date) -> list[Holding]:
    """A participant's holdings on `as_of` (the rule of `chart_on`): no entry into force
    after the date."""
    return [replace(h, in_force_from=known_on(h.in_force_from, as_of)) for h in holdings]


@dataclass(frozen=True, slots=True)
class Change:
    day: date
    instrument: str
    participant: str
    before: Status
    after: Status
    reasons: tuple[str, ...]
    evidence: Evidence = NO_EVIDENCE


def changes(
    register: Register, start: date, end: date, instruments: Sequence[str] | None = None,
    language: str = "en",
) -> list[Change]:
    """Every change of status in (start, end], in date order, with its reasons in
    `language`."""
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
            steps: list[tuple[date | None, Status, tuple[str, ...], Evidence]] = []
            previous_end: date | None = None
            for interval in intervals:
                if previous_end is not None and interval.period.start != previous_end:
                    steps.append((previous_end, Status.NOT_INVOLVED, (), NO_EVIDENCE))
                reasons = tuple(reason_in(r, language) for r in interval.reasons)
                steps.append((interval.period.start, interval.status, reasons,
                              interval.evidence))
                previous_end = interval.period.end
            if previous_end is not None:
                steps.append((previous_end, Status.NOT_INVOLVED, (), NO_EVIDENCE))
            before = Status.NOT_INVOLVED
            for day, status, reasons, evidence in steps:
                if day is not None and start < day <= end and status != before:
                    found.append(Change(
                        day, instrument.alias, participant, before, status, reasons, evidence
                    ))
                before = status
    return sorted(found, key=lambda c: (c.day, c.instrument, c.participant))


def _consent(own: Sequence[Act], instrument: Instrument) -> Act | None:
    """The latest consent received by the date: after a re-accession, the new one."""
    consents = [act for act in own if instrument.clauses.expresses_consent(act)]
    return consents[-1] if consents else None


def _name(register: Register, code: str, day: date, language: str = "en") -> str:
    participant = register.participants.get(code)
    return participant.name(day, language) if participant else code


def adopted_by(register: Register, as_of: date) -> tuple[Instrument, ...]:
    """The instruments that existed on the date, oldest first: one adopted later is not
    yet in the picture."""
    return tuple(
        i for i in sorted(register.instruments.values(), key=chronological)
        if i.adopted is None or i.adopted <= as_of
    )


def chronological(instrument: Instrument) -> tuple[date, str]:
    return (instrument.adopted or date.min, instrument.alias)


@dataclass(frozen=True, slots=True)
class Infobox:
    """The summary a reader sees first, as in an encyclopedia's treaty infobox, on a date."""

    title: str
    kind: str
    signed: date | None
    place: str
    effective: date | None  # only a date on or before the day asked
    # (participant name, representative, where the signature is recorded from)
    signatories: tuple[tuple[str, str, Provenance], ...]
    depositary: str
    languages: tuple[str, ...]  # authentic languages
    working_language: str = ""
    state: State = State.IN_FORCE
    # What the effective date rests on (the Protocol's, on the register's reading, U).
    effective_evidence: Evidence | None = None
    effective_reason: str | None = None


def infobox(
    register: Register, instrument: str, language: str = "en", as_of: date | None = None
) -> Infobox:
    """The infobox of an instrument as it stood on `as_of` (today's record if None), built
    from the register alone: signatories and their representatives from the signature acts
    received by then, the effective date from the engine, with what it rests on."""
    subject = register.instrument(instrument)
    signed = subject.adopted
    day = as_of or date.max
    signatories = []
    for act in sorted(register.acts(subject.id), key=lambda a: a.sort_key):
        if act.kind not in SIGNATURE_KINDS or act.received > day:
            continue
        person = register.persons.get(act.person or "")
        representative = person.name(language) if person else ""
        signatories.append(
            (_name(register, act.participant, act.received, language), representative,
             act.provenance)
        )
    depositary = register.participants.get(subject.depositary)
    chart = status_chart(register, subject.id, day, language)
    if chart.state is State.NOT_YET_ADOPTED:
        # Nothing of it existed yet: its title and kind only.
        return Infobox(subject.title(language), subject.kind.value, None, "", None, (), "", (),
                       state=chart.state, effective_reason=chart.entry_into_force_reason)
    return Infobox(
        title=subject.title(language),
        kind=subject.kind.value,
        signed=signed,
        place=subject.place.get(language) or subject.place.get("en", ""),
        effective=chart.entry_into_force,
        signatories=tuple(signatories),
        depositary=depositary.name(signed, language) if depositary else subject.depositary,
        # The text's own name for a language ("Moldavian") in English; the CLDR's in others.
        languages=tuple(
            (subject.language_labels.get(code) if language == "en" else None)
            or language_name(code, language)
            for code in subject.authentic_languages
        ),
        working_language=(
            language_name(subject.working_language, language) if subject.working_language
            else ""
        ),
        state=chart.state,
        effective_evidence=chart.entry_into_force_evidence,
        effective_reason=chart.entry_into_force_reason,
    )


@dataclass(frozen=True, slots=True)
class Overview:
    """Every instrument's counts and every participant's status in each, on one date."""

    as_of: date
    instruments: tuple[Instrument, ...]
    entry_into_force: dict[str, date | None]  # only dates on or before `as_of`
    counts: dict[str, Counts]
    matrix: dict[str, dict[str, Status]]  # participant → instrument id → status
    names: dict[str, str]
    language: str = "en"
    states: dict[str, State] = field(default_factory=dict)
    evidence: dict[str, dict[str, Evidence]] = field(default_factory=dict)  # as `matrix`


def overview(register: Register, as_of: date, language: str = "en",
             only: Sequence[Instrument] | None = None) -> Overview:
    """The register at a glance on `as_of`: each instrument's chart on the date (so what
    was not yet known then is not in it); `only` these instruments (a page of a large
    register's), else all."""
    subjects = tuple(only) if only is not None else adopted_by(register, as_of)
    charts = {i.id: status_chart(register, i.id, as_of, language) for i in subjects}
    matrix: dict[str, dict[str, Status]] = {}
    evidence: dict[str, dict[str, Evidence]] = {}
    for instrument in subjects:
        for row in charts[instrument.id].rows:
            matrix.setdefault(row.participant, {})[instrument.id] = row.status
            evidence.setdefault(row.participant, {})[instrument.id] = row.evidence
    return Overview(
        as_of=as_of,
        instruments=subjects,
        entry_into_force={key: chart.entry_into_force for key, chart in charts.items()},
        counts={key: chart.counts for key, chart in charts.items()},
        matrix=dict(sorted(matrix.items())),
        names={code: _name(register, code, as_of, language) for code in matrix},
        language=language,
        states={key: chart.state for key, chart in charts.items()},
        evidence=evidence,
    )
