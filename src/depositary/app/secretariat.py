"""The secretariat's operations on the stored register: convene a session, put a draft on
its agenda, record a member's position, decide, appoint. Each is checked by the register
(membership on the session's date, one position per member, one decision per draft, one
holder of a single-holder post) and written as entries of the log in one transaction, or
refused with the rule and nothing written.

An adopted decision becomes an instrument of the register binding exactly the members that
agreed: a concurrence of each on the decision's date (consent, not a signature), and the
reservation or special opinion of those that attached one; the engine's status queries then
cover it.

Only the secretariat's role acts as secretariat: the administrator, who grants roles, does
not convene or decide unless granted it too (the separation of IT administration from the
councils' secretariat).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from depositary.app.stored import Refusal, StoredRegister, utc_today
from depositary.app.workflow import SECRETARIAT, NotPermitted, Workflow
from depositary.domain.acts import Act, ActKind
from depositary.domain.joint import JointProcedure
from depositary.domain.phrases import joined, say
from depositary.domain.procedures import Outcome, Position, Procedure
from depositary.domain.sessions import Decision, Motion, Session
from depositary.domain.uri import WorkUri
from depositary.formats.councils_file import decision_payload
from depositary.formats.register_file import NewEntry, act_item, signed_message
from depositary.log.entries import EntryKind
from depositary.register.councils import CouncilError, Councils, stance


@dataclass(frozen=True, slots=True)
class Decided:
    """What `decide` wrote: the outcome and, if adopted, the instrument it became."""

    motion: str
    outcome: Outcome
    instrument: str | None


@dataclass(frozen=True, slots=True)
class Preview:
    """What deciding a draft would give now, shown before the secretariat confirms an
    irreversible decision: the body's procedure, how many members took each position
    (those with none recorded are absent) and the outcome the procedure gives."""

    draft: Motion
    session: Session
    procedure: Procedure | JointProcedure
    counts: tuple[tuple[Position, int], ...]  # every position, in its order, zeros too
    members: int  # those whose position counts: the members, or a joint decision's parties
    outcome: Outcome

    @property
    def present(self) -> int:
        return sum(n for position, n in self.counts if position.present)


class Secretariat:
    def __init__(self, ledger: StoredRegister) -> None:
        self.ledger = ledger
        self.workflow = Workflow(ledger)

    def convene(
        self, session: str, body: str, day: date, by: str, *, place: str = "",
        minutes: str = "", chair: str | None = None,
        attendance: list[dict[str, Any]] | None = None,
    ) -> None:
        """`session.convene`: a session of a body on a date, with who represented whom and
        its minutes (secretariat). Its chair is the rotation's unless one is named."""
        self.require(by, "session.convene")
        # The members on the day go into the entry: the session is read against them ever
        # after, whatever acts are recorded later (register/councils.py).
        members = self.ledger.register().councils.members(body, day)
        data: dict[str, Any] = {"id": session, "body": body, "date": day.isoformat(),
                                "members": [m.participant for m in members]}
        optional = {"place": place, "minutes": minutes, "chair": chair, "attendance": attendance}
        data |= {k: v for k, v in optional.items() if v}
        self._append([(EntryKind.SESSION, session, data)], by)

    def table(self, motion: str, session: str, title: str, by: str, *,
              text: str = "", question: str = "default") -> None:
        """`agenda.add`: a draft decision on a session's agenda (secretariat)."""
        self.require(by, "agenda.add")
        data = {"id": motion, "session": session, "title": title}
        if text:
            data["text"] = text
        if question != "default":
            data["question"] = question
        self._append([(EntryKind.MOTION, motion, data)], by)

    def record(self, motion: str, participant: str, position: str, by: str,
               text: str = "", *, day: date | None = None, signature: str | None = None,
               today: date | None = None) -> None:
        """`position.record`: a member's position on a draft, stated by a person who can
        act for it on the session's date, or recorded by the secretariat from the minutes.
        A position on a joint decision is signed by the head of state who gives it: the
        signature is checked against the person's keys valid `today`."""
        stance(position, text)  # names the allowed positions on a mistake
        register = self.ledger.register()
        councils = register.councils
        session = councils.sessions[councils.motion(motion).session]
        person = register.persons.get(by)
        if person is None:
            raise Refusal(say("no person '%(person)s' in the register", person=by))
        speaks = person.capacity_on(participant, day or session.day) is not None
        if not speaks and not self._holds(by):
            raise NotPermitted(say(
                "position.record: %(person)s cannot act for %(participant)s on %(day)s and "
                "does not hold the role %(role)s", person=by, participant=participant,
                day=session.day, role=SECRETARIAT))
        data = position_payload(motion, participant, position, by, text, day)
        if signature is not None:
            self.workflow.check_signature(
                by, signed_message(data), signature, today or utc_today(), "position.record",
                "position",
            )
            data |= {"signed_by": by, "signature": signature}
        self.ledger.append([(EntryKind.POSITION, f"{motion}/{participant}", data)], by,
                           signed=signature is not None)

    def consult(self, motion: str, participant: str, day: date, by: str) -> None:
        """`consultation.notify` (secretariat): a participant to be consulted on a joint
        decision is notified; its window to answer runs from `day`."""
        self.require(by, "consultation.notify")
        data = {"motion": motion, "participant": participant, "date": day.isoformat()}
        self._append([(EntryKind.CONSULTATION, f"{motion}/{participant}", data)], by)

    def decide(self, motion: str, by: str, today: date | None = None) -> Decided:
        """`decision.adopt`: the outcome of a draft by its body's procedure, written with
        the instrument it becomes if adopted (secretariat). A joint decision is written
        only once authorised (`today`, default the depositary's day); until then it is
        refused with every reason."""
        self.require(by, "decision.adopt")
        councils, draft, session, procedure = self._undecided(motion)
        if isinstance(procedure, JointProcedure):
            return self._authorise(motion, by, today or utc_today())
        outcome = councils.outcome(motion)
        new: list[NewEntry] = []
        instrument = None
        if outcome.adopted:
            instrument = f"decision-{motion}"
            key = str(WorkUri(session.body, "decision", session.day, motion))
            new.append((EntryKind.INSTRUMENT, key, {
                "id": key, "alias": instrument, "kind": "decision",
                "titles": {"en": draft.title}, "adopted": session.day.isoformat(),
                "source": f"decision of {session.body} at session {session.id}",
                "confidence": "V",
            }))
            opinions = dict(outcome.reservations)
            for member in outcome.bound:
                consent = Act(
                    f"{instrument}-{member.lower()}", key, member, ActKind.CONCURRENCE,
                    session.day, session.day,
                )
                new.append(act_item(consent))
                if member in opinions:
                    new.append(act_item(Act(
                        f"{instrument}-{member.lower()}-reservation", key, member,
                        ActKind.RESERVATION, session.day, session.day, text=opinions[member],
                    )))
        decision = Decision(motion, session.day, outcome, instrument)
        new.append((EntryKind.DECISION, motion, decision_payload(decision)))
        self._append(new, by)
        return Decided(motion, outcome, instrument)

    def _undecided(self, motion: str) -> tuple[Councils, Motion, Session, Any]:
        """A draft not yet decided, with its session and the procedure that decides it;
        refused if it was decided already."""
        councils = self.ledger.register().councils
        draft = councils.motion(motion)
        if motion in councils.decisions:
            raise CouncilError(f"{motion} was already decided on {councils.decisions[motion].day}")
        session = councils.sessions[draft.session]
        return councils, draft, session, councils.body(session.body).procedure(draft.question)

    def preview(self, motion: str, by: str, today: date | None = None) -> Preview:
        """What `decide` would give now (secretariat); nothing is written. A joint decision
        is counted over its decider and the participants it names, as of `today`."""
        self.require(by, "decision.adopt")
        councils, draft, session, procedure = self._undecided(motion)
        if isinstance(procedure, JointProcedure):
            counted: Sequence[str] = (procedure.decider, *procedure.in_agreement_with,
                                      *procedure.in_consultation_with)
            outcome = councils.authorisation(motion, today or utc_today())
        else:
            counted = session.members or ()
            outcome = councils.outcome(motion)
        given = {p.participant: p.stance.position for p in councils.positions_on(motion)}
        tally = Counter(given.get(member, Position.ABSENT) for member in counted)
        return Preview(draft, session, procedure, tuple((p, tally[p]) for p in Position),
                       len(counted), outcome)

    def _authorise(self, motion: str, by: str, today: date) -> Decided:
        outcome = self.ledger.register().councils.authorisation(motion, today)
        if not outcome.adopted:
            raise CouncilError(say("%(draft)s is not authorised on %(day)s: %(reasons)s",
                                   draft=motion, day=today,
                                   reasons=joined(*outcome.reasons, separator="; ")))
        decision = Decision(motion, today, outcome)
        self._append([(EntryKind.DECISION, motion, decision_payload(decision))], by)
        return Decided(motion, outcome, None)

    def appoint(self, post: str, person: str | None, by: str, *, start: date,
                end: date | None = None, acting: bool = False, decision: str = "",
                on_behalf_of: str | None = None, co_chairs: Sequence[str] = (),
                source: str = "", confidence: str = "") -> None:
        """`post.appoint`: a person to a post from a date, or a participant holding it (a
        state's term in a council's chair: `person` None, `on_behalf_of` the state, with
        its co-chairs), with where it is recorded from (secretariat)."""
        self.require(by, "post.appoint")
        data: dict[str, Any] = {"post": post, "start": start.isoformat(),
                                "tenure": "acting" if acting else "appointed"}
        optional = {"person": person, "end": end.isoformat() if end else None,
                    "decision": decision, "on_behalf_of": on_behalf_of,
                    "co_chairs": list(co_chairs), "source": source, "confidence": confidence}
        data |= {key: value for key, value in optional.items() if value}
        key = f"{post}/{person or on_behalf_of}/{start}"
        self._append([(EntryKind.APPOINTMENT, key, data)], by)

    def import_entries(self, found: list[NewEntry], by: str, source: str) -> tuple[int, int]:
        """`councils.import` (secretariat): entries read from an interchange document
        (Popolo), checked by the register like any; what the register already holds (same
        kind and id) is kept as recorded. Returns (appended, already held)."""
        self.require(by, "councils.import")
        new = self.ledger.unrecorded(found)
        written = self.ledger.append(new, f"{by} (import of {source})") if new else []
        return len(written), len(found) - len(new)

    def _holds(self, person: str) -> bool:
        # The secretariat's role alone: holding the administrator's is not enough.
        return SECRETARIAT in self.workflow.roles(person)

    def require(self, person: str, operation: str) -> None:
        """Refuse unless the person holds the secretariat's role."""
        if not self._holds(person):
            raise NotPermitted(say("%(operation)s needs the role %(role)s; %(person)s does not "
                                   "hold it", operation=operation, role=SECRETARIAT,
                                   person=person))

    def _append(self, new: list[NewEntry], by: str) -> None:
        self.ledger.append(new, by)


def position_payload(
    motion: str, participant: str, position: str, person: str, text: str = "",
    day: date | None = None,
) -> dict[str, Any]:
    """A position as its entry's payload: what its person signs (without the signature)."""
    data: dict[str, Any] = {"motion": motion, "participant": participant,
                            "position": position, "person": person}
    if text:
        data["text"] = text
    if day is not None:
        data["date"] = day.isoformat()
    return data
