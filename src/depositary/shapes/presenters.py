"""Machine-readable shapes of the read side's answers. The API's are built as the
`*Public` models of public.py (`*_public`); the CLI and the pages read the same shapes as
plain dicts of JSON types, with ISO 8601 dates (`*_json`, the models dumped)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from pydantic import BaseModel

from depositary.app.table import TableEvaluation
from depositary.domain.acts import ActKind
from depositary.domain.events import Event
from depositary.domain.instruments import Instrument
from depositary.domain.notifications import Notification
from depositary.domain.provenance import Provenance
from depositary.domain.status import Evidence
from depositary.log.entries import Entry, EntryKind
from depositary.register import Register
from depositary.register.queries import (
    Change,
    Chart,
    Holding,
    Infobox,
    Overview,
    ParticipantView,
    State,
    infobox,
    known_on,
)
from depositary.register.search import Hit
from depositary.shapes.public import (
    ArticlePublic,
    ChartRowPublic,
    Counts,
    EventPublic,
    HistoryPublic,
    HitPublic,
    HoldingPublic,
    InfoboxPublic,
    InstrumentPublic,
    InstrumentSummary,
    IntervalPublic,
    MembershipPublic,
    NotificationPublic,
    NotificationsPage,
    ParticipantHistory,
    ParticipantPublic,
    PeriodPublic,
    RelationPublic,
    SignatoryPublic,
    StatementPublic,
    StatusPublic,
    TextPublic,
)


def iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def plain(model: BaseModel) -> dict[str, Any]:
    """A model as the JSON has it (`from` for `from_`, dates as ISO strings)."""
    return model.model_dump(mode="json", by_alias=True)


def notifications_json(
    register: Register, found: Sequence[Notification]
) -> list[dict[str, Any]]:
    acts = {a.id: a for a in register.acts()}
    return [
        {
            "number": n.number,
            "date": iso(n.day),
            "instrument": register.instrument(n.instrument).alias,
            "participant": acts[n.act].participant,
            "act": acts[n.act].kind.value,
            "consequences": list(n.consequences),
            "recipients": list(register.recipients(n)),
            **provenance_json(acts[n.act].provenance),
        }
        for n in found
    ]


def stored_notifications_json(
    log: Sequence[Entry], register: Register, language: str
) -> list[dict[str, Any]]:
    return [plain(n) for n in stored_notifications(log, register, language)]


def stored_notifications(
    log: Sequence[Entry], register: Register, language: str
) -> list[NotificationPublic]:
    """Notifications as the log holds them, with the text in the language asked."""
    rows = []
    for entry in log:
        if entry.kind != EntryKind.NOTIFICATION:
            continue
        data = entry.data()
        alias = (
            register.instruments[data["instrument"]].alias
            if data["instrument"] in register.instruments else data["instrument"]
        )
        act = register.act(data["act"])  # for a notification written before they carried it
        rows.append(NotificationPublic(
            number=data["number"], date=data["date"], instrument=alias,
            participant=data["participant"], act=data["kind"],
            consequences=data["consequences"], recipients=data["recipients"],
            text=data["texts"].get(language) or data["texts"]["en"],
            source=data.get("source", act.provenance.source if act else ""),
            confidence=data.get(
                "confidence", act.provenance.confidence.value if act else None),
        ))
    return rows


def notifications_page(log: Sequence[Entry], register: Register, language: str, page: int,
                       per_page: int) -> NotificationsPage:
    """One page of the log's notifications, newest first: only the page's are shaped (a
    large register's log holds thousands)."""
    found = [e for e in log if e.kind == EntryKind.NOTIFICATION][::-1]
    start = (page - 1) * per_page
    return NotificationsPage(
        page=page, per_page=per_page, total=len(found),
        items=stored_notifications(found[start:start + per_page], register, language))


def instrument_summary(instrument: Instrument) -> dict[str, Any]:
    return plain(summary_public(instrument))


def summary_public(instrument: Instrument) -> InstrumentSummary:
    return InstrumentSummary(
        id=instrument.id, alias=instrument.alias, title=instrument.title("en"),
        titles=dict(instrument.titles), kind=instrument.kind, adopted=instrument.adopted,
    )


def chart_json(chart: Chart) -> dict[str, Any]:
    return plain(status_public(chart))


def status_public(chart: Chart) -> StatusPublic:
    """A status chart on its date: no date after it but a declared effect of an act
    already received; each row with the confidence and sources of what it rests on."""
    counts = chart.counts
    return StatusPublic(
        instrument=chart.instrument.alias,
        id=chart.instrument.id,
        as_of=chart.as_of,
        state=chart.state,
        entry_into_force=chart.entry_into_force,
        # null where the register cannot say (state "unknown")
        in_force=None if chart.state is State.UNKNOWN else chart.state is State.IN_FORCE,
        entry_into_force_reason=chart.entry_into_force_reason,
        **evidence(chart.entry_into_force_evidence, "entry_into_force_"),
        counts=Counts(
            signatories=counts.signatories,
            contracting=counts.contracting,
            provisionally_applying=counts.provisionally_applying,
            parties=counts.parties,
            unknown=counts.unknown,
            withdrawing=counts.withdrawing,
            withdrawn=counts.withdrawn,
            terminated=counts.terminated,
            ceased=counts.ceased,
            signatures=counts.signatures,
            consents=counts.consents,
            still_needed=counts.still_needed,
        ),
        participants=[
            ChartRowPublic(
                participant=row.participant,
                name=row.name,
                status=row.status,
                signature=row.signature,
                consent=row.consent_cell or None,
                in_force_from=row.in_force_from,
                reservations=list(row.reservations),
                reasons=list(row.reasons),
                **evidence(row.evidence),
            )
            for row in chart.rows
        ],
    )


def evidence_json(evidence: Evidence | None, prefix: str = "") -> dict[str, Any]:
    """The confidence (V, S or U) of what a status rests on, and its sources."""
    return {
        f"{prefix}confidence": evidence.confidence.value if evidence else None,
        f"{prefix}sources": list(evidence.sources) if evidence else [],
        f"{prefix}conflicts": list(evidence.conflicts) if evidence else [],
    }


def evidence(found: Evidence | None, prefix: str = "") -> dict[str, Any]:
    """evidence_json's fields, for a model's constructor."""
    return {
        f"{prefix}confidence": found.confidence if found else None,
        f"{prefix}sources": list(found.sources) if found else [],
        f"{prefix}conflicts": list(found.conflicts) if found else [],
    }


def provenance(found: Provenance) -> dict[str, Any]:
    """provenance_json's fields, for a model's constructor."""
    return {"source": found.source, "confidence": found.confidence, "note": found.note,
            "conflicts": list(found.conflicts)}


def _holding(holding: Holding, language: str) -> HoldingPublic:
    return HoldingPublic(
        instrument=holding.instrument.alias,
        title=holding.instrument.title(language),
        status=holding.status,
        since=holding.in_force_from or holding.since,
        reasons=list(holding.reasons),
        **evidence(holding.evidence),
    )


def event_json(e: Event) -> dict[str, Any]:
    return plain(event_public(e))


def event_public(e: Event) -> EventPublic:
    """A recorded event, its date as far as it is known, with its source and confidence."""
    return EventPublic(
        date=e.shown_date,
        kind=e.kind.value,
        text=e.text,
        participants=list(e.participants),
        instruments=list(e.instruments),  # as the register file names them
        **provenance(e.provenance),
    )


def provenance_json(provenance: Provenance) -> dict[str, Any]:
    """A fact's source and confidence, as every output carries them."""
    return {
        "source": provenance.source,
        "confidence": provenance.confidence.value,
        "note": provenance.note,
        "conflicts": list(provenance.conflicts),
    }


def participant_json(view: ParticipantView) -> dict[str, Any]:
    return {
        "participant": view.code,
        "name": view.name,
        "as_of": iso(view.as_of),
        "in_force": [plain(_holding(h, view.language)) for h in view.in_force],
        "other": [plain(_holding(h, view.language)) for h in view.other],
        "events": [event_json(e) for e in view.events],
    }


def participant_public(view: ParticipantView, register: Register) -> ParticipantPublic:
    """Everything binding a participant on the view's date, with its page's record."""
    return ParticipantPublic(
        participant=view.code,
        name=view.name,
        as_of=view.as_of,
        in_force=[_holding(h, view.language) for h in view.in_force],
        other=[_holding(h, view.language) for h in view.other],
        events=[event_public(e) for e in view.events],
        memberships=memberships(register, view.code, view.as_of, view.language),
        statements=statements(register, view.code, view.as_of),
    )


def changes_json(found: Sequence[Change]) -> list[dict[str, Any]]:
    return [
        {
            "date": iso(c.day),
            "instrument": c.instrument,
            "participant": c.participant,
            "from": c.before.value,
            "to": c.after.value,
            "reasons": list(c.reasons),
            **evidence_json(c.evidence),
        }
        for c in found
    ]


def infobox_json(box: Infobox) -> dict[str, Any]:
    return plain(infobox_public(box))


def infobox_public(box: Infobox) -> InfoboxPublic:
    return InfoboxPublic(
        title=box.title,
        type=box.kind,
        date_signed=box.signed,
        location_signed=box.place,
        state=box.state,
        date_effective=box.effective,
        date_effective_reason=box.effective_reason,
        **evidence(box.effective_evidence, "date_effective_"),
        signatories=[SignatoryPublic(participant=p, representative=r, **provenance(source))
                     for p, r, source in box.signatories],
        depositary=box.depositary,
        language=box.working_language or None,
        authentic_languages=list(box.languages),
    )


def overview_json(view: Overview) -> dict[str, Any]:
    return {
        "as_of": iso(view.as_of),
        "instruments": [
            {
                **instrument_summary(i),
                "state": view.states[i.id].value,
                "entry_into_force": iso(view.entry_into_force[i.id]),
                "in_force": view.counts[i.id].parties + view.counts[i.id].withdrawing,
                "signatories": view.counts[i.id].signatories,
                "contracting": view.counts[i.id].contracting,
                "withdrawn": view.counts[i.id].withdrawn,
            }
            for i in view.instruments
        ],
        "participants": [
            {
                "participant": code,
                "name": view.names[code],
                "statuses": {
                    i.alias: statuses[i.id].value for i in view.instruments if i.id in statuses
                },
                # How sure each of those statuses is (V, S, U); the sources are the chart's.
                "confidence": {
                    i.alias: view.evidence[code][i.id].confidence.value
                    for i in view.instruments if i.id in statuses
                },
            }
            for code, statuses in view.matrix.items()
        ],
    }


def table_evaluation_json(result: TableEvaluation) -> dict[str, Any]:
    return {
        "instrument": result.instrument,
        "as_of": iso(result.as_of),
        "entry_into_force": iso(result.entry_into_force),
        "entry_into_force_reason": result.entry_into_force_reason,
        "participants": [
            {
                "participant": row.code,
                "name": row.name,
                "status": row.status.value,
                "entry_into_force": iso(row.in_force_from),
                "reasons": list(row.reasons),
            }
            for row in result.rows
        ],
        "errors": [
            {
                "file": e.file, "row": e.row, "column": e.column, "cell": e.cell,
                "kind": e.kind.value, "message": e.message,
            }
            for e in result.errors
        ],
    }


def instrument_json(
    register: Register, key: str, language: str, as_of: date | None = None
) -> dict[str, Any]:
    return plain(instrument_public(register, key, language, as_of))


def instrument_public(
    register: Register, key: str, language: str, as_of: date | None = None
) -> InstrumentPublic:
    """An instrument's page as data: what it is, its infobox, the instruments it relates
    to and those relating to it, and its texts by article."""
    subject = register.instrument(key)

    def existed(instrument: Instrument | None) -> bool:
        """On a date, only the instruments adopted by then are related to anything."""
        return as_of is None or instrument is None or (
            instrument.adopted is None or instrument.adopted <= as_of)

    related_by = [
        RelationPublic(kind=r.kind, instrument=other.alias, title=other.title(language))
        for other in register.instruments.values() for r in other.relations
        if r.target == subject.id and existed(other)
    ]
    return InstrumentPublic(
        id=subject.id,
        alias=subject.alias,
        title=subject.title(language),
        titles=dict(subject.titles),
        kind=subject.kind,
        # Not yet adopted on the day asked: its adoption is a later fact.
        adopted=known_on(subject.adopted, as_of) if as_of else subject.adopted,
        infobox=infobox_public(infobox(register, subject.id, language, as_of)),
        relations=[
            RelationPublic(kind=r.kind, instrument=_alias(register, r.target),
                           title=register.instruments[r.target].title(language)
                           if r.target in register.instruments else r.target)
            for r in subject.relations if existed(register.instruments.get(r.target))
        ],
        related_by=related_by,
        texts={
            code: TextPublic(
                language=text.language, authentic=text.authentic,
                preamble=list(text.preamble), closing=list(text.closing),
                articles=[ArticlePublic(number=a.number, heading=a.heading,
                                        paragraphs=list(a.paragraphs)) for a in text.articles],
            )
            for code, text in sorted(subject.texts.items())
        },
    )


def history_json(register: Register, key: str, language: str) -> dict[str, Any]:
    return plain(history_public(register, key, language))


def history_public(register: Register, key: str, language: str) -> HistoryPublic:
    """Every participant's statuses in an instrument over time, with their reasons: the
    participation timeline's data."""
    subject = register.instrument(key)
    evaluation = register.evaluation(subject.id)
    return HistoryPublic(
        instrument=subject.alias,
        entry_into_force=evaluation.entry_into_force,
        participants=[
            ParticipantHistory(
                participant=code,
                name=register.participant(code).name(None, language),
                intervals=[
                    IntervalPublic(status=i.status, from_=i.period.start, until=i.period.end,
                                   in_force_from=evaluation.own_entry_into_force(i),
                                   reasons=[str(r) for r in i.reasons], **evidence(i.evidence))
                    for i in intervals
                ],
            )
            for code, intervals in sorted(evaluation.intervals.items())
        ],
    )


def _alias(register: Register, instrument: str) -> str:
    found = register.instruments.get(instrument)
    return found.alias if found is not None else instrument


STATEMENTS = {ActKind.RESERVATION, ActKind.RESERVATION_WITHDRAWAL, ActKind.DECLARATION,
              ActKind.DECLARATION_WITHDRAWAL, ActKind.OBJECTION}


def participant_record_json(register: Register, code: str, day: date,
                            language: str) -> dict[str, Any]:
    """What the participant's page adds to its view: its standing in each body over time
    (periods of one category) and its reservations, declarations and objections, up to
    the date, with their texts."""
    return {"memberships": [plain(m) for m in memberships(register, code, day, language)],
            "statements": [plain(s) for s in statements(register, code, day)]}


def memberships(register: Register, code: str, day: date,
                language: str) -> list[MembershipPublic]:
    """The participant's standing in each body up to the day: periods of one category."""
    councils = register.councils
    found = []
    for body in councils.bodies.values():
        if body.membership is None:
            continue
        # Up to the date asked: a period running past it is open ("until" null) on it.
        periods = [
            PeriodPublic(category=category.value, from_=start, until=known_on(end, day))
            for member, category, start, end in councils.membership_spans(body.alias)
            if member == code and (start is None or start <= day)
        ]
        if periods:
            found.append(MembershipPublic(body=body.alias, name=body.name(language),
                                          periods=periods))
    return found


def statements(register: Register, code: str, day: date) -> list[StatementPublic]:
    """The participant's reservations, declarations and objections up to the day."""
    stated = sorted(
        (a for a in register.acts() if a.participant == code and a.kind in STATEMENTS
         and a.received <= day),
        key=lambda a: a.sort_key,
    )
    return [
        StatementPublic(date=a.received, kind=a.kind.label, text=a.text,
                        instrument=_alias(register, a.instrument), **provenance(a.provenance))
        for a in stated
    ]


def hit_public(hit: Hit) -> HitPublic:
    return HitPublic(kind=hit.kind, key=hit.key, title=hit.title, where=hit.where,
                     excerpt=hit.excerpt)
