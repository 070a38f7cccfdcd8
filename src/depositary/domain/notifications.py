"""Depositary notifications: every registered act is notified, with its consequences, to
the parties and the states entitled to become parties (VCLT 77(1)(e), 78; DESIGN.md §5
rule 13). The numbering is the register's; the texts and their delivery come later."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from depositary.domain.acts import Act
from depositary.domain.engine import Evaluation
from depositary.domain.instruments import Instrument
from depositary.domain.status import Status


@dataclass(frozen=True, slots=True)
class Consequence:
    """What an act brings about: the instrument's general entry into force on `day`
    (`participant` None), or a participant's `status` from `day`. Kept as facts, so each
    language says it in its own words (depositary.app.notices); `str` is the English the
    log has always recorded."""

    instrument: str  # alias
    day: date
    participant: str | None = None
    status: Status | None = None

    def __str__(self) -> str:
        if self.participant is None or self.status is None:
            return f"{self.instrument} enters into force on {self.day.isoformat()}"
        return f"{self.participant} {self.status.value} from {self.day.isoformat()}"

    def json(self) -> dict[str, str]:
        """As the notification's entry keeps it (`effects`)."""
        found = {"instrument": self.instrument, "day": self.day.isoformat()}
        if self.participant is not None and self.status is not None:
            found |= {"participant": self.participant, "status": self.status.value}
        return found

    @classmethod
    def from_json(cls, data: dict[str, str]) -> Consequence:
        status = data.get("status")
        return cls(data["instrument"], date.fromisoformat(data["day"]), data.get("participant"),
                   Status(status) if status else None)


@dataclass(frozen=True, slots=True)
class Notification:
    """A numbered depositary notification of one act."""

    number: str  # "<sequence>.<year>", never reused (like the UN's C.N. numbers)
    day: date
    instrument: str
    act: str
    consequences: tuple[Consequence, ...]


def notify(number: str, act: Act, instrument: Instrument, evaluation: Evaluation) -> Notification:
    """The notification of `act`: its consequences are the statuses and the entry into
    force whose reasons cite it, as the engine evaluates the register with the act in."""
    consequences = []
    reason = evaluation.entry_into_force_reason
    if reason is not None and act.id in reason.acts and evaluation.entry_into_force:
        consequences.append(Consequence(instrument.alias, evaluation.entry_into_force))
    since = min(act.received, act.effective or act.received)  # a succession reaches back
    for interval in evaluation.intervals.get(act.participant, ()):
        start = interval.period.start
        cited = any(act.id in r.acts for r in interval.reasons)
        if cited and start is not None and start >= since:
            consequences.append(
                Consequence(instrument.alias, start, act.participant, interval.status))
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
