"""The names file (`depositary/names@1`): identifiers and names a user adds to those the
project knows, without a change to the code (docs/data-format.md, "Names files").

Each entry is a participant as a register file writes it (code, kind, names by period and
language, an organisation's members, source and confidence), with `aliases`: the other
names tables write for it. The project ships its own names in the same format
(`data/names/`: the European Union and its members over time), laid over the built-in
tables of names.py; a user's file is laid over both, and wins where they differ.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from depositary.domain.participants import ParticipantKind, is_iso_code, is_user_assigned
from depositary.formats.errors import FormatError
from depositary.formats.files import read_yaml
from depositary.formats.names import BUILT_IN, Names, name_key
from depositary.formats.register_file import ParticipantSpec, member_problems, participant_domain
from depositary.formats.specs import Spec

FORMAT = "depositary/names@1"


class NamedParticipantSpec(ParticipantSpec):
    """A participant as a register file writes it, and the names tables write for it
    beyond its own names ("European Economic Community" for the EU)."""

    aliases: list[str] = []


class NamesSpec(Spec):
    format: str = FORMAT
    sources: dict[str, str] = {}
    participants: list[NamedParticipantSpec] = []


def read_names_file(path: Path) -> Names:
    """A user's names file laid over the project's names: what to give a reader
    (`read_status_table(..., names=...)`). A malformed file, or one whose entries
    contradict each other, raises FormatError naming each field."""
    return names_of(read_yaml(path), path, default_names())


# Bounded (one value): the shipped files do not change while the program runs.
@lru_cache(maxsize=1)
def default_names() -> Names:
    """The built-in tables with the names files the project ships laid over them."""
    names = BUILT_IN
    folder = files("depositary.data").joinpath("names")
    for resource in sorted(folder.iterdir(), key=lambda r: r.name):
        if resource.name.endswith(".yaml"):
            with as_file(resource) as path:
                names = names_of(read_yaml(path), path, names)
    return names


def names_of(data: Any, source: str | Path, base: Names) -> Names:
    """The names a file gives, laid over `base`; FormatError lists every problem."""
    if not isinstance(data, dict):
        found = "an empty file" if data is None else f"a {type(data).__name__}"
        raise FormatError(source, [f"(top level): expected a names mapping, found {found}"])
    if data.get("format", FORMAT) != FORMAT:
        raise FormatError(source, [
            f"format: {data['format']!r} is not {FORMAT!r}, the format this version reads"
        ])
    try:
        spec = NamesSpec.model_validate(data)
    except ValidationError as error:
        raise FormatError.from_validation(source, error) from None
    problems = _identifier_problems(spec) + member_problems(spec.participants, base.kind_of)
    by_name, problems_of_names = _names(spec)
    problems += problems_of_names
    if problems:
        raise FormatError(source, problems)
    layer = Names(
        by_name=by_name,
        kinds={p.code: p.kind for p in spec.participants},
        participants={p.code: participant_domain(p, spec.sources) for p in spec.participants},
    )
    return layer.over(base)


def _identifier_problems(spec: NamesSpec) -> list[str]:
    """A state's code that is neither ISO's nor in ISO's user-assigned ranges, and a code
    given twice (docs/data-format.md, "Identifiers")."""
    found = []
    first: dict[str, int] = {}
    for i, participant in enumerate(spec.participants):
        code = participant.code
        if code in first:
            found.append(f"participants.{i}.code: {code} is already given by "
                         f"participants.{first[code]}; give each participant once")
        first.setdefault(code, i)
        state = participant.kind is ParticipantKind.STATE
        if state and not is_iso_code(code) and not is_user_assigned(code):
            found.append(
                f"participants.{i}.code: {code} is neither an ISO 3166 alpha-3 code nor one "
                "of ISO's user-assigned codes (AAA-AAZ, QMA-QZZ, XAA-XZZ, ZZA-ZZZ); a state "
                "ISO does not code takes one of those, as Kosovo takes XKX"
            )
    return found


def _names(spec: NamesSpec) -> tuple[dict[str, str], list[str]]:
    """Every name, short name and alias of the file → its code, and each name the file
    gives to two participants (one name must stand for one participant)."""
    by_name: dict[str, str] = {}
    where: dict[str, str] = {}
    problems = []
    for i, participant in enumerate(spec.participants):
        written = [
            (f"participants.{i}.names.{n}.{language}", str(text))
            for n, name in enumerate(participant.names)
            for language, text in (name.model_extra or {}).items()
        ]
        written += [(f"participants.{i}.aliases.{n}", a) for n, a in enumerate(participant.aliases)]
        for path, text in written:
            key = name_key(text)
            if not key:
                problems.append(f"{path}: a name cannot be empty")
            elif by_name.setdefault(key, participant.code) != participant.code:
                problems.append(
                    f"{path}: the name {text!r} is given to both {by_name[key]} ({where[key]}) "
                    f"and {participant.code}; one name must stand for one participant"
                )
            where.setdefault(key, path)
    return by_name, problems
