"""Depositary notifications: every registered act is notified, with its consequences, to
the parties and the states entitled to become parties (VCLT 77(1)(e), 78; DESIGN.md §5
rule 13). The numbering is the register's; the texts and their delivery come later."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from depositary.domain.acts import Act
from depositary.domain.engine import Evaluation
from depositary.domain.instruments import Instrument
from depositary.domain.participants import Participant


@dataclass(frozen=True, slots=True)
class Notification:
    """A numbered depositary notification of one act."""

    number: str  # "<sequence>.<year>", never reused (like the UN's C.N. numbers)
    day: date
    instrument: str
    act: str
    consequences: tuple[str, ...]
    recipients: tuple[str, ...]


def notify(
    number: str,
    act: Act,
    instrument: Instrument,
    before: Evaluation,
    after: Evaluation,
    participants: Mapping[str, Participant],
) -> Notification:
    """The notification of `act`, with what it changed according to the engine."""
    consequences = []
    if after.entry_into_force != before.entry_into_force and after.entry_into_force:
        consequences.append(
            f"{instrument.alias} enters into force on {after.entry_into_force.isoformat()}"
        )
    # What the act changed from the day it took effect: a succession may reach back.
    since = min(act.received, act.effective or act.received)
    earlier = {(i.status, i.period.start) for i in before.intervals.get(act.participant, ())}
    for interval in after.intervals.get(act.participant, ()):
        start = interval.period.start
        if start is not None and start >= since and (interval.status, start) not in earlier:
            consequences.append(f"{act.participant} {interval.status.value} from {start}")
    return Notification(
        number=number,
        day=act.received,
        instrument=instrument.id,
        act=act.id,
        consequences=tuple(consequences),
        recipients=_recipients(act.received, instrument, after, participants),
    )


def _recipients(
    day: date, instrument: Instrument, evaluation: Evaluation,
    participants: Mapping[str, Participant],
) -> tuple[str, ...]:
    """Parties, signatories and the states entitled to become parties (VCLT 77(1)(e)):
    those the instrument is open to, or every state that exists on the day."""
    involved = {row.participant for row in evaluation.chart(day)}
    open_to = instrument.clauses.participation.open_to
    entitled = (
        set(open_to) if open_to is not None
        else {code for code, p in participants.items() if p.exists_on(day)}
    )
    return tuple(sorted(involved | entitled))
