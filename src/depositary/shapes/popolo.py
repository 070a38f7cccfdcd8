"""The councils as Popolo JSON (popoloproject.com).

Persons, organizations (the bodies and the states in them), posts, memberships, sessions as
events, drafts as motions and their decisions as vote events. The vocabulary, the schemas
and the reading back are in depositary.formats.popolo; docs/popolo.md has the mapping.

Our periods are half-open, [start, end); a Popolo `end_date` is the last day the relation
held, so every end is written as the day before ours.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, timedelta
from typing import Any

from depositary.domain.bodies import Body
from depositary.domain.participants import Capacity, ParticipantKind, Person
from depositary.domain.posts import Appointment
from depositary.domain.sessions import Motion, RecordedPosition
from depositary.formats.popolo import FOUNDING_SCHEME, OPTIONS, POSITIONS, entry_key, iso
from depositary.register.register import Register


def export(register: Register, language: str = "en") -> dict[str, Any]:
    """The register's councils as one Popolo document, names in `language`."""
    councils = register.councils
    memberships = [
        *(m for alias in councils.bodies for m in _state_memberships(register, alias)),
        *(_appointment(register, a) for a in councils.appointments),
        *(_capacity(p, c) for p in _sorted_persons(register) for c in p.capacities),
    ]
    motions = list(councils.motions.values())
    vote_events = [
        _vote_event(register, m) for m in motions
        if m.id in councils.decisions or councils.positions_on(m.id)
    ]
    states = sorted(
        {m["member"]["id"] for m in memberships if "member" in m}
        | {c.participant for p in register.persons.values() for c in p.capacities}
        | {a.on_behalf_of for a in councils.appointments if a.on_behalf_of}
        | {p.participant for p in councils.positions.values()}
    )
    return {
        "persons": [_person(p, language) for p in _sorted_persons(register)],
        "organizations": [
            *(_body(register, b, language) for b in councils.bodies.values()),
            *(_state(register, code, language) for code in states),
        ],
        "posts": [
            _compact(
                id=p.alias, label=p.name(language), organization_id=p.body,
                other_label=[text for _, text in _other_names(p.names, language)],
            )
            for p in councils.posts.values()
        ],
        "memberships": memberships,
        "events": [_session(register, key, language) for key in councils.sessions],
        "motions": [_motion(register, m) for m in motions],
        "vote_events": vote_events,
    }


def _person(person: Person, language: str) -> dict[str, Any]:
    return _compact(
        id=person.id, name=person.name(language),
        other_names=_noted(_other_names(person.names, language)),
    )


def _body(register: Register, body: Body, language: str) -> dict[str, Any]:
    return _compact(
        id=body.alias, name=body.name(language), classification=_classification(body),
        other_names=_noted(_other_names(body.names, language)),
        identifiers=[
            {"identifier": register.instrument(key).id, "scheme": FOUNDING_SCHEME}
            for key in body.founded_by
        ],
    )


def _classification(body: Body) -> str:
    # The register does not type its bodies; the Commonwealth's names say which they are.
    return "command" if "command" in body.alias.split("-") else "council"


def _state(register: Register, code: str, language: str) -> dict[str, Any]:
    participant = register.participants.get(code)
    if participant is None:  # a capacity may name a participant the register lacks
        return {"id": code, "name": code, "classification": ParticipantKind.STATE.value}
    return {
        "id": code, "name": participant.name(language=language),
        "classification": participant.kind.value,
    }


def _state_memberships(register: Register, alias: str) -> Iterator[dict[str, Any]]:
    """Each participant's standing in the body as periods of one category."""
    for code, category, start, end in register.councils.membership_spans(alias):
        yield _compact(
            id=entry_key(alias, code, category.value, iso(start)),
            member={"@type": "Organization", "id": code}, organization_id=alias,
            role=category.value, start_date=iso(start), end_date=_last_day(end),
        )


def _appointment(register: Register, a: Appointment) -> dict[str, Any]:
    """Return a post's holder: a person, or a participant holding the post as the member.

    A participant holds a post where a state chairs a council. Popolo has no place for
    co-chairs: they stay in the register.
    """
    return _compact(
        id=entry_key(a.post, a.person or a.on_behalf_of, iso(a.period.start)),
        person_id=a.person, post_id=a.post,
        member={"@type": "Organization", "id": a.on_behalf_of} if a.person is None else None,
        organization_id=register.councils.post(a.post).body, role=a.tenure.value,
        on_behalf_of_id=a.on_behalf_of, start_date=iso(a.period.start),
        end_date=_last_day(a.period.end),
    )


def _capacity(person: Person, c: Capacity) -> dict[str, Any]:
    """A person acting for a participant (VCLT 7) is a member of it in that role."""
    return _compact(
        id=entry_key(person.id, c.participant, c.role.value, iso(c.period.start)),
        person_id=person.id, organization_id=c.participant, role=c.role.value, label=c.title,
        start_date=iso(c.period.start), end_date=_last_day(c.period.end),
    )


def _session(register: Register, key: str, language: str) -> dict[str, Any]:
    session = register.councils.session(key)
    name = f"{register.councils.body(session.body).name(language)}, {session.day.isoformat()}"
    # Who represented whom: each attendee with a membership of the state it sat for.
    attendees = [
        {"id": a.person, "name": register.persons[a.person].name(language), "memberships": [{
            "person_id": a.person, "organization_id": a.participant,
            "role": "acting representative" if a.acting else "representative",
        }]}
        for a in session.attendance
    ]
    return _compact(
        id=session.id, name=name, classification="session", organization_id=session.body,
        start_date=session.day.isoformat(), location=session.place,
        description=session.minutes, attendees=attendees,
    )


def _motion(register: Register, motion: Motion) -> dict[str, Any]:
    councils = register.councils
    session = councils.session(motion.session)
    decision = councils.decisions.get(motion.id)
    return _compact(
        id=motion.id, organization_id=session.body, legislative_session_id=session.id,
        text=motion.title, classification=motion.question, date=session.day.isoformat(),
        requirement=councils.body(session.body).procedure(motion.question).kind,
        result=_result(decision.outcome.adopted) if decision else None,
    )


def _vote_event(register: Register, motion: Motion) -> dict[str, Any]:
    councils = register.councils
    session = councils.session(motion.session)
    decision = councils.decisions.get(motion.id)
    votes = [_vote(p) for p in councils.positions_on(motion.id)]
    counted = Counter(v["option"] for v in votes)
    return _compact(
        id=entry_key(motion.id, "vote-event"), motion_id=motion.id, organization_id=session.body,
        legislative_session_id=session.id,
        start_date=(decision.day if decision else session.day).isoformat(),
        result=_result(decision.outcome.adopted) if decision else None,
        counts=[
            {"option": option, "value": counted[option]}
            for option in dict.fromkeys(OPTIONS.values()) if counted[option]
        ],
        votes=votes,
    )


def _vote(recorded: RecordedPosition) -> dict[str, Any]:
    """Return a member's position as a vote: the state is the group, its person the voter.

    The person who stated the position is the voter where recorded. `position` and `note`
    are the one extension to Popolo: a reservation or special opinion has no property of
    its own (docs/popolo.md).
    """
    stance = recorded.stance
    vote = _compact(
        voter_id=recorded.person or recorded.participant, group_id=recorded.participant,
        option=OPTIONS[stance.position], note=stance.text,
    )
    if POSITIONS[vote["option"]] is not stance.position:
        vote["position"] = stance.position.value
    return vote


def _result(adopted: bool) -> str:
    return "pass" if adopted else "fail"


def _sorted_persons(register: Register) -> list[Person]:
    """The persons of the public record: those who hold a capacity for a participant,
    were appointed to a post, attended a session or stated a position. The staff (an
    administrator, an officer, a clerk) are persons of the register only to sign in and
    hold roles; their ids are sign-in names, not public facts (UX review, M7)."""
    councils = register.councils
    public = (
        {key for key, p in register.persons.items() if p.capacities}
        | {a.person for a in councils.appointments if a.person}
        | {a.person for s in councils.sessions.values() for a in s.attendance}
        | {p.person for p in councils.positions.values() if p.person}
    )
    return [register.persons[key] for key in sorted(public) if key in register.persons]


def _other_names(names: Mapping[str, str], language: str) -> list[tuple[str, str]]:
    """Return (language, name) in every language but `language`.

    With no name in `language` the primary name is a fallback that appears here too, and
    import knows it by that.
    """
    return [(lang, text) for lang, text in sorted(names.items()) if lang != language]


def _noted(names: Iterable[tuple[str, str]]) -> list[dict[str, str]]:
    """Other names with their language in the note, which other_name.json allows."""
    return [{"name": text, "note": lang} for lang, text in names]


def _compact(**fields: Any) -> dict[str, Any]:
    """An object without the properties we have no value for: Popolo leaves them out."""
    return {k: v for k, v in fields.items() if v is not None and v != "" and v != []}


def _last_day(end: date | None) -> str | None:
    return iso(end - timedelta(days=1)) if end is not None else None
