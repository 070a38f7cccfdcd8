"""Machine-readable shapes of the read side's answers: plain dicts of JSON types, with ISO
8601 dates. The CLI prints them as JSON or CSV; the API will serve the same shapes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

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


def iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


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
        rows.append({
            "number": data["number"], "date": data["date"], "instrument": alias,
            "participant": data["participant"], "act": data["kind"],
            "consequences": data["consequences"], "recipients": data["recipients"],
            "text": data["texts"].get(language) or data["texts"]["en"],
            "source": data.get("source", act.provenance.source if act else ""),
            "confidence": data.get(
                "confidence", act.provenance.confidence.value if act else None),
        })
    return rows


def instrument_summary(instrument: Instrument) -> dict[str, Any]:
    return {
        "id": instrument.id,
        "alias": instrument.alias,
        "title": instrument.title("en"),
        "titles": dict(instrument.titles),
        "kind": instrument.kind.value,
        "adopted": iso(instrument.adopted),
    }


def chart_json(chart: Chart) -> dict[str, Any]:
    """A status chart on its date: no date after it but a declared effect of an act
    already received; each row with the confidence and sources of what it rests on."""
    counts = chart.counts
    general = chart.entry_into_force_evidence
    return {
        "instrument": chart.instrument.alias,
        "id": chart.instrument.id,
        "as_of": iso(chart.as_of),
        "state": chart.state.value,
        "entry_into_force": iso(chart.entry_into_force),
        # null where the register cannot say (state "unknown")
        "in_force": None if chart.state is State.UNKNOWN else chart.state is State.IN_FORCE,
        "entry_into_force_reason": chart.entry_into_force_reason,
        **evidence_json(general, "entry_into_force_"),
        "counts": {
            "signatories": counts.signatories,
            "contracting": counts.contracting,
            "provisionally_applying": counts.provisionally_applying,
            "parties": counts.parties,
            "unknown": counts.unknown,
            "withdrawing": counts.withdrawing,
            "withdrawn": counts.withdrawn,
            "terminated": counts.terminated,
            "ceased": counts.ceased,
            "signatures": counts.signatures,
            "consents": counts.consents,
            "still_needed": counts.still_needed,
        },
        "participants": [
            {
                "participant": row.participant,
                "name": row.name,
                "status": row.status.value,
                "signature": iso(row.signature),
                "consent": row.consent_cell or None,
                "in_force_from": iso(row.in_force_from),
                "reservations": list(row.reservations),
                "reasons": list(row.reasons),
                **evidence_json(row.evidence),
            }
            for row in chart.rows
        ],
    }


def evidence_json(evidence: Evidence | None, prefix: str = "") -> dict[str, Any]:
    """The confidence (V, S or U) of what a status rests on, and its sources."""
    return {
        f"{prefix}confidence": evidence.confidence.value if evidence else None,
        f"{prefix}sources": list(evidence.sources) if evidence else [],
        f"{prefix}conflicts": list(evidence.conflicts) if evidence else [],
    }


def _holding(holding: Holding, language: str) -> dict[str, Any]:
    return {
        "instrument": holding.instrument.alias,
        "title": holding.instrument.title(language),
        "status": holding.status.value,
        "since": iso(holding.in_force_from or holding.since),
        "reasons": list(holding.reasons),
        **evidence_json(holding.evidence),
    }


def event_json(e: Event) -> dict[str, Any]:
    """A recorded event, its date as far as it is known, with its source and confidence."""
    return {
        "date": e.shown_date,
        "kind": e.kind.value,
        "text": e.text,
        "participants": list(e.participants),
        "instruments": list(e.instruments),  # as the register file names them
        **provenance_json(e.provenance),
    }


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
        "in_force": [_holding(h, view.language) for h in view.in_force],
        "other": [_holding(h, view.language) for h in view.other],
        "events": [event_json(e) for e in view.events],
    }


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
    return {
        "title": box.title,
        "type": box.kind,
        "date_signed": iso(box.signed),
        "location_signed": box.place,
        "state": box.state.value,
        "date_effective": iso(box.effective),
        "date_effective_reason": box.effective_reason,
        **evidence_json(box.effective_evidence, "date_effective_"),
        "signatories": [{"participant": p, "representative": r, **provenance_json(provenance)}
                        for p, r, provenance in box.signatories],
        "depositary": box.depositary,
        "language": box.working_language or None,
        "authentic_languages": list(box.languages),
    }


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
    """An instrument's page as data: what it is, its infobox, the instruments it relates
    to and those relating to it, and its texts by article."""
    subject = register.instrument(key)

    def existed(instrument: Instrument | None) -> bool:
        """On a date, only the instruments adopted by then are related to anything."""
        return as_of is None or instrument is None or (
            instrument.adopted is None or instrument.adopted <= as_of)

    related_by = [
        {"kind": r.kind.value, "instrument": other.alias, "title": other.title(language)}
        for other in register.instruments.values() for r in other.relations
        if r.target == subject.id and existed(other)
    ]
    return {
        **instrument_summary(subject),
        # Not yet adopted on the day asked: its adoption is a later fact.
        "adopted": iso(known_on(subject.adopted, as_of) if as_of else subject.adopted),
        "title": subject.title(language),
        "infobox": infobox_json(infobox(register, subject.id, language, as_of)),
        "relations": [
            {"kind": r.kind.value, "instrument": _alias(register, r.target),
             "title": register.instruments[r.target].title(language)
             if r.target in register.instruments else r.target}
            for r in subject.relations if existed(register.instruments.get(r.target))
        ],
        "related_by": related_by,
        "texts": {
            code: {
                "language": text.language, "authentic": text.authentic,
                "preamble": list(text.preamble), "closing": list(text.closing),
                "articles": [{"number": a.number, "heading": a.heading,
                              "paragraphs": list(a.paragraphs)} for a in text.articles],
            }
            for code, text in sorted(subject.texts.items())
        },
    }


def history_json(register: Register, key: str, language: str) -> dict[str, Any]:
    """Every participant's statuses in an instrument over time, with their reasons: the
    participation timeline's data."""
    subject = register.instrument(key)
    evaluation = register.evaluation(subject.id)
    return {
        "instrument": subject.alias,
        "entry_into_force": iso(evaluation.entry_into_force),
        "participants": [
            {
                "participant": code,
                "name": register.participant(code).name(None, language),
                "intervals": [
                    {"status": i.status.value, "from": iso(i.period.start),
                     "until": iso(i.period.end),
                     "in_force_from": iso(evaluation.own_entry_into_force(i)),
                     "reasons": [str(r) for r in i.reasons], **evidence_json(i.evidence)}
                    for i in intervals
                ],
            }
            for code, intervals in sorted(evaluation.intervals.items())
        ],
    }


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
    councils = register.councils
    memberships = []
    for body in councils.bodies.values():
        if body.membership is None:
            continue
        # Up to the date asked: a period running past it is open ("until" null) on it.
        periods = [
            {"category": category.value, "from": iso(start),
             "until": iso(known_on(end, day))}
            for member, category, start, end in councils.membership_spans(body.alias)
            if member == code and (start is None or start <= day)
        ]
        if periods:
            memberships.append({"body": body.alias, "name": body.name(language),
                                "periods": periods})
    stated = sorted(
        (a for a in register.acts() if a.participant == code and a.kind in STATEMENTS
         and a.received <= day),
        key=lambda a: a.sort_key,
    )
    return {
        "memberships": memberships,
        "statements": [
            {"date": iso(a.received), "kind": a.kind.label, "text": a.text,
             "instrument": _alias(register, a.instrument), **provenance_json(a.provenance)}
            for a in stated
        ],
    }
