"""A Popolo document (as `popolo.export` writes it) read back as register entries:
persons, bodies, posts, appointments, sessions, drafts, positions and decisions. The
states' memberships are not read: the register computes them from the instruments.
Every refusal names the object and the field. docs/popolo.md has the mapping.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, timedelta
from typing import Any

from pydantic import ValidationError

from depositary.domain.procedures import Position
from depositary.formats.councils_file import (
    AppointmentSpec,
    BodySpec,
    DecisionSpec,
    MotionSpec,
    PositionSpec,
    PostSpec,
    SessionSpec,
)
from depositary.formats.errors import FormatError
from depositary.formats.popolo import (
    FOUNDING_SCHEME,
    LANGUAGE_TAG,
    PARTICIPANT_KINDS,
    POSITIONS,
    drop_none,
    entry_key,
    iso,
    located,
    validate,
)
from depositary.formats.register_file import NewEntry, PersonSpec
from depositary.formats.specs import Spec
from depositary.log.entries import EntryKind


def import_items(
    document: Any, *, language: str = "en", bodies: Mapping[str, Mapping[str, Any]] | None = None,
    source: str = "Popolo document",
) -> list[NewEntry]:
    """A Popolo document (as `export` writes it, names in `language`) as register entries:
    persons, bodies, posts, appointments, sessions, drafts, positions and decisions. The
    states' memberships are not entries: the register computes them from the instruments.
    Popolo cannot say how a body decides, rotates its chair or counts its members; `bodies`
    gives those parts (a body's entry payload, by alias), which win over the document."""
    problems = validate(document)
    if problems:
        raise FormatError(source, problems)
    reader = _Reader(document, language, bodies or {}, source)
    return [
        *reader.persons(), *reader.bodies(), *reader.posts(), *reader.appointments(),
        *reader.sessions(), *reader.motions(), *reader.positions(), *reader.decisions(),
    ]


class _Reader:
    """One document being read; every refusal names the object and the field."""

    def __init__(
        self, document: dict[str, Any], language: str, bodies: Mapping[str, Mapping[str, Any]],
        source: str,
    ) -> None:
        self.document, self.language, self.given, self.source = document, language, bodies, source
        organizations = self._list("organizations")
        self.participants = {
            o["id"] for _, o in organizations if o.get("classification") in PARTICIPANT_KINDS
        }
        self.body_payloads: dict[str, dict[str, Any]] = {}  # by alias, as read
        self.session_bodies: dict[str, str] = {}  # session id → body alias
        self.motion_bodies: dict[str, str] = {}  # draft id → body alias

    def persons(self) -> Iterator[NewEntry]:
        capacities: dict[str, list[dict[str, Any]]] = {}
        for where, m in self._list("memberships"):
            if "post_id" in m or "person_id" not in m:
                continue  # an appointment, or a state's membership the register computes
            organization = self._text(m, "organization_id", where)
            if organization not in self.participants:
                raise self._error(where, "organization_id", f"{organization!r} is not a state "
                                  "or organisation of the document: a person is a member of a "
                                  "body only through a post")
            capacities.setdefault(self._text(m, "person_id", where), []).append(drop_none({
                "participant": organization, "role": m.get("role"), "title": m.get("label", ""),
                "from": iso(self._day(m, "start_date", where)),
                "until": iso(self._end(m, where)),
            }))
        for where, p in self._list("persons"):
            key = self._text(p, "id", where)
            payload = {"id": key, "names": self._names(p, "name", where),
                       "capacities": capacities.get(key, [])}
            yield EntryKind.PERSON, key, self._checked(PersonSpec, payload, where)

    def bodies(self) -> Iterator[NewEntry]:
        for where, o in self._list("organizations"):
            if o.get("classification") in PARTICIPANT_KINDS:
                continue  # participants are the register's, not the councils'
            alias = self._text(o, "id", where)
            founded = [
                i["identifier"] for i in o.get("identifiers", [])
                if i.get("scheme") == FOUNDING_SCHEME
            ]
            payload = {"alias": alias, "names": self._names(o, "name", where),
                       "founded_by": founded, **self.given.get(alias, {})}
            self.body_payloads[alias] = payload
            yield EntryKind.BODY, alias, self._checked(BodySpec, payload, where)

    def posts(self) -> Iterator[NewEntry]:
        for where, p in self._list("posts"):
            alias = self._text(p, "id", where)
            payload = drop_none({"alias": alias, "body": p.get("organization_id"),
                                  "names": {self.language: self._text(p, "label", where)}})
            yield EntryKind.POST, alias, self._checked(PostSpec, payload, where)

    def appointments(self) -> Iterator[NewEntry]:
        for where, m in self._list("memberships"):
            if "post_id" not in m:
                continue
            # A post held by a participant (a state chairing a council) has it as member.
            member = m.get("member") if isinstance(m.get("member"), dict) else None
            person = self._text(m, "person_id", where) if member is None else None
            payload = drop_none({
                "post": self._text(m, "post_id", where),
                "person": person,
                "start": iso(self._day(m, "start_date", where)),
                "end": iso(self._end(m, where)), "tenure": m.get("role"),
                "on_behalf_of": m.get("on_behalf_of_id") or (member or {}).get("id"),
            })
            key = entry_key(
                payload["post"], payload.get("person") or payload.get("on_behalf_of"),
                payload.get("start"), keep_empty=True,
            )
            yield EntryKind.APPOINTMENT, key, self._checked(AppointmentSpec, payload, where)

    def sessions(self) -> Iterator[NewEntry]:
        for where, e in self._list("events"):
            key, body = self._text(e, "id", where), self._text(e, "organization_id", where)
            self.session_bodies[key] = body
            payload = {
                "id": key, "body": body,
                "date": iso(self._day(e, "start_date", where, required=True)),
                "place": e.get("location") or "", "minutes": e.get("description") or "",
                "attendance": [
                    {"participant": m.get("organization_id"), "person": person.get("id"),
                     "acting": m.get("role") == "acting representative"}
                    for person in e.get("attendees") or []
                    for m in person.get("memberships") or []
                ],
            }
            yield EntryKind.SESSION, key, self._checked(SessionSpec, payload, where)

    def motions(self) -> Iterator[NewEntry]:
        for where, m in self._list("motions"):
            key = self._text(m, "id", where)
            question = m.get("classification") or "default"
            session = self._text(m, "legislative_session_id", where)
            self.motion_bodies[key] = self.session_bodies.get(session, "")
            self._check_requirement(m, self.motion_bodies[key], question, where)
            payload = {"id": key, "session": session, "title": self._text(m, "text", where),
                       "question": question}
            yield EntryKind.MOTION, key, self._checked(MotionSpec, payload, where)

    def positions(self) -> Iterator[NewEntry]:
        for where, event in self._list("vote_events"):
            motion = self._text(event, "motion_id", where)
            self._check_members(self.motion_bodies.get(motion, ""), event, where)
            for n, vote in enumerate(event.get("votes", [])):
                at = f"{where}: votes[{n}]"
                participant = self._text(vote, "group_id", at)
                person = vote.get("voter_id")
                payload = drop_none({
                    "motion": motion, "participant": participant,
                    "position": self._position(vote, at), "text": vote.get("note", ""),
                    "person": person if person != participant else None,
                })
                key = f"{motion}/{participant}"
                yield EntryKind.POSITION, key, self._checked(PositionSpec, payload, at)

    def decisions(self) -> Iterator[NewEntry]:
        for where, event in self._list("vote_events"):
            result = event.get("result")
            if result is None:
                continue  # positions recorded, not yet decided
            if result not in {"pass", "fail"}:
                raise self._error(where, "result", f"{result!r} is neither 'pass' nor 'fail'")
            adopted = result == "pass"
            agreeing = sorted(
                self._text(v, "group_id", where) for v in event.get("votes", [])
                if Position(self._position(v, where)).agrees
            )
            payload = {
                "motion": self._text(event, "motion_id", where),
                "date": iso(self._day(event, "start_date", where, required=True)),
                "adopted": adopted, "bound": agreeing if adopted else [],
            }
            yield EntryKind.DECISION, payload["motion"], self._checked(
                DecisionSpec, payload, where
            )

    # -- reading one field ------------------------------------------------------------------

    def _list(self, collection: str) -> list[tuple[str, dict[str, Any]]]:
        return [(located(collection, n, o), o)
                for n, o in enumerate(self.document.get(collection, []))]

    def _text(self, obj: Mapping[str, Any], field: str, where: str) -> str:
        value = obj.get(field)
        if not isinstance(value, str) or not value:
            raise self._error(where, field, "required, and missing or empty")
        return value

    def _day(
        self, obj: Mapping[str, Any], field: str, where: str, *, required: bool = False
    ) -> date | None:
        value = obj.get(field)
        if value is None and not required:
            return None
        try:  # a date-time keeps its day: the register records days
            if isinstance(value, str) and len(value) >= 10:
                return date.fromisoformat(value[:10])
        except ValueError:
            pass
        raise self._error(where, field, f"{value!r} is not a full date (YYYY-MM-DD): the "
                          "register keeps days, not years or months")

    def _end(self, obj: Mapping[str, Any], where: str) -> date | None:
        """Popolo's end is the last day the relation held; ours is the first day after."""
        last = self._day(obj, "end_date", where)
        return last + timedelta(days=1) if last is not None else None

    def _names(self, obj: Mapping[str, Any], field: str, where: str) -> dict[str, str]:
        # Only a note that is a language tag says the language; "Birth name" does not.
        names = {
            o["note"]: o["name"] for o in obj.get("other_names", [])
            if LANGUAGE_TAG.fullmatch(o.get("note") or "")
        }
        primary = self._text(obj, field, where)
        if primary not in names.values():  # else it was a fallback, not a name in `language`
            names[self.language] = primary
        return names

    def _position(self, vote: Mapping[str, Any], where: str) -> str:
        exact = vote.get("position")
        if exact is not None:
            return self._allowed(exact, [p.value for p in Position], where, "position")
        option = self._allowed(vote.get("option"), list(POSITIONS), where, "option")
        return POSITIONS[option].value

    def _allowed(self, value: Any, allowed: list[str], where: str, field: str) -> str:
        if value not in allowed:
            raise self._error(where, field, f"{value!r} is not one of: {', '.join(allowed)}")
        return str(value)

    def _check_requirement(
        self, motion: Mapping[str, Any], body: str, question: str, where: str
    ) -> None:
        """A draft's requirement must be the procedure its body will apply: Popolo cannot
        carry the procedure, so a body read without `bodies` decides by consensus."""
        requirement = motion.get("requirement")
        procedures = self.body_payloads.get(body, {}).get("procedures", {})
        chosen = procedures.get(question) or procedures.get("default") or {"kind": "consensus"}
        if requirement is not None and requirement != chosen["kind"]:
            raise self._error(where, "requirement", (
                f"{requirement!r}, but body {body!r} decides {question!r} questions by "
                f"{chosen['kind']!r}: give the body's entry in `bodies`"
            ))

    def _check_members(self, body: str, event: Mapping[str, Any], where: str) -> None:
        """Only members take positions, and Popolo cannot carry the rule that makes them:
        a body read without `bodies` has none."""
        if event.get("votes") and "membership" not in self.body_payloads.get(body, {}):
            raise self._error(where, "votes", (
                f"body {body!r} has no membership rule (Popolo cannot carry one), so no state "
                "can take a position in it: give the body's entry in `bodies`"
            ))

    def _checked(self, spec: type[Spec], payload: dict[str, Any], where: str) -> dict[str, Any]:
        """The payload in the register format's own shape, or the spec's refusal."""
        try:
            parsed = spec.model_validate(payload)
        except ValidationError as error:
            found = FormatError.from_validation(self.source, error)
            raise FormatError(self.source, [f"{where}: {p}" for p in found.problems]) from None
        return parsed.model_dump(mode="json", by_alias=True, exclude_defaults=True)

    def _error(self, where: str, field: str, message: str) -> FormatError:
        return FormatError(self.source, [f"{where}: {field}: {message}"])


# -- small helpers -------------------------------------------------------------------------

