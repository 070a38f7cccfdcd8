"""Reservations, their acceptance, objection and withdrawal (VCLT 19-23)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from depositary.domain.acts import Act, ActKind
from depositary.domain.clauses import Reservations
from depositary.domain.periods import add_months


class ReservationState(StrEnum):
    PENDING = "pending"  # within the period in which others may object
    ESTABLISHED = "established"  # tacitly accepted (VCLT 20(5)) or not open to objection
    REJECTED = "rejected"  # a late reservation to which a party objected in time
    WITHDRAWN = "withdrawn"  # VCLT 22(3): effective on receipt


@dataclass(frozen=True, slots=True)
class ReservationRecord:
    """A reservation or declaration with what happened to it since."""

    act: Act
    late: bool  # made after the participant's consent (UN Treaty Handbook 3.5.4)
    objections: tuple[Act, ...]
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
        timely = [o for o in self.objections if o.received <= self.acceptance_date]
        if self.late and any(o.received <= day for o in timely):
            return ReservationState.REJECTED
        if self.act.kind is ActKind.DECLARATION or day >= self.acceptance_date:
            return ReservationState.ESTABLISHED
        return ReservationState.PENDING


def reservation_records(
    acts: Sequence[Act], policy: Reservations, consented: dict[str, date]
) -> tuple[ReservationRecord, ...]:
    """Every reservation and declaration among `acts`, with objections and withdrawals.
    `consented` gives each participant's first consent, to tell late reservations."""
    records = []
    for act in acts:
        if act.kind not in {ActKind.RESERVATION, ActKind.DECLARATION}:
            continue
        consent = consented.get(act.participant)
        withdrawal_kind = (
            ActKind.RESERVATION_WITHDRAWAL
            if act.kind is ActKind.RESERVATION
            else ActKind.DECLARATION_WITHDRAWAL
        )
        withdrawn = [
            a.received for a in acts if a.kind is withdrawal_kind and a.refers_to == act.id
        ]
        objections = tuple(
            o for o in acts
            if o.kind is ActKind.OBJECTION and o.refers_to == act.id
            and not any(
                w.kind is ActKind.OBJECTION_WITHDRAWAL and w.refers_to == o.id for w in acts
            )
        )
        records.append(
            ReservationRecord(
                act=act,
                late=consent is not None and act.received > consent,
                objections=objections,
                withdrawn_on=min(withdrawn) if withdrawn else None,
                tacit_acceptance_months=policy.tacit_acceptance_months,
            )
        )
    return tuple(records)
