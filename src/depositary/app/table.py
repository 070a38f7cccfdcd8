"""Evaluate one treaty from a status table and a clauses file: who is bound on a date, from
when, and why.

A table with a cell or a name that could not be read is refused whole (UnreadableTable):
evaluated, its participants would show as not involved for want of the acts in those cells.
The table's acts enter a fresh register through `Register.deposit`, the same examination a
clerk's act gets; an act the register refuses becomes a row error naming the table cell,
and the rest of the table is still evaluated.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from depositary.app.stored import utc_today
from depositary.domain.admissibility import ActRejected
from depositary.domain.clauses import Clauses
from depositary.domain.engine import Evaluation
from depositary.domain.instruments import Instrument, InstrumentKind
from depositary.domain.status import Status
from depositary.domain.uri import WorkUri
from depositary.formats.status_columns import ErrorKind
from depositary.formats.untc import Origin, RowError, StatusTable, require_readable
from depositary.register.register import Register


@dataclass(frozen=True, slots=True)
class ParticipantRow:
    """One participant's standing on the evaluation date.

    `in_force_from` is the date the instrument entered into force for it (a party or a
    withdrawing party), or the date it will (a contracting participant whose date the
    clauses already fix); None otherwise.
    """

    code: str
    name: str
    status: Status
    in_force_from: date | None
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TableEvaluation:
    """Every participant of a table on one date, the general entry into force, and the
    acts the register refused (each naming its cell)."""

    instrument: str
    as_of: date
    entry_into_force: date | None
    entry_into_force_reason: str | None
    rows: tuple[ParticipantRow, ...]
    errors: tuple[RowError, ...]


def evaluate_table(clauses: Clauses, table: StatusTable, as_of: date | None) -> TableEvaluation:
    """Deposit the table's acts under `clauses` and report every participant on `as_of`
    (today when None). UnreadableTable if the table has row errors: a caller that wants
    the rest evaluated all the same says so with `replace(table, errors=[])`."""
    require_readable(table)
    day = as_of or utc_today()
    register = Register()
    for participant in table.participants.values():
        register.add_participant(participant)
    register.add_instrument(Instrument(
        id=str(WorkUri("un", "treaty", None, table.instrument)),
        alias=table.instrument,
        kind=InstrumentKind.TREATY,
        titles={"en": table.instrument},
        depositary="Secretary-General of the United Nations",
        clauses=clauses,
    ))
    rejected: list[RowError] = []

    def report(error: ActRejected) -> None:
        origin = table.origins.get(error.act.id, Origin(table.source, 0))
        why = "; ".join(str(r) for r in error.rejections)
        rejected.append(
            RowError.at(origin, ErrorKind.REJECTED, f"{error.act.describe()}: {why}")
        )

    # One batch in receipt order, each act examined against the register as it stood when
    # the Secretary-General received it; a refused act is reported and the rest go on.
    register.deposit_all(table.acts, on_rejection=report)
    evaluation = register.evaluation(table.instrument)
    reason = evaluation.entry_into_force_reason
    rows = tuple(
        _row(code, participant.name(day), evaluation, day)
        for code, participant in sorted(table.participants.items())
    )
    return TableEvaluation(
        instrument=table.instrument,
        as_of=day,
        entry_into_force=evaluation.entry_into_force,
        entry_into_force_reason=str(reason) if reason is not None else None,
        rows=rows,
        errors=tuple(rejected),
    )


def _row(code: str, name: str, evaluation: Evaluation, day: date) -> ParticipantRow:
    interval = evaluation.status_on(code, day)
    if interval is None:
        why = (
            f"no act of {code} received by {day.isoformat()}"
            if evaluation.intervals.get(code) else f"no act of {code} was registered"
        )
        return ParticipantRow(code, name, Status.NOT_INVOLVED, None, (why,))
    reasons = tuple(str(reason) for reason in interval.reasons)
    in_force = evaluation.own_entry_into_force(interval)
    return ParticipantRow(code, name, interval.status, in_force, reasons)
