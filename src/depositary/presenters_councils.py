"""Machine-readable shapes of the councils' answers (plain dicts of JSON types, ISO dates),
for the CLI's JSON and CSV and, later, the API."""

from __future__ import annotations

from datetime import date
from typing import Any

from depositary.domain.joint import JointProcedure
from depositary.domain.procedures import Consensus, Majority, Procedure, Unanimity
from depositary.presenters import iso
from depositary.register import Register


def bodies_json(register: Register, language: str) -> list[dict[str, Any]]:
    return [
        {
            "body": body.alias,
            "name": body.name(language),
            "founded_by": [register.instrument(k).alias for k in body.founded_by],
            "procedures": {q: procedure_json(p) for q, p in body.procedures},
            "chair_post": body.chair_post,
        }
        for body in sorted(register.councils.bodies.values(), key=lambda b: b.alias)
    ]


def procedure_json(procedure: Procedure | JointProcedure) -> dict[str, Any]:
    if isinstance(procedure, Consensus):
        return {"kind": "consensus", "quorum": str(procedure.quorum), "source": procedure.source}
    if isinstance(procedure, Unanimity):
        return {"kind": "unanimity", "source": procedure.source}
    if isinstance(procedure, Majority):
        return {"kind": "majority", "threshold": str(procedure.threshold),
                "quorum": str(procedure.quorum), "source": procedure.source}
    return {
        "kind": "joint", "decider": procedure.decider,
        "in_agreement_with": list(procedure.in_agreement_with),
        "in_consultation_with": list(procedure.in_consultation_with),
        "window_days": procedure.window_days, "condition": procedure.condition,
        "valid_until": iso(procedure.valid_until), "source": procedure.source,
    }


def members_json(register: Register, body: str, day: date, language: str) -> dict[str, Any]:
    """`depositary members BODY --as-of DATE --format json`: what scripts rely on."""
    members, former = register.councils.membership(body, day)
    seat = register.councils.body(body).seat

    def sitting(code: str) -> list[dict[str, Any]]:
        """Who sits for the member on the day: the persons in the body's seat capacity, with
        the capacity's period as recorded (null where the register does not know it, and
        then the capacity holds on any date: read it with that in mind)."""
        if seat is None:
            return []
        return [
            {"person": person.id, "title": c.title, "from": iso(c.period.start),
             "until": iso(c.period.end)}
            for person in sorted(register.persons.values(), key=lambda p: p.id)
            if (c := person.capacity_on(code, day)) is not None and c.role is seat
        ]

    return {
        "body": body,
        "as_of": day.isoformat(),
        "members": [
            {
                "participant": m.participant,
                "name": register.participant(m.participant).name(day, language),
                "category": m.category.value,
                "participation": m.participation,
                "reasons": list(m.reasons),
                "represented_by": sitting(m.participant),
            }
            for m in members
        ],
        "former": [
            {"participant": f.participant, "reasons": list(f.reasons)} for f in former
        ],
    }


def holders_json(register: Register, post: str, day: date, language: str) -> dict[str, Any]:
    """`depositary holders POST --as-of DATE --format json`."""
    councils = register.councils
    return {
        "post": post,
        "name": councils.post(post).name(language),
        "as_of": day.isoformat(),
        "holders": [
            {
                "person": a.person,
                "name": register.persons[a.person].name(language),
                "tenure": a.tenure.value,
                "start": iso(a.period.start),
                "end": iso(a.period.end) if a.end_known else None,
                "ended_by": None if a.end_known else iso(a.period.end),
                "end_unknown": not a.end_known and a.period.end is None,
                "on_behalf_of": a.on_behalf_of,
                "decision": a.decision,
                "source": a.provenance.source,
                "confidence": a.provenance.confidence.value,
            }
            for a in councils.holders(post, day)
        ],
    }


def chairs_json(register: Register, body: str, until: date) -> list[dict[str, Any]]:
    return [
        {"participant": t.participant, "start": iso(t.start), "end": iso(t.end),
         "co_chairs": list(t.co_chairs), "reason": t.reason}
        for t in register.councils.chairs(body, until)
    ]


def sessions_json(register: Register, body: str | None) -> list[dict[str, Any]]:
    councils = register.councils
    found = [s for s in councils.sessions.values() if body is None or s.body == body]
    return [
        {
            "session": s.id, "body": s.body, "date": iso(s.day), "place": s.place,
            "chair": _chair(register, s.id), "minutes": s.minutes,
            "attendance": [
                {"participant": a.participant, "person": a.person, "acting": a.acting}
                for a in s.attendance
            ],
            "drafts": [
                {
                    "motion": m.id, "title": m.title, "question": m.question,
                    "positions": {
                        p.participant: {"position": p.stance.position.value,
                                        "text": p.stance.text}
                        for p in councils.positions_on(m.id)
                    },
                    "decision": _decision(register, m.id),
                }
                for m in councils.motions.values() if m.session == s.id
            ],
        }
        for s in sorted(found, key=lambda s: (s.day, s.id))
    ]


def _chair(register: Register, session: str) -> dict[str, str] | None:
    found = register.councils.chair_of(session)
    return {"participant": found[0], "reason": found[1]} if found else None


def _decision(register: Register, motion: str) -> dict[str, Any] | None:
    decision = register.councils.decisions.get(motion)
    if decision is None:
        return None
    return {
        "date": iso(decision.day), "adopted": decision.outcome.adopted,
        "bound": list(decision.outcome.bound), "reasons": list(decision.outcome.reasons),
        "instrument": decision.instrument,
    }
