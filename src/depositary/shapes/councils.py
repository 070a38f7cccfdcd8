"""The councils' answers: bodies, members, post holders, chairs and sessions.

Each is built once, as the API's `*Public` model (public_councils.py); the CLI's JSON and
CSV and the pages read it `plain`. A post's appointments, which the API does not serve,
are plain JSON (`appointments_json`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from depositary.domain.joint import JointProcedure
from depositary.domain.posts import Appointment
from depositary.domain.procedures import Consensus, Majority, Procedure, Unanimity
from depositary.locale import spoken, translate
from depositary.register import Register
from depositary.register.councils import seated
from depositary.register.queries import known_on
from depositary.shapes.evidence import evidence_fields, provenance_fields, provenance_json
from depositary.shapes.public import iso
from depositary.shapes.public_councils import (
    AttendancePublic,
    BodyPublic,
    ChairTermPublic,
    ConsensusPublic,
    DecisionPublic,
    DraftPublic,
    FormerMemberPublic,
    HolderPublic,
    HoldersPublic,
    JointPublic,
    MajorityPublic,
    MemberPublic,
    MembersPublic,
    SeatPublic,
    SessionChairPublic,
    SessionPublic,
    StancePublic,
    UnanimityPublic,
)


def bodies_public(register: Register, language: str) -> list[BodyPublic]:
    """Return the bodies, by alias, with their founding instruments and procedures."""
    return [
        BodyPublic(
            body=body.alias,
            name=body.name(language),
            founded_by=[register.instrument(k).alias for k in body.founded_by],
            procedures={q: procedure_public(p) for q, p in body.procedures},
            chair_post=body.chair_post,
        )
        for body in sorted(register.councils.bodies.values(), key=lambda b: b.alias)
    ]


def procedure_public(
    procedure: Procedure | JointProcedure,
) -> ConsensusPublic | UnanimityPublic | MajorityPublic | JointPublic:
    """Return a decision procedure with its parameters and the clause that sets it."""
    if isinstance(procedure, Consensus):
        return ConsensusPublic(kind="consensus", quorum=str(procedure.quorum),
                               source=procedure.source)
    if isinstance(procedure, Unanimity):
        return UnanimityPublic(kind="unanimity", source=procedure.source)
    if isinstance(procedure, Majority):
        return MajorityPublic(kind="majority", threshold=str(procedure.threshold),
                              quorum=str(procedure.quorum), source=procedure.source)
    return JointPublic(
        kind="joint", decider=procedure.decider,
        in_agreement_with=list(procedure.in_agreement_with),
        in_consultation_with=list(procedure.in_consultation_with),
        window_days=procedure.window_days, condition=procedure.condition,
        valid_until=procedure.valid_until, source=procedure.source,
    )


def members_public(register: Register, body: str, day: date, language: str) -> MembersPublic:
    """Return a body's members on a day, by category, and those who have left.

    `depositary members BODY --as-of DATE --format json` prints it: what scripts rely on.
    """
    members, former = register.councils.membership(body, day)
    seat = register.councils.body(body).seat

    def sitting(code: str) -> list[SeatPublic]:
        """Return who sits for the member on the day: the persons in the body's seat.

        Each with the seat capacity's period as known on the day (an end not yet come is
        null).
        """
        if seat is None:
            return []
        seats = []
        for person in seated(register.persons.values(), code, day, seat):
            c = person.capacity_on(code, day, seat)
            assert c is not None
            seats.append(SeatPublic(person=person.id, title=c.title, from_=c.period.start,
                                    until=known_on(c.period.end, day)))
        return seats

    return MembersPublic(
        body=body,
        as_of=day,
        members=[
            MemberPublic(
                participant=m.participant,
                name=register.participant(m.participant).name(day, language),
                category=m.category,
                participation=spoken(m.participation, language),
                reasons=[spoken(r, language) for r in m.reasons],
                **evidence_fields(m.evidence),
                represented_by=sitting(m.participant),
            )
            for m in members
        ],
        former=[
            FormerMemberPublic(participant=f.participant,
                               reasons=[spoken(r, language) for r in f.reasons])
            for f in former
        ],
    )


def holders_public(register: Register, post: str, day: date, language: str) -> HoldersPublic:
    """Return who holds a post on a day, as `depositary holders --format json` prints it.

    A post held by a participant (a state chairing a council) names the person who sat
    for it on the day.
    """
    councils = register.councils
    holders = []
    for a in councils.holders(post, day):
        person = councils.holder_person(a, day)
        holders.append(HolderPublic(
            person=person.id if person else None,
            name=person.name(language) if person else None,
            held_by="person" if a.person else "participant",
            tenure=a.tenure,
            start=a.period.start,
            end=known_on(a.period.end, day) if a.end_known else None,
            ended_by=None if a.end_known else known_on(a.period.end, day),
            end_unknown=not a.end_known and a.period.end is None,
            on_behalf_of=a.on_behalf_of,
            co_chairs=list(a.co_chairs),
            decision=a.decision,
            **provenance_fields(a.provenance),
        ))
    return HoldersPublic(
        post=post,
        name=councils.post(post).name(language, day),
        as_of=day,
        holders=holders,
    )


def appointments_json(
    register: Register, post: str, until: date, language: str
) -> list[dict[str, Any]]:
    """Every appointment to a post that began by `until`, oldest first, with its source."""
    councils = register.councils
    rows = []
    for a in sorted((a for a in councils.appointments if a.post == councils.post(post).alias
                     and (a.period.start is None or a.period.start <= until)),
                    key=lambda a: a.period.start or date.min):
        person = register.persons.get(a.person or "")
        holder = person.name(language) if person else a.on_behalf_of or ""
        rows.append({
            "holder": holder, "on_behalf_of": a.on_behalf_of, "tenure": a.tenure.value,
            "start": iso(a.period.start), "until": _until(a, until, language),
            "decision": a.decision, **provenance_json(a.provenance),
        })
    return rows


def _until(a: Appointment, day: date, language: str) -> str:
    """Return how an appointment's end reads on `day`, in `language`.

    Its end once come, "by" the day the sources agree it had ended by, "not recorded"
    where no source gives it, and nothing while it has not come.
    """
    end = known_on(a.period.end, day)
    if end is not None:
        return end.isoformat() if a.end_known else translate(language, "by %(day)s",
                                                                   day=end.isoformat())
    return (translate(language, "not recorded") if a.period.end is None and not a.end_known
            else "")


def chairs_public(register: Register, body: str, until: date,
                  language: str = "en") -> list[ChairTermPublic]:
    """Return a body's chair terms up to a day, as recorded or as the rule gives them (the
    reasons in `language`).

    A recorded term has `recorded` true, with the record's source and confidence; a term
    the record lacks has participant null; a term only the rule gives, recorded false.
    """
    councils = register.councils
    post = councils.body(body).chair_post
    rows = []
    for t in councils.chairs(body, until):
        person = councils.person_for(post, t.person, t.participant, t.start) if (
            post and t.recorded) else None
        rows.append(ChairTermPublic(
            # A term's end is given once it has come by `until` (a renunciation, a
            # handover are later facts on an earlier day).
            participant=t.participant, start=t.start,
            end=known_on(t.end, until) if t.recorded or t.participant is None else t.end,
            co_chairs=list(t.co_chairs), reason=spoken(t.reason, language),
            recorded=t.recorded,
            status="recorded" if t.recorded else (
                "unknown" if t.participant is None else "by the rule, not recorded"),
            person_at_start=person.id if person else None,
            **(provenance_fields(t.provenance) if t.recorded else
               {"source": "", "confidence": None, "note": "", "conflicts": []}),
        ))
    return rows


def sessions_public(register: Register, body: str | None,
                    language: str = "en") -> list[SessionPublic]:
    """Return the sessions (of one body, or of all), with drafts, positions and decisions
    (the chair's reason in `language`)."""
    councils = register.councils
    sessions = [s for s in councils.sessions.values() if body is None or s.body == body]
    return [
        SessionPublic(
            session=s.id, body=s.body, date=s.day, place=s.place,
            chair=_chair(register, s.id, language), minutes=s.minutes,
            attendance=[
                AttendancePublic(participant=a.participant, person=a.person, acting=a.acting)
                for a in s.attendance
            ],
            drafts=[
                DraftPublic(
                    motion=m.id, title=m.title, text=m.text, question=m.question,
                    positions={
                        p.participant: StancePublic(position=p.stance.position,
                                                    text=p.stance.text)
                        for p in councils.positions_on(m.id)
                    },
                    decision=_decision(register, m.id, language),
                )
                for m in councils.motions.values() if m.session == s.id
            ],
        )
        for s in sorted(sessions, key=lambda s: (s.day, s.id))
    ]


def _chair(register: Register, session: str, language: str) -> SessionChairPublic | None:
    chair = register.councils.chair_of(session)
    return (SessionChairPublic(participant=chair[0], reason=spoken(chair[1], language))
            if chair else None)


def _decision(register: Register, motion: str, language: str) -> DecisionPublic | None:
    decision = register.councils.decisions.get(motion)
    if decision is None:
        return None
    return DecisionPublic(
        date=decision.day, adopted=decision.outcome.adopted,
        bound=list(decision.outcome.bound),
        reasons=[spoken(r, language) for r in decision.outcome.reasons],
        instrument=decision.instrument,
    )
