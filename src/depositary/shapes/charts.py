"""Who is bound by what, as the answers chart it.

An instrument's status chart on a date, its participants' statuses over time (the
participation timeline's data), the changes of status between two dates, the overview's
matrix of participants by instruments, and a UN table evaluated against its clauses.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from depositary.app.table import TableEvaluation
from depositary.locale.reasons import reason_in
from depositary.register import Register, queries
from depositary.register.queries import Change, Chart, Overview, State
from depositary.shapes.evidence import evidence_fields, evidence_json
from depositary.shapes.instruments import summary_public
from depositary.shapes.public import (
    ChangesPage,
    ChartRowPublic,
    Counts,
    HistoryPublic,
    IntervalPublic,
    ParticipantHistory,
    StatusPublic,
    iso,
    one_page,
    plain,
)


def status_public(chart: Chart) -> StatusPublic:
    """Return a status chart on its date.

    No date after it is shown but a declared effect of an act already received; each row
    carries the confidence and sources of what it rests on.
    """
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
        **evidence_fields(chart.entry_into_force_evidence, "entry_into_force_"),
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
                in_force_until=row.in_force_until,
                reservations=list(row.reservations),
                reasons=list(row.reasons),
                **evidence_fields(row.evidence),
            )
            for row in chart.rows
        ],
    )


def history_public(register: Register, key: str, language: str) -> HistoryPublic:
    """Return every participant's statuses in an instrument over time, with their reasons.

    This is the participation timeline's data.
    """
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
                                   reasons=[reason_in(r, language) for r in i.reasons],
                                   **evidence_fields(i.evidence))
                    for i in intervals
                ],
            )
            for code, intervals in sorted(evaluation.intervals.items())
        ],
    )


def changes_json(changes: Sequence[Change]) -> list[dict[str, Any]]:
    """Return the changes of status between two dates, in date order, with their reasons."""
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
        for c in changes
    ]


def overview_json(view: Overview) -> dict[str, Any]:
    """Return the register at a glance on a date.

    Every instrument with its counts, and who is bound by what: each participant's status
    in each instrument, with how sure it is.
    """
    return {
        "as_of": iso(view.as_of),
        "instruments": [
            {
                **plain(summary_public(i)),
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


def changes_page(register: Register, start: date, end: date, page: int,
                 per_page: int, language: str = "en") -> ChangesPage:
    """One page of the changes of status in (start, end], in date order, with their
    reasons in `language`."""
    found = changes_json(queries.changes(register, start, end, language=language))
    return ChangesPage(from_=start, to=end, page=page, per_page=per_page, total=len(found),
                       items=list(one_page(found, page, per_page)))


def overview_page(register: Register, on: date, language: str, page: int,
                  per_page: int) -> dict[str, Any]:
    """One page of the overview: its instruments (oldest first) and each participant's
    status in them; a large register's overview is read a page at a time."""
    subjects = queries.adopted_by(register, on)
    view = queries.overview(register, on, language, only=one_page(subjects, page, per_page))
    return {**overview_json(view), "page": page, "per_page": per_page, "total": len(subjects)}


def table_evaluation_json(result: TableEvaluation) -> dict[str, Any]:
    """Return a UN status table evaluated against its clauses, with the rows left out."""
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
