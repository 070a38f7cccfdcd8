"""The replay of the log: its entries' payloads read back into a register, through the
same checks as a single act. It is the register's own rule, so it lives here, and the
formats only parse (docs/architecture.md)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from depositary.domain.acts import Act, ActKind
from depositary.domain.admissibility import ActRejected
from depositary.domain.events import Event
from depositary.domain.instruments import InstrumentKind
from depositary.domain.periods import Period
from depositary.domain.phrases import Phrase, say
from depositary.domain.posts import Appointment, Post, Renaming
from depositary.domain.procedures import Outcome
from depositary.domain.sessions import Attendance, Decision, Motion, RecordedPosition, Session
from depositary.formats.councils_file import (
    AppointmentSpec,
    BodySpec,
    ConsultationSpec,
    DecisionSpec,
    MotionSpec,
    PositionSpec,
    PostSpec,
    SessionSpec,
    body_from,
)
from depositary.formats.errors import FormatError, Refused
from depositary.formats.register_file import (
    EventSpec,
    NewEntry,
    act_from,
    capacity_from,
    instrument_from,
    items,
    participant_from,
    person_from,
    read_register_file,
)
from depositary.log.entries import EntryKind
from depositary.register.councils import CouncilError, Councils, stance
from depositary.register.register import Register, RegisterError


def apply_items(
    register: Register, entries: Iterable[NewEntry], source: str | Path | Phrase, *,
    admitted: int = 0
) -> int:
    """Add entries to `register` through the same path as a single act: participants,
    persons and instruments first as they come, then every act in receipt order (a
    correction replacing the act it supersedes), then events. Returns the number of acts.
    The first `admitted` entries come from the log, where every act was examined when it
    was written: a replay does not examine them again. A failure names the entry and the
    rule; the caller discards the register."""
    logged: dict[str, Act] = {}
    new: dict[str, Act] = {}
    events: list[EventSpec] = []
    councils: list[tuple[str, dict[str, Any]]] = []
    try:
        for n, (kind, key, data) in enumerate(entries):
            acts = logged if n < admitted else new
            if kind == EntryKind.PARTICIPANT:
                register.add_participant(participant_from(data))
            elif kind == EntryKind.PERSON:
                register.add_person(person_from(data))
            elif kind == EntryKind.CAPACITY:
                register.give_capacity(*capacity_from(data))
            elif kind == EntryKind.INSTRUMENT:
                register.add_instrument(instrument_from(data))
            elif kind == EntryKind.ACT:
                acts[key] = as_concurrence(act_from(data), register)
            elif kind == EntryKind.CORRECTION:
                superseded = data["supersedes"]
                if superseded not in logged and superseded not in new:
                    raise RegisterError(say("the correction supersedes '%(act)s', no act of "
                                            "the register", act=superseded))
                logged.pop(superseded, None)
                new.pop(superseded, None)
                corrected = act_from(data["act"])
                acts[corrected.id] = corrected
            elif kind == EntryKind.EVENT:
                events.append(EventSpec.model_validate(data))
            elif kind in EntryKind.COUNCILS:
                councils.append((kind, data))
        register.deposit_all(logged.values(), examine=False)
        register.deposit_all(new.values())
        for e in events:
            register.add_event(Event(
                e.day, e.kind, e.text, tuple(e.participants), e.person,
                tuple(dict.fromkeys([*([e.instrument] if e.instrument else []),
                                     *e.instruments])),
                e.provenance({}), e.precision,
            ))
        # The councils read the instruments' statuses: they come after every act.
        for kind, data in councils:
            apply_council_item(register.councils, kind, data)
    except ActRejected as error:
        raise Refused(source, [error.said], error.rejections) from None
    except (RegisterError, CouncilError) as error:
        raise Refused(source, [error.said]) from None
    except ValidationError as error:
        raise FormatError.from_validation(source, error) from None
    return len(logged) + len(new)


def as_concurrence(act: Act, register: Register) -> Act:
    """`act` as the register now reads it. Before the concurrence had its own kind, the
    secretariat wrote a member's agreement to an adopted decision as a definitive signature
    (id `decision-<motion>-<code>` on the decision's instrument): such an act is read as the
    concurrence it was, so the log is not rewritten and its chain stays as signed."""
    if act.kind is not ActKind.DEFINITIVE_SIGNATURE or not act.id.startswith("decision-"):
        return act
    instrument = register.instruments.get(act.instrument)
    if instrument is None or instrument.kind is not InstrumentKind.DECISION:
        return act
    if act.id != f"{instrument.alias}-{act.participant.lower()}":
        return act
    return replace(act, kind=ActKind.CONCURRENCE)


def load_file(path: Path, register: Register | None = None) -> Register:
    """Load a register file into a new register (or the one given)."""
    register = register if register is not None else Register()
    apply_items(register, items(read_register_file(path)), path)
    return register


def apply_council_item(councils: Councils, kind: str, data: dict[str, Any]) -> None:
    """One council entry into the register, checked there."""
    if kind == EntryKind.BODY:
        councils.add_body(body_from(BodySpec.model_validate(data)))
    elif kind == EntryKind.POST:
        post = PostSpec.model_validate(data)
        councils.add_post(Post(
            post.alias, dict(post.names), post.body, post.single_holder, post.provenance({}),
            tuple(Renaming(r.since, dict(r.names)) for r in post.renamed),
        ))
    elif kind == EntryKind.APPOINTMENT:
        a = AppointmentSpec.model_validate(data)
        councils.appoint(Appointment(
            a.post, a.person, Period(a.start, a.end or a.ended_by), a.tenure, a.decision,
            a.on_behalf_of, a.ended_by is None and not a.end_unknown, a.provenance({}),
            tuple(a.co_chairs),
        ))
    elif kind == EntryKind.SESSION:
        s = SessionSpec.model_validate(data)
        councils.convene(Session(
            s.id, s.body, s.day, s.place, s.chair,
            tuple(Attendance(x.participant, x.person, x.acting) for x in s.attendance),
            s.minutes, tuple(s.members) if s.members is not None else None, s.provenance({}),
        ))
    elif kind == EntryKind.MOTION:
        m = MotionSpec.model_validate(data)
        councils.table(Motion(m.id, m.session, m.title, m.text, m.question))
    elif kind == EntryKind.POSITION:
        p = PositionSpec.model_validate(data)
        councils.record(RecordedPosition(
            p.motion, p.participant, stance(p.position, p.text), p.signed_by or p.person,
            p.day, signed=p.signature is not None,
        ))
    elif kind == EntryKind.CONSULTATION:
        c = ConsultationSpec.model_validate(data)
        councils.consult(c.motion, c.participant, c.day)
    elif kind == EntryKind.DECISION:
        d = DecisionSpec.model_validate(data)
        councils.add_decision(Decision(
            d.motion, d.day, Outcome(d.adopted, tuple(d.reasons), tuple(d.bound)), d.instrument
        ))
