"""Reservations, their acceptance, objection and withdrawal (VCLT 19-23)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from depositary.domain.acts import Act, ActKind
from depositary.domain.clauses import Reservations
from depositary.domain.periods import Period, add_months


class ReservationState(StrEnum):
    PENDING = "pending"  # within the period in which others may object
    ESTABLISHED = "established"  # tacitly accepted (VCLT 20(5)) or not open to objection
    REJECTED = "rejected"  # a late reservation to which a party objected in time
    WITHDRAWN = "withdrawn"  # VCLT 22(3): effective on receipt


@dataclass(frozen=True, slots=True)
class Objection:
    """An objection and, if withdrawn, the day the withdrawal was received: operative from
    then on only (VCLT 22(3)(b))."""

    act: Act
    withdrawn_on: date | None = None

    def stands_on(self, day: date) -> bool:
        return self.act.received <= day and (self.withdrawn_on is None or day < self.withdrawn_on)


@dataclass(frozen=True, slots=True)
class ReservationRecord:
    """A reservation or declaration with what happened to it since."""

    act: Act
    late: bool  # made after the participant's consent (UN Treaty Handbook 3.5.4)
    objections: tuple[Objection, ...]
    withdrawn_on: date | None
    tacit_acceptance_months: int

    @property
    def acceptance_date(self) -> date:
        """Twelve months after the reservation was notified (VCLT 20(5))."""
        return add_months(self.act.received, self.tacit_acceptance_months)

    def state_on(self, day: date) -> ReservationState | None:
        """The state of the reservation on `day`, None before it was received."""
        if day < self.act.received:
            return None
        if self.withdrawn_on is not None and day >= self.withdrawn_on:
            return ReservationState.WITHDRAWN
        timely = [o for o in self.objections if o.act.received <= self.acceptance_date]
        if self.late and any(o.stands_on(day) for o in timely):
            return ReservationState.REJECTED
        if self.act.kind is ActKind.DECLARATION or day >= self.acceptance_date:
            return ReservationState.ESTABLISHED
        return ReservationState.PENDING


def reservation_records(
    acts: Sequence[Act], policy: Reservations, consents: Mapping[str, Sequence[Period]]
) -> tuple[ReservationRecord, ...]:
    """Every reservation and declaration among `acts`, with objections and withdrawals.
    `consents` gives each participant's periods of consent, to tell late reservations: one
    made after the consent it goes with (a reservation made with a re-accession is not)."""
    withdrawals = {
        (a.kind, a.refers_to): a.received
        for a in sorted(acts, key=lambda a: a.received, reverse=True)
        if a.refers_to is not None
    }
    objections: dict[str, list[Objection]] = defaultdict(list)
    for act in acts:
        if act.kind is ActKind.OBJECTION and act.refers_to is not None:
            withdrawn = withdrawals.get((ActKind.OBJECTION_WITHDRAWAL, act.id))
            objections[act.refers_to].append(Objection(act, withdrawn))
    records = []
    for act in acts:
        if act.kind not in _WITHDRAWAL_OF:
            continue
        late = any(
            period.contains(act.received) and period.start != act.received
            for period in consents.get(act.participant, ())
        )
        records.append(
            ReservationRecord(
                act=act,
                late=late,
                objections=tuple(objections.get(act.id, ())),
                withdrawn_on=withdrawals.get((_WITHDRAWAL_OF[act.kind], act.id)),
                tacit_acceptance_months=policy.tacit_acceptance_months,
            )
        )
    return tuple(records)


_WITHDRAWAL_OF = {
    ActKind.RESERVATION: ActKind.RESERVATION_WITHDRAWAL,
    ActKind.DECLARATION: ActKind.DECLARATION_WITHDRAWAL,
}
