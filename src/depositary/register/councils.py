"""The councils in the register: bodies, posts and appointments, sessions, drafts,
positions and decisions, each checked against the instruments' statuses on its date.

Everything enters in the order of the log, after the acts (membership is read from the
engine's statuses), and a refusal names the rule. Membership, chairs and holders are
computed on demand for any date.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, TypeVar

from depositary.domain.bodies import FULL, Body, Category, Former, Member, members_on
from depositary.domain.events import EventKind
from depositary.domain.joint import JointPosition, JointProcedure, authorise
from depositary.domain.participants import Person, Role
from depositary.domain.periods import outside_calendar
from depositary.domain.phrases import N_, Named, PhrasedError, Quote, Value, joined, said_of, say
from depositary.domain.posts import (
    Appointment,
    AppointmentError,
    Post,
    check_appointment,
    holders_on,
)
from depositary.domain.procedures import Outcome, Position, Stance, decide
from depositary.domain.rotation import ChairTerm, chairs
from depositary.domain.sessions import Decision, Motion, RecordedPosition, Session

if TYPE_CHECKING:
    from depositary.register.register import Register

# Events that bear on membership.
_MEMBERSHIP_EVENTS = {
    EventKind.ADMISSION, EventKind.ASSOCIATE_MEMBERSHIP, EventKind.OBSERVER_STATUS,
    EventKind.RECALL_FROM_BODIES, EventKind.MEMBERSHIP_ENDS, EventKind.RATIFICATION_REFUSED,
}


T = TypeVar("T")
# The states that take their turn in the chair: members, associates and participating
# states alike (cis/AUDIT.md §3: Turkmenistan and Ukraine have chaired).
_CHAIRING = {
    Category.FOUNDING_STATE, Category.MEMBER_STATE, Category.ASSOCIATE_MEMBER,
    Category.PARTICIPATING_NON_MEMBER,
}


class CouncilError(PhrasedError):
    """A request about the councils the register refuses; the message names the rule."""


class Councils:
    def __init__(self, register: Register) -> None:
        self.register = register
        self.bodies: dict[str, Body] = {}
        self.posts: dict[str, Post] = {}
        self.appointments: list[Appointment] = []
        self.sessions: dict[str, Session] = {}
        self.motions: dict[str, Motion] = {}
        self.positions: dict[tuple[str, str], RecordedPosition] = {}  # (motion, participant)
        self.decisions: dict[str, Decision] = {}  # by motion
        self.consultations: dict[tuple[str, str], date] = {}  # (motion, participant) → day

    # -- writing -------------------------------------------------------------------------

    def add_body(self, body: Body) -> None:
        if body.alias in self.bodies:
            raise CouncilError(say("body '%(body)s' is already registered", body=body.alias))
        for key in (*body.founded_by, *(body.membership.founding if body.membership else ())):
            self.register.instrument(key)  # an unknown instrument is named
        self.bodies[body.alias] = body

    def add_post(self, post: Post) -> None:
        if post.alias in self.posts:
            raise CouncilError(say("post '%(post)s' is already registered", post=post.alias))
        if post.body is not None:
            self.body(post.body)
        self.posts[post.alias] = post

    def appoint(self, appointment: Appointment) -> None:
        post = self.post(appointment.post)
        if appointment.person is None and appointment.on_behalf_of is None:
            raise CouncilError(say("appointment to %(post)s: name the person, or the "
                                   "participant that holds the post (on_behalf_of)",
                                   post=post.alias))
        if appointment.person is not None and appointment.person not in self.register.persons:
            raise CouncilError(say("appointment to %(post)s: no person '%(person)s' in the "
                                   "register", post=post.alias, person=appointment.person))
        unknown = [c for c in (appointment.on_behalf_of, *appointment.co_chairs)
                   if c is not None and c not in self.register.participants]
        if unknown:
            raise CouncilError(say("appointment to %(post)s: no participant '%(participant)s' "
                                   "in the register", post=post.alias, participant=unknown[0]))
        start, end = appointment.period.start, appointment.period.end
        if start is not None and end is not None and end <= start:
            raise CouncilError(say(
                "appointment of %(holder)s to %(post)s ends (%(end)s) on or before it starts "
                "(%(start)s)", holder=appointment.holder, post=post.alias, end=end, start=start))
        if appointment.on_behalf_of is not None and post.body is not None and (
            self.body(post.body).membership is not None
        ):
            day = start or date.min
            # Only its own standing: a replay checks every appointment, and the whole
            # membership on each of their days would cost the replay most of its time.
            members = self.membership(post.body, day, of=appointment.on_behalf_of)[0]
            if not members:
                raise CouncilError(say(
                    "%(participant)s is not a member of %(body)s on %(day)s: it cannot hold "
                    "%(post)s", participant=appointment.on_behalf_of, body=post.body, day=day,
                    post=post.alias))
        try:
            check_appointment(post, appointment, self.appointments)
        except AppointmentError as error:
            raise CouncilError(said_of(error)) from None
        self.appointments.append(appointment)

    def convene(self, session: Session) -> Session:
        """Record a session, with the body's members on its day (unless it gives them: a
        session read back from the log keeps the members it was recorded with)."""
        if session.id in self.sessions:
            raise CouncilError(say("session '%(session)s' is already registered",
                                   session=session.id))
        body = self.body(session.body)
        if session.members is None:
            session = replace(session, members=tuple(
                m.participant for m in self.members(body.alias, session.day)
            ))
        members = set(session.members or ())
        unknown = sorted(members - set(self.register.participants))
        if unknown:
            raise CouncilError(say("session %(session)s: no participant '%(participant)s'",
                                   session=session.id, participant=unknown[0]))
        if session.chair is not None and session.chair not in members:
            raise CouncilError(say(
                "session %(session)s: %(participant)s is not a member of %(body)s on %(day)s: "
                "it cannot chair", session=session.id, participant=session.chair,
                body=body.alias, day=session.day))
        for present in session.attendance:
            if present.participant not in members:
                raise CouncilError(say(
                    "session %(session)s: %(participant)s is not a member of %(body)s on "
                    "%(day)s", session=session.id, participant=present.participant,
                    body=body.alias, day=session.day))
            person = self.register.persons.get(present.person)
            if person is None:
                raise CouncilError(say("session %(session)s: no person '%(person)s'",
                                       session=session.id, person=present.person))
            if person.capacity_on(present.participant, session.day) is None:
                raise CouncilError(say(
                    "session %(session)s: %(person)s cannot act for %(participant)s on %(day)s "
                    "(no capacity recorded then)", session=session.id, person=present.person,
                    participant=present.participant, day=session.day))
        self.sessions[session.id] = session
        return session

    def table(self, motion: Motion) -> None:
        """Put a draft decision on a session's agenda, under a kind of question the body
        has a procedure for."""
        if motion.id in self.motions:
            raise CouncilError(say("draft '%(draft)s' is already on an agenda", draft=motion.id))
        session = self.session(motion.session)
        body = self.body(session.body)
        questions = dict(body.procedures)
        if motion.question not in questions:
            raise CouncilError(say(
                "%(body)s has no procedure for the question '%(question)s'; its questions are: "
                "%(questions)s", body=body.alias, question=motion.question,
                questions=", ".join(sorted(questions))))
        self.motions[motion.id] = motion

    def record(self, position: RecordedPosition) -> None:
        """Record a member's position on a draft: once, by a member on the session's date,
        before the draft is decided."""
        motion = self.motion(position.motion)
        session = self.sessions[motion.session]
        if motion.id in self.decisions:
            raise CouncilError(say(
                "%(draft)s was decided on %(day)s: no position can be recorded after the "
                "decision", draft=motion.id, day=self.decisions[motion.id].day))
        if position.participant not in (session.members or ()):
            raise CouncilError(say(
                "%(participant)s is not a member of %(body)s on %(day)s: it cannot take a "
                "position on %(draft)s", participant=position.participant, body=session.body,
                day=session.day, draft=motion.id))
        if position.stance.position is Position.AGREE_WITH_RESERVATION and not (
            position.stance.text
        ):
            raise CouncilError(say(
                "%(participant)s agrees with a reservation on %(draft)s: give the "
                "reservation's or special opinion's text", participant=position.participant,
                draft=motion.id))
        if position.day is not None and position.day < session.day:
            raise CouncilError(say(
                "a position on %(draft)s cannot be given (%(day)s) before its session "
                "(%(session_day)s)", draft=motion.id, day=position.day, session_day=session.day))
        procedure = self.body(session.body).procedure(motion.question)
        if isinstance(procedure, JointProcedure):
            self._check_joint_position(procedure, motion, position)
        key = (motion.id, position.participant)
        if key in self.positions:
            raise CouncilError(say(
                "%(participant)s has already recorded its position on %(draft)s (%(position)s)",
                participant=position.participant, draft=motion.id,
                position=self.positions[key].stance.position.said))
        self.positions[key] = position

    def _check_joint_position(
        self, procedure: JointProcedure, motion: Motion, position: RecordedPosition
    ) -> None:
        """A position on a joint decision is signed by the head of state of its participant
        on the day it is given, and comes from the decider, a required or a consulted
        participant."""
        concerned = (procedure.decider, *procedure.in_agreement_with,
                     *procedure.in_consultation_with)
        if position.participant not in concerned:
            raise CouncilError(say(
                "%(participant)s has no part in the joint decision %(draft)s (decider "
                "%(decider)s; in agreement with: %(agreeing)s; in consultation with: "
                "%(consulted)s)", participant=position.participant, draft=motion.id,
                decider=procedure.decider, agreeing=", ".join(procedure.in_agreement_with) or "—",
                consulted=", ".join(procedure.in_consultation_with) or "—"))
        if not position.signed or position.person is None:
            raise CouncilError(say(
                "a position on the joint decision %(draft)s must be signed by the head of "
                "state of %(participant)s", draft=motion.id, participant=position.participant))
        day = position.day or self.sessions[motion.session].day
        person = self.register.persons.get(position.person)
        capacity = (
            person.capacity_on(position.participant, day, Role.HEAD_OF_STATE) if person else None
        )
        if capacity is None:
            raise CouncilError(say(
                "%(person)s did not hold the office that speaks for %(participant)s on %(day)s "
                "(head of state): the position is refused", person=position.person,
                participant=position.participant, day=day))

    def consult(self, motion_id: str, participant: str, day: date) -> None:
        """Record that a participant to be consulted on a joint decision was notified."""
        motion = self.motion(motion_id)
        procedure = self.body(self.sessions[motion.session].body).procedure(motion.question)
        if not isinstance(procedure, JointProcedure):
            raise CouncilError(say("%(draft)s is not a joint decision: no one is consulted",
                                   draft=motion_id))
        if participant not in procedure.in_consultation_with:
            raise CouncilError(say(
                "%(participant)s is not consulted on %(draft)s (in consultation with: "
                "%(consulted)s)", participant=participant, draft=motion_id,
                consulted=", ".join(procedure.in_consultation_with) or "—"))
        if (motion_id, participant) in self.consultations:
            raise CouncilError(say("%(participant)s was already notified of %(draft)s",
                                   participant=participant, draft=motion_id))
        if motion_id in self.decisions:
            raise CouncilError(say("%(draft)s was decided on %(day)s", draft=motion_id,
                                   day=self.decisions[motion_id].day))
        self.consultations[(motion_id, participant)] = day

    def authorisation(self, motion_id: str, today: date) -> Outcome:
        """Whether a joint decision is authorised on `today`, with every reason it is not."""
        motion = self.motion(motion_id)
        session = self.sessions[motion.session]
        procedure = self.body(session.body).procedure(motion.question)
        if not isinstance(procedure, JointProcedure):
            raise CouncilError(say("%(draft)s is decided by its body's vote, not authorised",
                                   draft=motion_id))
        positions = [
            JointPosition(
                p.participant, p.stance.position, p.day or session.day, p.person or "",
                signature_valid=p.signed, in_office=True,  # both checked when recorded
            )
            for p in self.positions_on(motion_id) if (p.day or session.day) <= today
        ]
        notified = {
            participant: day for (m, participant), day in self.consultations.items()
            if m == motion_id and day <= today
        }
        return authorise(procedure, positions, notified, today)

    def outcome(self, motion_id: str) -> Outcome:
        """What the body's procedure gives from the positions recorded so far."""
        motion = self.motion(motion_id)
        session = self.sessions[motion.session]
        procedure = self.body(session.body).procedure(motion.question)
        if isinstance(procedure, JointProcedure):
            raise CouncilError(say(
                "%(draft)s is a joint decision: it is authorised by signed positions "
                "(docs/governance.md), not decided by the body's vote", draft=motion_id))
        members = list(session.members or ())
        stances = {
            participant: p.stance for (m, participant), p in self.positions.items()
            if m == motion_id
        }
        return decide(procedure, members, stances)

    def add_decision(self, decision: Decision) -> None:
        """A decision as recorded must follow from the positions: adopted or not, binding
        exactly whom the procedure says."""
        if decision.motion in self.decisions:
            raise CouncilError(say("%(draft)s was already decided on %(day)s",
                                   draft=decision.motion,
                                   day=self.decisions[decision.motion].day))
        motion = self.motion(decision.motion)
        procedure = self.body(self.sessions[motion.session].body).procedure(motion.question)
        computed = (
            self.authorisation(decision.motion, decision.day)
            if isinstance(procedure, JointProcedure) else self.outcome(decision.motion)
        )
        if (computed.adopted, computed.bound) != (decision.outcome.adopted, decision.outcome.bound):
            raise CouncilError(say(
                "the decision recorded on %(draft)s does not follow from the positions: "
                "%(reasons)s", draft=decision.motion,
                reasons=joined(*computed.reasons, separator="; ")))
        if decision.instrument is not None:
            self.register.instrument(decision.instrument)
        # Kept with the reasons the procedure gives now: the same adoption and the same
        # members bound, and an import that carried no reasons (Popolo) gets them too.
        self.decisions[decision.motion] = replace(decision, outcome=computed)

    # -- reading -------------------------------------------------------------------------

    def body(self, alias: str) -> Body:
        return _found(self.bodies, alias, N_("no body '%(key)s' in this register; the bodies "
                                             "are: %(others)s"))

    def post(self, alias: str) -> Post:
        return _found(self.posts, alias, N_("no post '%(key)s' in this register; the posts "
                                            "are: %(others)s"))

    def session(self, key: str) -> Session:
        return _found(self.sessions, key, N_("no session '%(key)s' in this register"))

    def motion(self, key: str) -> Motion:
        return _found(self.motions, key, N_("no draft decision '%(key)s' in this register"))

    def members(self, alias: str, day: date) -> list[Member]:
        return self.membership(alias, day)[0]

    def membership(
        self, alias: str, day: date, *, of: str | None = None,
    ) -> tuple[list[Member], list[Former]]:
        """The body's members on `day` with categories and reasons, and those who left;
        `of` one participant only (each participant's standing is its own)."""
        body = self.body(alias)
        rule = body.membership
        if rule is None or not self._founded(body, day):
            return [], []
        register = self.register
        instruments = [register.instrument(k).id for k in rule.founding]
        charter = register.instrument(rule.charter).id if rule.charter else None
        keys = (*instruments, *([charter] if charter else []))
        statuses = [register.evaluation(key).intervals for key in keys]
        # The decisions recorded as events are the community's (admission, associate and
        # observer status, recall, end of membership): they bear on the bodies whose rule
        # follows the community's charter, not on a command founded by one agreement.
        events = [e for e in register.events if e.kind in _MEMBERSHIP_EVENTS] if charter else []
        if of is None:
            candidates = {code for found in statuses for code in found}
            candidates |= {code for e in events for code in e.participants}
        else:
            candidates = {of} if any(of in found for found in statuses) or any(
                of in e.participants for e in events) else set()
        titles = {key: Named(register.instruments[key].alias,
                             tuple(register.instruments[key].titles.items())) for key in keys}
        founders = {code for key in instruments for code in register.evaluation(key).signed}
        return members_on(
            replace(rule, founding=tuple(instruments), charter=charter), day, candidates,
            lambda instrument, code, on: register.evaluation(instrument).status_on(code, on),
            register.evaluation(charter).entry_into_force if charter else None,
            events, titles, founders,
        )

    def _founded(self, body: Body, day: date) -> bool:
        """Whether the body exists on `day`: from the first adoption of the instruments
        that found it (the Council of Heads of State from 21 December 1991)."""
        adopted = [self.register.instrument(key).adopted for key in body.founded_by]
        known = [day for day in adopted if day is not None]
        return not known or min(known) <= day

    def membership_spans(
        self, alias: str,
    ) -> list[tuple[str, Category, date | None, date | None]]:
        """Each participant's standing in the body as periods of one category, (code,
        category, start, end), by code then start: the membership evaluated on every day
        it can change, equal days merged. A start None: it held before any recorded
        change; an end None: it still holds."""
        opened: dict[str, tuple[Category, date | None]] = {}
        spans: list[tuple[str, Category, date | None, date | None]] = []
        for day in self._turning_points(alias):
            now = {m.participant: m.category for m in self.members(alias, day)}
            for code, (category, start) in list(opened.items()):
                if now.get(code) != category:
                    spans.append((code, category, start, day))
                    del opened[code]
            for code, category in now.items():
                if code not in opened:
                    opened[code] = (category, None if day == date.min else day)
        spans += [(code, category, start, None) for code, (category, start) in opened.items()]
        return sorted(spans, key=lambda s: (s[0], s[2] or date.min))

    def _turning_points(self, alias: str) -> list[date]:
        """The days on which membership can change: a status interval of a founding
        instrument or the charter starts or ends, the charter enters into force, or an
        event happens."""
        rule = self.body(alias).membership
        if rule is None:
            return []
        register = self.register
        days = {date.min} | {e.day for e in register.events} | {
            founded for key in self.body(alias).founded_by
            if (founded := register.instrument(key).adopted) is not None}
        for key in (*rule.founding, *([rule.charter] if rule.charter else [])):
            evaluation = register.evaluation(key)
            if evaluation.entry_into_force is not None:
                days.add(evaluation.entry_into_force)
            for intervals in evaluation.intervals.values():
                for interval in intervals:
                    days |= {d for d in (interval.period.start, interval.period.end) if d}
        return sorted(days)

    def holders(self, post: str, day: date) -> list[Appointment]:
        return holders_on(self.appointments, self.post(post).alias, day)

    def holder_person(self, appointment: Appointment, day: date) -> Person | None:
        """The person who held the post on `day`: the one appointed, or, for a post held by
        a participant (a state chairing a council), whoever sat for it on the day in the
        body's seat capacity (its head of state); None where the register has no one."""
        return self.person_for(appointment.post, appointment.person, appointment.on_behalf_of,
                               day)

    def person_for(
        self, post: str, person: str | None, participant: str | None, day: date
    ) -> Person | None:
        if person is not None:
            return self.register.persons.get(person)
        found = self.post(post)
        seat = self.body(found.body).seat if found.body else None
        if participant is None or seat is None:
            return None
        return sitting(self.register.persons.values(), participant, day, seat)

    def chairs(self, alias: str, until: date, language: str | None = None) -> list[ChairTerm]:
        """The chair's terms up to `until`: as recorded (the chair's post's appointments,
        with their sources); a stretch between recorded terms the record does not cover is
        unknown; after the last recorded term, the terms the rotation rule proposes (at
        least the next one), each marked as not recorded. The rule never fills the past
        between recorded terms."""
        body = self.body(alias)
        recorded = sorted(
            (a for a in self.appointments
             if body.chair_post is not None and a.post == body.chair_post
             and a.period.start is not None),
            key=lambda a: a.period.start or date.min,
        )
        if body.rotation is None and not recorded:
            return []  # a body with no chair recorded and no rule: nothing to list
        terms: list[ChairTerm] = []
        for n, held in enumerate(recorded):
            assert held.period.start is not None
            if terms and terms[-1].end < held.period.start:
                terms.append(_unknown_term(terms[-1].end, held.period.start))
            following = recorded[n + 1].period.start if n + 1 < len(recorded) else None
            end = held.period.end or following
            if end is None:  # the last recorded chair, with no end: still in the chair
                terms.append(_recorded_term(held, date.max))
                return [t for t in terms if t.start < until]
            terms.append(_recorded_term(held, end))
        shown = [t for t in terms if t.start < until]
        rotation = body.rotation
        start = max(terms[-1].end, rotation.start or date.min) if terms and rotation else (
            rotation.start if rotation else None)
        if rotation is None or start is None or (terms and until <= terms[-1].start):
            return shown  # nothing to propose, or the range asked ends inside the record
        lang = language or rotation.language

        def taking_turns(day: date) -> Sequence[tuple[str, str]]:
            # States that took part in full on the day: a state that recalled its
            # delegates does not chair.
            return [
                (m.participant, self.register.participant(m.participant).name(day, lang))
                for m in self.members(alias, day)
                if m.category in _CHAIRING and m.participation == FULL
            ]

        if terms and terms[-1].end < start:
            shown.append(_unknown_term(terms[-1].end, start))
        previous = terms[-1].participant if terms else None
        try:
            # The next term after the record is always proposed, however early `until` is.
            proposed = chairs(replace(rotation, start=start), taking_turns,
                              max(until, start + timedelta(days=1)), previous)
        except ValueError as error:
            raise CouncilError(joined(alias, ": ", said_of(error))) from None
        return shown + [
            replace(t, reason=say("by the rule, not recorded: %(reason)s", reason=t.reason),
                    recorded=False)
            for n, t in enumerate(proposed) if n == 0 or t.start < until
        ]

    def chair_on(self, alias: str, day: date) -> ChairTerm | None:
        """The term of the body's chair that covers `day`: recorded, unknown (participant
        None: the record does not reach the day) or proposed by the rule (not recorded);
        None for a body that has no chair."""
        body = self.body(alias)
        if body.rotation is None and body.chair_post is None:
            return None
        if outside_calendar(day) is not None:
            # A day the register does not compute with (a session recorded as in 9999,
            # before such dates were refused): its chair is unknown, never an overflow.
            return _unknown_term(day, date.max)
        try:
            terms = self.chairs(alias, day + timedelta(days=1))
        except CouncilError:
            terms = []
        covering = next((t for t in terms if t.start <= day < t.end), None)
        # A body with a chair whose record does not reach the day: its chair is unknown.
        return covering or _unknown_term(day, day + timedelta(days=1))

    def chair_of(self, session_id: str) -> tuple[str, Value] | None:
        """Who chairs a session, and why: as recorded with the session, else the recorded
        term of the body's chair that covers the session's date (a term the rule only
        proposes is said so)."""
        session = self.session(session_id)
        if session.chair is not None:
            return session.chair, say("recorded with the session")
        term = self.chair_on(session.body, session.day)
        if term is None or term.participant is None:
            return None
        return term.participant, term.reason

    def positions_on(self, motion: str) -> list[RecordedPosition]:
        return [p for (m, _), p in sorted(self.positions.items()) if m == motion]


def _recorded_term(held: Appointment, end: date) -> ChairTerm:
    assert held.period.start is not None
    return ChairTerm(
        held.on_behalf_of, held.period.start, end,
        Quote(held.decision) if held.decision else say("recorded"),
        held.co_chairs, recorded=True, provenance=held.provenance, person=held.person,
    )


def _unknown_term(start: date, end: date) -> ChairTerm:
    return ChairTerm(
        None, start, end,
        say("unknown: no decision or report naming the chair for this period was found"),
    )


def seated(persons: Iterable[Person], participant: str, day: date, seat: Role) -> list[Person]:
    """The persons who sit for `participant` on `day` in the capacity `seat`, by id."""
    return [p for p in sorted(persons, key=lambda p: p.id)
            if p.capacity_on(participant, day, seat) is not None]


def sitting(persons: Iterable[Person], participant: str, day: date, seat: Role) -> Person | None:
    """The person who sits for `participant` on `day` in the capacity `seat`."""
    return next(iter(seated(persons, participant, day, seat)), None)


def stance(position: str, text: str = "") -> Stance:
    """A stance from its wire form, naming the allowed values on a mistake."""
    try:
        return Stance(Position(position), text)
    except ValueError:
        allowed = ", ".join(p.value for p in Position)
        raise CouncilError(say("position '%(position)s' is not one of: %(allowed)s",
                               position=position, allowed=allowed)) from None


def _found(held: Mapping[str, T], key: str, missing: str) -> T:
    """The item by its key, or the refusal `missing` naming it (and, where it has a place
    for them, the others: a short list)."""
    found = held.get(key)
    if found is None:
        raise CouncilError(say(missing, key=key, others=", ".join(sorted(held)) or "—"))
    return found
