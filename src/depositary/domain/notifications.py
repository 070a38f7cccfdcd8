"""Depositary notifications: every registered act is notified, with its consequences, to
the parties and the states entitled to become parties (VCLT 77(1)(e), 78; DESIGN.md §5
rule 13). The numbering is the register's; the texts and their delivery come later."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from depositary.domain.acts import Act
from depositary.domain.engine import Evaluation
from depositary.domain.instruments import Instrument


@dataclass(frozen=True, slots=True)
class Notification:
    """A numbered depositary notification of one act."""

    number: str  # "<sequence>.<year>", never reused (like the UN's C.N. numbers)
    day: date
    instrument: str
    act: str
    consequences: tuple[str, ...]


def notify(number: str, act: Act, instrument: Instrument, evaluation: Evaluation) -> Notification:
    """The notification of `act`: its consequences are the statuses and the entry into
    force whose reasons cite it, as the engine evaluates the register with the act in."""
    consequences = []
    reason = evaluation.entry_into_force_reason
    if reason is not None and act.id in reason.acts and evaluation.entry_into_force:
        consequences.append(
            f"{instrument.alias} enters into force on {evaluation.entry_into_force.isoformat()}"
        )
    since = min(act.received, act.effective or act.received)  # a succession reaches back
    for interval in evaluation.intervals.get(act.participant, ()):
        start = interval.period.start
        cited = any(act.id in r.acts for r in interval.reasons)
        if cited and start is not None and start >= since:
            consequences.append(f"{act.participant} {interval.status.value} from {start}")
    return Notification(
        number=number,
        day=act.received,
        instrument=instrument.id,
        act=act.id,
        consequences=tuple(consequences),
    )


def recipients(
    day: date, instrument: Instrument, evaluation: Evaluation, existing: frozenset[str]
) -> tuple[str, ...]:
    """Parties, signatories and the states entitled to become parties (VCLT 77(1)(e)):
    those the instrument is open to, or every state that exists on the day."""
    involved = {row.participant for row in evaluation.chart(day)}
    open_to = instrument.clauses.participation.open_to
    entitled = set(open_to) if open_to is not None else existing
    return tuple(sorted(involved | entitled))
