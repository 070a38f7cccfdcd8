"""The councils as Popolo JSON (popoloproject.com): persons, organizations (the bodies and
the states in them), posts, memberships, sessions as events, drafts as motions and their
decisions as vote events; checked against the Popolo JSON Schemas bundled in data/popolo
(CC BY 4.0, The Popolo Project) and read back as register entries (popolo_import.py).
docs/popolo.md has the mapping and what does not come back.

Our periods are half-open, [start, end); a Popolo `end_date` is the last day the relation
held, so every end is written as the day before ours and read back as the day after.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, timedelta
from functools import cache
from importlib.resources import files
from typing import Any

from jsonschema import Draft3Validator  # type: ignore[import-untyped]  # ships no types
from referencing import Registry
from referencing.jsonschema import DRAFT3

from depositary.domain.bodies import Body
from depositary.domain.participants import Capacity, ParticipantKind, Person
from depositary.domain.posts import Appointment
from depositary.domain.procedures import Position
from depositary.domain.sessions import Motion, RecordedPosition
from depositary.register.register import Register

# Each top-level list of a Popolo document and the schema of its objects.
COLLECTIONS = {
    "persons": "person", "organizations": "organization", "posts": "post",
    "memberships": "membership", "events": "event", "motions": "motion",
    "vote_events": "vote_event", "speeches": "speech", "areas": "area",
}
# Popolo's code list for a vote's option (popolo-spec, specs/vote.md). A reservation or
# special opinion still agrees: it is a "yes", its exact position kept beside it.
OPTIONS = {
    Position.AGREE: "yes", Position.AGREE_WITH_RESERVATION: "yes", Position.OBJECT: "no",
    Position.ABSTAIN: "abstain", Position.NON_INTEREST: "not voting", Position.ABSENT: "absent",
}
POSITIONS = {
    "yes": Position.AGREE, "no": Position.OBJECT, "abstain": Position.ABSTAIN,
    "not voting": Position.NON_INTEREST, "absent": Position.ABSENT,
}
# Popolo has no property for a body's legal basis: its founding instruments are listed
# among its identifiers under this scheme, by their Akoma Ntoso work URI.
FOUNDING_SCHEME = "founding-instrument"
PARTICIPANT_KINDS = frozenset(k.value for k in ParticipantKind)
LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{1,8})*")  # BCP 47, as far as we need


# -- export ------------------------------------------------------------------------------

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
    """A post's holder: a person, or a participant holding the post (a state chairing a
    council) as the member. Popolo has no place for co-chairs: they stay in the register."""
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
    """A member's position: the state is the voter's group, the person who stated it (if
    recorded) the voter. `position` and `note` are the one extension to Popolo: a
    reservation or special opinion has no property of its own (docs/popolo.md)."""
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


# -- validation ----------------------------------------------------------------------------

@cache
def _schemas() -> tuple[dict[str, Any], Registry[Any]]:
    """The bundled schemas by name, and a registry that resolves every `$ref` among them
    locally: a registry without a retriever never goes to the network."""
    folder = files("depositary.data").joinpath("popolo/schemas")
    schemas = {
        f.name.removesuffix(".json"): json.loads(f.read_text("utf-8"))
        for f in folder.iterdir() if f.name.endswith(".json")
    }
    registry: Registry[Any] = Registry().with_resources(
        (schema["id"].rstrip("#"), DRAFT3.create_resource(schema)) for schema in schemas.values()
    )
    return schemas, registry


def validate(document: Any) -> list[str]:
    """Every object of a Popolo document checked against its bundled schema (JSON Schema
    draft 3); one message per problem, naming the object and the field. Formats are not
    checked: draft 3 makes them advisory, and Popolo's own examples write a plain date
    where the schema says `date-time` (motion `date`)."""
    if not isinstance(document, dict):
        return [f"(top level): expected an object of Popolo lists, found {_type(document)}"]
    schemas, registry = _schemas()
    problems: list[str] = []
    for collection, objects in document.items():
        if collection not in COLLECTIONS:
            problems.append(
                f"{collection}: not a Popolo list; expected one of: {', '.join(COLLECTIONS)}"
            )
        elif not isinstance(objects, list):
            problems.append(f"{collection}: expected a list, found {_type(objects)}")
        else:
            validator = Draft3Validator(schemas[COLLECTIONS[collection]], registry=registry)
            for n, obj in enumerate(objects):
                where = located(collection, n, obj)
                found = [(_path(e.absolute_path), e.message) for e in validator.iter_errors(obj)]
                problems += [f"{where}: {field or '(the object)'}: {message}"
                             for field, message in sorted(found)]
    return problems


def _path(parts: Iterable[str | int]) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in parts).lstrip(".")


def located(collection: str, n: int, obj: Any) -> str:
    key = obj.get("id") if isinstance(obj, dict) else None
    return f"{collection}[{n}]" + (f" (id {key!r})" if key else "")


def _type(value: Any) -> str:
    return "null" if value is None else type(value).__name__


# -- helpers -------------------------------------------------------------------------------

def _sorted_persons(register: Register) -> list[Person]:
    return [register.persons[key] for key in sorted(register.persons)]


def _other_names(names: Mapping[str, str], language: str) -> list[tuple[str, str]]:
    """(language, name) in every language but `language`. With no name in `language`
    the primary name is a fallback that appears here too, and import knows it by that."""
    return [(lang, text) for lang, text in sorted(names.items()) if lang != language]


def _noted(names: Iterable[tuple[str, str]]) -> list[dict[str, str]]:
    """Other names with their language in the note, which other_name.json allows."""
    return [{"name": text, "note": lang} for lang, text in names]


def _compact(**fields: Any) -> dict[str, Any]:
    """An object without the properties we have no value for: Popolo leaves them out."""
    return {k: v for k, v in fields.items() if v is not None and v != "" and v != []}


def drop_none(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in fields.items() if v is not None}


def entry_key(*parts: str | None, keep_empty: bool = False) -> str:
    return "/".join(p or "" for p in parts if keep_empty or p)


def iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _last_day(end: date | None) -> str | None:
    return iso(end - timedelta(days=1)) if end is not None else None
