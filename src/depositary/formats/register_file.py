"""The register format: participants, persons, instruments and acts as YAML (or JSON).

The bundled Commonwealth register is written in it (src/depositary/data/cis/) and any
user's register loads the same way, through `Register.deposit` like a single act.
Documented in docs/data-format.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ConfigDict, Field, ValidationError, field_validator, model_validator

from depositary.domain.acts import Act, ActKind
from depositary.domain.events import EventKind, Precision
from depositary.domain.instruments import (
    Article,
    Instrument,
    InstrumentKind,
    Relation,
    RelationKind,
    Text,
    Unsettled,
)
from depositary.domain.participants import (
    Capacity,
    Member,
    Name,
    Participant,
    ParticipantKind,
    Person,
    Role,
    is_iso_code,
)
from depositary.domain.periods import Period
from depositary.domain.provenance import Confidence, Provenance
from depositary.domain.uri import WorkUri
from depositary.formats.clauses_file import ClausesSpec
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
from depositary.formats.files import read_yaml
from depositary.formats.names import BUILT_IN
from depositary.formats.specs import During, Sourced, Spec, in_order
from depositary.log.entries import EntryKind, canonical

FORMAT = "depositary/register@1"


class NameSpec(During):
    """A name during a period, in several languages: en, ru, and `<lang>_short`."""

    model_config = ConfigDict(extra="allow", frozen=True)
    during = "the name's period"

    def to_domain(self) -> list[Name]:
        extra = self.model_extra or {}
        period = self.period()
        return [
            Name(lang, str(text), period, str(extra.get(f"{lang}_short", "")))
            for lang, text in extra.items()
            if not lang.endswith("_short")
        ]


CODE_PATTERN = r"^[A-Z][A-Z0-9-]{1,15}$"


class MemberSpec(Sourced, During):
    """A state's membership of an organisation, from its accession until (exclusive) the
    first day it is no longer a member, with the source of those dates."""

    participant: str = Field(pattern=CODE_PATTERN)
    during = "the membership"


class ParticipantSpec(Sourced):
    # The identifiers of docs/data-format.md: ISO alpha-3 for states; organisations use
    # their acronym (EU, CARICOM), never an ISO 3166 code.
    code: str = Field(pattern=CODE_PATTERN)
    kind: ParticipantKind = ParticipantKind.STATE
    names: list[NameSpec] = []
    exists_from: date | None = None
    exists_until: date | None = None
    predecessors: list[str] = []
    continuator_of: str | None = None
    members: list[MemberSpec] = []  # an organisation's member States over time

    @model_validator(mode="after")
    def _period(self) -> ParticipantSpec:
        in_order(self.exists_from, self.exists_until, "the participant's existence")
        return self

    @model_validator(mode="after")
    def _identity(self) -> ParticipantSpec:
        if self.kind is ParticipantKind.ORGANISATION and is_iso_code(self.code):
            raise ValueError(
                f"{self.code} is an ISO 3166 alpha-3 code; an organisation's code is its "
                "acronym and never one, so that it is never read as a state (the Andean "
                "Community is ANDEAN, not CAN, Canada)"
            )
        if self.members and self.kind is not ParticipantKind.ORGANISATION:
            raise ValueError(f"members: {self.code} is a state; only an organisation has "
                             "members (give kind: organisation)")
        for n, member in enumerate(self.members):
            if member.participant == self.code:
                raise ValueError(f"members.{n}: an organisation is not its own member")
            for m, other in enumerate(self.members[:n]):
                if other.participant == member.participant and _overlap(other, member):
                    raise ValueError(
                        f"members.{n}: {member.participant}'s membership overlaps the one "
                        f"of members.{m}; a state that left and joined again has two "
                        "periods, one after the other"
                    )
        return self


def _overlap(one: MemberSpec, other: MemberSpec) -> bool:
    """True if the two half-open periods share a day."""
    starts_before_other_ends = other.until is None or one.from_ is None or one.from_ < other.until
    ends_after_other_starts = one.until is None or other.from_ is None or other.from_ < one.until
    return starts_before_other_ends and ends_after_other_starts


def member_problems(
    participants: Sequence[ParticipantSpec], kind_of: Callable[[str], ParticipantKind | None]
) -> list[str]:
    """Each member that is not a state, with its field path: a member must be a state this
    file declares, or a code `kind_of` (ISO 3166, the built-in names) knows as a state."""
    declared = {p.code: p.kind for p in participants}
    found = []
    for i, participant in enumerate(participants):
        for j, member in enumerate(participant.members):
            code = member.participant
            kind = declared.get(code) or kind_of(code)
            if kind is ParticipantKind.STATE:
                continue
            why = (
                "an organisation" if kind is ParticipantKind.ORGANISATION
                else "neither a participant of this file nor an ISO 3166 code"
            )
            found.append(
                f"participants.{i}.members.{j}.participant: {code} is {why}; a member of "
                f"{participant.code} must be a state"
            )
    return found


class CapacitySpec(Sourced, During):
    """A capacity during a period of office, with where the period comes from."""

    participant: str
    role: Role
    title: str = ""
    during = "the capacity"


class PersonSpec(Sourced):
    id: str
    names: dict[str, str]
    capacities: list[CapacitySpec] = []


class CapacityEntrySpec(CapacitySpec):
    """A capacity given to a person already recorded: an entry of its own (`capacity`)."""

    person: str


class ArticleSpec(Spec):
    number: str
    heading: str = ""
    paragraphs: list[str]


class TextSpec(Sourced):
    authentic: bool = True
    preamble: list[str] = []
    articles: list[ArticleSpec] = []
    closing: list[str] = []


class UnsettledSpec(Sourced):
    """A question the record leaves open (docs/data-format.md): about one participant, or,
    without one, about the instrument's general entry into force."""

    participant: str | None = None
    known: str = Field(min_length=1)
    missing: str = Field(min_length=1)
    since: date | None = None
    until: date | None = None

    @model_validator(mode="after")
    def _period(self) -> UnsettledSpec:
        in_order(self.since, self.until, "the open question")
        return self


class InstrumentSpec(Sourced):
    id: str  # a work URI (domain/uri.py)
    alias: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    kind: InstrumentKind
    titles: dict[str, str]
    adopted: date | None = None
    place: dict[str, str] = {}
    authentic_languages: list[str] = []
    working_language: str = ""
    depositary: str = ""
    relations: dict[RelationKind, list[str]] = {}
    texts: dict[str, TextSpec] = {}
    clauses: ClausesSpec = ClausesSpec()
    terminated: date | None = None
    termination_note: str = ""
    termination_source: str = ""  # a source key or a citation for the end
    termination_confidence: Confidence = Confidence.UNVERIFIED
    unsettled: list[UnsettledSpec] = []
    language_labels: dict[str, str] = {}  # code → the language's name as the text gives it

    @field_validator("id")
    @classmethod
    def _work_uri(cls, given: str) -> str:
        WorkUri.parse(given)  # ValueError names the shape expected
        return given


class ActSpec(Sourced):
    id: str | None = None
    instrument: str
    participant: str
    kind: ActKind
    dated: date
    received: date | None = None  # defaults to `dated`: signatures at the conference
    effective: date | None = None
    person: str | None = None
    refers_to: str | None = None
    text: str = ""
    # A registered act's signatures (docs/storage.md): the delegate's over the act's
    # canonical form without these four fields, the depositary's over the same.
    signed_by: str | None = None
    signature: str | None = None
    countersigned_by: str | None = None
    countersignature: str | None = None


SIGNATURE_FIELDS = ("signed_by", "signature", "countersigned_by", "countersignature")


def signed_message(data: dict[str, Any]) -> str:
    """What the delegate signs and the depositary countersigns: the act's payload in
    canonical form, without the signature fields."""
    return canonical({k: v for k, v in data.items() if k not in SIGNATURE_FIELDS})


class EventSpec(Sourced):
    """A dated fact that is not an act on an instrument (docs/data-format.md)."""

    day: date = Field(alias="date")
    kind: EventKind
    text: str
    participants: list[str] = []
    person: str | None = None
    instrument: str | None = None
    instruments: list[str] = []  # the instruments it concerns, where several
    # How much of `date` is known: "month" or "year" where the day is not (the day then
    # stands for the first day of the month or year, and is never shown).
    precision: Precision = Precision.DAY


class RegisterSpec(Spec):
    format: str = FORMAT
    sources: dict[str, str] = {}
    participants: list[ParticipantSpec] = []
    persons: list[PersonSpec] = []
    instruments: list[InstrumentSpec] = []
    acts: list[ActSpec] = []
    events: list[EventSpec] = []
    # The councils (formats/councils_file.py, docs/governance.md)
    bodies: list[BodySpec] = []
    posts: list[PostSpec] = []
    appointments: list[AppointmentSpec] = []
    sessions: list[SessionSpec] = []
    motions: list[MotionSpec] = []
    positions: list[PositionSpec] = []
    decisions: list[DecisionSpec] = []


def parse_register(data: Any, source: str | Path) -> RegisterSpec:
    if not isinstance(data, dict):
        found = "an empty file" if data is None else f"a {type(data).__name__}"
        raise FormatError(source, [f"(top level): expected a register mapping, found {found}"])
    if data.get("format", FORMAT) != FORMAT:
        raise FormatError(
            source, [f"format: {data['format']!r} is not {FORMAT!r}, the format this version reads"]
        )
    try:
        spec = RegisterSpec.model_validate(data)
    except ValidationError as error:
        raise FormatError.from_validation(source, error) from None
    # The built-in names know the states ISO does not code (XKX) as states.
    problems = member_problems(spec.participants, BUILT_IN.kind_of)
    if problems:
        raise FormatError(source, problems)
    return spec


# An entry not yet chained: (entry kind, key, payload); the log gives it its number,
# time, author and hashes when it is appended.
NewEntry = tuple[str, str, dict[str, Any]]


def items(spec: RegisterSpec) -> list[NewEntry]:
    """The register file as entries for the log: one self-contained payload per
    participant, person, instrument, act (in receipt order) and event, each with its full
    citation in place of the source key."""
    found: list[NewEntry] = []

    def payload(part: Sourced) -> dict[str, Any]:
        data = part.model_dump(mode="json", by_alias=True, exclude_defaults=True)
        _cite_sources(data, spec.sources)
        return data

    found += [(EntryKind.PARTICIPANT, p.code, payload(p)) for p in spec.participants]
    found += [(EntryKind.PERSON, p.id, payload(p)) for p in spec.persons]
    found += [(EntryKind.INSTRUMENT, i.id, payload(i)) for i in spec.instruments]
    acts = sorted((_act(a, {}) for a in spec.acts), key=lambda act: act.sort_key)
    by_id = {_act(a, {}).id: a for a in spec.acts}
    for act in acts:
        data = payload(by_id[act.id])
        data["id"] = act.id
        found.append((EntryKind.ACT, act.id, data))
    found += [
        (EntryKind.EVENT, f"{e.day.isoformat()}/{e.kind.value}/{n}", payload(e))
        for n, e in enumerate(spec.events, start=1)
    ]

    def plain(part: Spec) -> dict[str, Any]:
        if isinstance(part, Sourced):
            return payload(part)
        return part.model_dump(mode="json", by_alias=True, exclude_defaults=True)

    found += [(EntryKind.BODY, b.alias, plain(b)) for b in spec.bodies]
    found += [(EntryKind.POST, p.alias, plain(p)) for p in spec.posts]
    found += [
        (EntryKind.APPOINTMENT, f"{a.post}/{a.person or a.on_behalf_of}/{a.start or ''}",
         plain(a))
        for a in spec.appointments
    ]
    found += [(EntryKind.SESSION, s.id, plain(s)) for s in spec.sessions]
    found += [(EntryKind.MOTION, m.id, plain(m)) for m in spec.motions]
    found += [
        (EntryKind.POSITION, f"{p.motion}/{p.participant}", plain(p)) for p in spec.positions
    ]
    found += [(EntryKind.DECISION, d.motion, plain(d)) for d in spec.decisions]
    return found


def _cite_sources(data: Any, sources: dict[str, str]) -> None:
    """Each source key in a payload (of the fact, of its clauses' reading, of a question
    it leaves open, of a capacity) replaced by its full citation: an entry of the log is
    self-contained."""
    if isinstance(data, list):
        for part in data:
            _cite_sources(part, sources)
    elif isinstance(data, dict):
        for field in ("source", "basis", "signature_basis", "termination_source"):
            if isinstance(data.get(field), str) and data[field] in sources:
                data[field] = sources[data[field]]
        for value in data.values():
            if isinstance(value, dict | list):
                _cite_sources(value, sources)


def read_register_file(path: Path) -> RegisterSpec:
    """Read and validate a register file, with any `texts/<alias>.<lang>.yaml` beside it."""
    data = read_yaml(path)
    texts_dir = path.parent / "texts"
    if isinstance(data, dict) and texts_dir.is_dir():
        _merge_texts(data, sorted(texts_dir.glob("*.yaml")))
    return parse_register(data, path)


def act_item(act: Act) -> NewEntry:
    """A single act as an entry: what a clerk's registration appends."""
    data = ActSpec(
        id=act.id, instrument=act.instrument, participant=act.participant, kind=act.kind,
        dated=act.dated, received=act.received, effective=act.effective, person=act.person,
        refers_to=act.refers_to, text=act.text, source=act.provenance.source,
        confidence=act.provenance.confidence, note=act.provenance.note,
    ).model_dump(mode="json", by_alias=True, exclude_defaults=True)
    return (EntryKind.ACT, act.id, data)


def _merge_texts(data: dict[str, Any], files: Iterable[Path]) -> None:
    """Texts live in files of their own, `texts/<alias>.<lang>.yaml`, to keep the register
    file readable; they join their instrument here."""
    by_alias = {i.get("alias"): i for i in data.get("instruments", []) if isinstance(i, dict)}
    for file in files:
        alias, _, language = file.stem.rpartition(".")
        if alias not in by_alias:
            raise FormatError(file, [f"no instrument with alias {alias!r} for this text"])
        by_alias[alias].setdefault("texts", {})[language] = read_yaml(file)


def participant_domain(spec: ParticipantSpec, sources: dict[str, str]) -> Participant:
    """The participant a spec describes, each source key replaced by its citation."""
    return Participant(
        code=spec.code,
        kind=spec.kind,
        names=tuple(name for n in spec.names for name in n.to_domain()),
        existence=Period(spec.exists_from, spec.exists_until),
        predecessors=tuple(spec.predecessors),
        continuator_of=spec.continuator_of,
        provenance=spec.provenance(sources),
        members=tuple(
            Member(m.participant, m.period(), m.provenance(sources))
            for m in spec.members
        ),
    )


def participant_item(participant: Participant) -> NewEntry:
    """A participant as an entry: what an import appends for a participant the register
    does not hold yet (names by period, existence, continuity, members, sources)."""
    def name(n: Name) -> NameSpec:
        period = {"from": n.period.start, "until": n.period.end}
        short = {f"{n.language}_short": n.short} if n.short else {}
        return NameSpec.model_validate({**period, n.language: n.text, **short})

    def member(m: Member) -> MemberSpec:
        return MemberSpec.model_validate({
            "participant": m.participant, "from": m.period.start, "until": m.period.end,
            **_cited(m.provenance),
        })

    data = ParticipantSpec.model_validate({
        "code": participant.code, "kind": participant.kind,
        "names": [name(n) for n in participant.names],
        "exists_from": participant.existence.start, "exists_until": participant.existence.end,
        "predecessors": list(participant.predecessors),
        "continuator_of": participant.continuator_of,
        "members": [member(m) for m in participant.members],
        **_cited(participant.provenance),
    }).model_dump(mode="json", by_alias=True, exclude_defaults=True)
    return (EntryKind.PARTICIPANT, participant.code, data)


def _cited(provenance: Provenance) -> dict[str, Any]:
    return {"source": provenance.source, "confidence": provenance.confidence,
            "note": provenance.note, "conflicts": list(provenance.conflicts)}


def _person(spec: PersonSpec, sources: dict[str, str]) -> Person:
    return Person(
        id=spec.id,
        names=dict(spec.names),
        capacities=tuple(
            Capacity(c.participant, c.role, c.period(), c.title,
                     c.provenance(sources))
            for c in spec.capacities
        ),
        provenance=spec.provenance(sources),
    )


def _instrument(spec: InstrumentSpec, sources: dict[str, str]) -> Instrument:
    return Instrument(
        id=spec.id,
        alias=spec.alias,
        kind=spec.kind,
        titles=dict(spec.titles),
        adopted=spec.adopted,
        place=dict(spec.place),
        authentic_languages=tuple(spec.authentic_languages),
        working_language=spec.working_language,
        depositary=spec.depositary,
        relations=tuple(
            Relation(kind, target) for kind, targets in spec.relations.items() for target in targets
        ),
        texts={
            lang: Text(
                language=lang,
                preamble=tuple(t.preamble),
                articles=tuple(
                    Article(a.number, tuple(a.paragraphs), a.heading) for a in t.articles
                ),
                closing=tuple(t.closing),
                authentic=t.authentic,
                provenance=t.provenance(sources),
            )
            for lang, t in spec.texts.items()
        },
        clauses=spec.clauses.to_domain(spec.provenance(sources)),
        terminated=spec.terminated,
        termination_note=spec.termination_note,
        termination_provenance=Provenance(
            sources.get(spec.termination_source, spec.termination_source),
            spec.termination_confidence,
        ),
        provenance=spec.provenance(sources),
        unsettled=tuple(
            Unsettled(u.known, u.missing, u.participant, u.since, u.until, u.provenance(sources))
            for u in spec.unsettled
        ),
        language_labels=dict(spec.language_labels),
    )


def act_id(instrument: str, participant: str, kind: ActKind, received: date) -> str:
    """A readable, deterministic id for an act given without one."""
    return f"{instrument}/{participant}/{kind.value}/{received.isoformat()}"


def _act(spec: ActSpec, sources: dict[str, str]) -> Act:
    received = spec.received or spec.dated
    return Act(
        id=spec.id or act_id(spec.instrument, spec.participant, spec.kind, received),
        instrument=spec.instrument,
        participant=spec.participant,
        kind=spec.kind,
        dated=spec.dated,
        received=received,
        effective=spec.effective,
        person=spec.person,
        refers_to=spec.refers_to,
        text=spec.text,
        provenance=spec.provenance(sources),
    )


def instrument_from(data: dict[str, Any]) -> Instrument:
    """An instrument from its entry's payload."""
    return _instrument(InstrumentSpec.model_validate(data), {})


def participant_from(data: dict[str, Any]) -> Participant:
    """A participant from its entry's payload."""
    return participant_domain(ParticipantSpec.model_validate(data), {})


def person_from(data: dict[str, Any]) -> Person:
    """A person from its entry's payload."""
    return _person(PersonSpec.model_validate(data), {})


def capacity_from(data: dict[str, Any]) -> tuple[str, Capacity]:
    """The person and the capacity of a `capacity` entry's payload."""
    spec = CapacityEntrySpec.model_validate(data)
    return spec.person, Capacity(spec.participant, spec.role, spec.period(), spec.title,
                                 spec.provenance({}))


def act_from(data: dict[str, Any]) -> Act:
    """An act from its entry's payload (ValidationError if it is none)."""
    return _act(ActSpec.model_validate(data), {})


def read_act_file(path: Path) -> Act:
    """One act, as a YAML or JSON mapping of the act fields of the register format."""
    return read_act_payload(read_yaml(path), path)


def read_act_payload(data: Any, source: str | Path, received: date | None = None) -> Act:
    """One act from a mapping of the act fields (a file's, or a request's); `received`,
    if given, is the depositary's date of receipt, whatever the mapping says."""
    if not isinstance(data, dict):
        raise FormatError(source, ["(top level): expected a mapping of the act's fields"])
    if received is not None:
        data = data | {"received": received.isoformat()}
    try:
        return _act(ActSpec.model_validate(data), {})
    except ValidationError as error:
        raise FormatError.from_validation(source, error) from None
