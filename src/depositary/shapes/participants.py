"""A participant as the answers describe it.

What binds it on a date and what else it stands in (each with its reasons), the events
recorded of it, and what its page adds: its standing in each body over time and its
reservations, declarations and objections.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from depositary.domain.acts import ActKind
from depositary.domain.events import Event
from depositary.locale.reasons import reason_in
from depositary.register import Register
from depositary.register.queries import Holding, ParticipantView, known_on
from depositary.shapes.evidence import evidence_fields, provenance_fields
from depositary.shapes.instruments import alias_of
from depositary.shapes.public import (
    EventPublic,
    HoldingPublic,
    MembershipPublic,
    ParticipantPublic,
    PeriodPublic,
    StatementPublic,
    iso,
    plain,
)

STATEMENTS = {ActKind.RESERVATION, ActKind.RESERVATION_WITHDRAWAL, ActKind.DECLARATION,
              ActKind.DECLARATION_WITHDRAWAL, ActKind.OBJECTION}


def participant_public(view: ParticipantView, register: Register) -> ParticipantPublic:
    """Return everything binding a participant on the view's date, with its page's record.

    The API's answer and the participant's page.
    """
    return ParticipantPublic(
        participant=view.code,
        name=view.name,
        as_of=view.as_of,
        in_force=[_holding(h, view.language) for h in view.in_force],
        other=[_holding(h, view.language) for h in view.other],
        events=[event_public(e) for e in view.events],
        memberships=_memberships(register, view.code, view.as_of, view.language),
        statements=_statements(register, view.code, view.as_of),
    )


def participant_json(view: ParticipantView) -> dict[str, Any]:
    """Return what binds a participant on the view's date, without its page's record.

    The CLI's answer: the view alone, as the stored register's projections give it,
    without the whole register that the memberships and statements are read from.
    """
    return {
        "participant": view.code,
        "name": view.name,
        "as_of": iso(view.as_of),
        "in_force": [plain(_holding(h, view.language)) for h in view.in_force],
        "other": [plain(_holding(h, view.language)) for h in view.other],
        "events": [plain(event_public(e)) for e in view.events],
    }


def event_public(e: Event) -> EventPublic:
    """Return a recorded event, dated as far as it is known, with its source."""
    return EventPublic(
        date=e.shown_date,
        kind=e.kind.value,
        text=e.text,
        participants=list(e.participants),
        instruments=list(e.instruments),  # as the register file names them
        **provenance_fields(e.provenance),
    )


def _holding(holding: Holding, language: str) -> HoldingPublic:
    return HoldingPublic(
        instrument=holding.instrument.alias,
        title=holding.instrument.title(language),
        status=holding.status,
        since=holding.in_force_from or holding.since,
        reasons=[reason_in(r, language) for r in holding.reasons],
        **evidence_fields(holding.evidence),
    )


def _memberships(register: Register, code: str, day: date,
                 language: str) -> list[MembershipPublic]:
    """Return the participant's standing in each body up to the day: periods of one category."""
    councils = register.councils
    standing = []
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
            standing.append(MembershipPublic(body=body.alias, name=body.name(language),
                                             periods=periods))
    return standing


def _statements(register: Register, code: str, day: date) -> list[StatementPublic]:
    """Return the participant's reservations, declarations and objections up to the day."""
    stated = sorted(
        (a for a in register.acts() if a.participant == code and a.kind in STATEMENTS
         and a.received <= day),
        key=lambda a: a.sort_key,
    )
    return [
        StatementPublic(date=a.received, kind=a.kind.label, text=a.text,
                        instrument=alias_of(register, a.instrument),
                        **provenance_fields(a.provenance))
        for a in stated
    ]
