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
from collections.abc import Iterable
from datetime import date
from functools import cache
from importlib.resources import files
from typing import Any

from jsonschema import Draft3Validator  # type: ignore[import-untyped]  # ships no types
from referencing import Registry
from referencing.jsonschema import DRAFT3

from depositary.domain.participants import ParticipantKind
from depositary.domain.procedures import Position

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


def drop_none(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in fields.items() if v is not None}


def entry_key(*parts: str | None, keep_empty: bool = False) -> str:
    return "/".join(p or "" for p in parts if keep_empty or p)


def iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None
