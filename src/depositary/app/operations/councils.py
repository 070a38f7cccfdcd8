"""The secretariat's operations: convene a session, put a draft on its agenda, record a
member's position, notify a consulted state, adopt the decision, appoint to a post. The
rules are `Secretariat`'s and the register's; here each is named, typed and registered."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field

from depositary.app.operations.registry import Answer, Caller, Input, Operation
from depositary.app.secretariat import Secretariat
from depositary.app.stored import StoredRegister
from depositary.formats import popolo_import
from depositary.log.entries import EntryKind

Day = date  # a field named `date` would shadow the type in its model's annotations
Code = Annotated[str, AfterValidator(str.upper)]  # a participant's code, as given in any case
Id = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]


class SessionIn(Input):
    id: Id
    body: str
    date: Day
    place: str = ""
    minutes: str = ""
    chair: Code | None = None  # the rotation's unless named
    # Who represented whom: {"participant", "person", "acting"?} for each member present.
    attendance: list[dict[str, Any]] = Field(default_factory=list)


class Convened(Answer):
    session: str


def convene(ledger: StoredRegister, caller: Caller, given: SessionIn, _: str) -> Convened:
    """A session of a body on a date, with who represented whom and its minutes."""
    Secretariat(ledger).convene(
        given.id, given.body, given.date, caller.person, place=given.place,
        minutes=given.minutes, chair=given.chair or None, attendance=given.attendance,
    )
    return Convened(session=given.id)


class DraftIn(Input):
    id: Id
    title: str
    text: str = ""
    question: str = "default"  # the kind of question: chooses the body's procedure


class Tabled(Answer):
    draft: str


def add_to_agenda(ledger: StoredRegister, caller: Caller, given: DraftIn, session: str) -> Tabled:
    """A draft decision (a motion) on a session's agenda."""
    Secretariat(ledger).table(given.id, session, given.title, caller.person, text=given.text,
                              question=given.question or "default")
    return Tabled(draft=given.id)


class PositionIn(Input):
    participant: Code
    position: str
    text: str = ""  # a reservation or special opinion
    date: Day | None = None  # when it was given, if not at the session
    # The person's Ed25519 signature (base64) of the position's canonical form, where the
    # procedure asks for one (a joint decision's consent).
    signature: str | None = Field(default=None, max_length=200)


class Recorded(Answer):
    draft: str
    participant: str


def record_position(ledger: StoredRegister, caller: Caller, given: PositionIn,
                    draft: str) -> Recorded:
    """A member's position on a draft, by a person who can act for it (or the secretariat,
    from the minutes)."""
    Secretariat(ledger).record(draft, given.participant, given.position, caller.person,
                               given.text, day=given.date, signature=given.signature or None,
                               today=caller.today)
    return Recorded(draft=draft, participant=given.participant)


class ConsultationIn(Input):
    participant: Code
    date: Day  # the consulted state's window to answer runs from this day


def notify_consultation(ledger: StoredRegister, caller: Caller, given: ConsultationIn,
                        draft: str) -> Recorded:
    """A state to be consulted on a joint decision is notified."""
    Secretariat(ledger).consult(draft, given.participant, given.date, caller.person)
    return Recorded(draft=draft, participant=given.participant)


class Nothing(Input):
    """No input beyond the target."""


class Adopted(Answer):
    draft: str
    adopted: bool
    bound: list[str]
    reasons: list[str]
    instrument: str | None  # the instrument an adopted decision became


def adopt(ledger: StoredRegister, caller: Caller, _: Nothing, draft: str) -> Adopted:
    """The outcome of a draft by its body's procedure; adopted, it becomes an instrument
    binding exactly the members that agreed."""
    decided = Secretariat(ledger).decide(draft, caller.person, caller.today)
    return Adopted(draft=draft, adopted=decided.outcome.adopted,
                   bound=list(decided.outcome.bound), reasons=list(decided.outcome.said),
                   instrument=decided.instrument)


class AppointmentIn(Input):
    person: str | None = None  # none where a state holds the post: give on_behalf_of
    start: date
    end: date | None = None  # exclusive
    acting: bool = False
    decision: str = ""  # what appointed
    on_behalf_of: Code | None = None  # the participant, for a council's chair
    co_chairs: list[Code] = Field(default_factory=list)
    source: str = ""  # where it is recorded from
    # V read in the primary text, S a secondary source, U unverified; none given: "".
    confidence: Annotated[Literal["V", "S", "U"] | None,
                          BeforeValidator(lambda given: given or None)] = None


class Appointed(Answer):
    post: str
    person: str
    on_behalf_of: str


def appoint(ledger: StoredRegister, caller: Caller, given: AppointmentIn, post: str) -> Appointed:
    """A person to a post from a date, or a state to a council's chair for a term."""
    Secretariat(ledger).appoint(
        post, given.person or None, caller.person, start=given.start, end=given.end,
        acting=given.acting, decision=given.decision, on_behalf_of=given.on_behalf_of or None,
        co_chairs=given.co_chairs, source=given.source, confidence=given.confidence or "",
    )
    return Appointed(post=post, person=given.person or "", on_behalf_of=given.on_behalf_of or "")


class PopoloIn(Input):
    document: dict[str, Any]  # a Popolo JSON document, as `popolo-export` writes it
    # The bodies' own entries (alias → body, in the register format), for what Popolo
    # cannot say: procedures, rotation, membership rules; the register's own come first.
    bodies: dict[str, dict[str, Any]] = Field(default_factory=dict)
    source: str = "the document"  # where it was read from, for messages and the record
    language: Literal["en", "ru"] = "en"  # the language of the document's names


class Imported(Answer):
    appended: int
    already_held: int  # entries the register holds already (by kind and id), kept as recorded


def import_councils(ledger: StoredRegister, caller: Caller, given: PopoloIn, _: str) -> Imported:
    """Persons, bodies, posts, appointments, sessions, drafts, positions and decisions from
    a Popolo document; what the register already holds is kept as recorded."""
    secretariat = Secretariat(ledger)
    secretariat.require(caller.person, "councils.import")  # before the document is read
    known = {e.key: e.data() for e in ledger.database.entries_about([EntryKind.BODY])}
    found = popolo_import.import_items(given.document, language=given.language,
                                       bodies=known | given.bodies, source=given.source)
    written, held = secretariat.import_entries(found, caller.person, Path(given.source).name)
    return Imported(appended=written, already_held=held)


SECRETARIAT = "the secretariat"
OPERATIONS = (
    Operation("session.convene", SECRETARIAT, EntryKind.SESSION, SessionIn, Convened, convene),
    Operation("agenda.add", SECRETARIAT, EntryKind.MOTION, DraftIn, Tabled, add_to_agenda,
              target="session"),
    Operation("position.record", "a person acting for the member, or the secretariat",
              EntryKind.POSITION, PositionIn, Recorded, record_position, target="draft"),
    Operation("consultation.notify", SECRETARIAT, EntryKind.CONSULTATION, ConsultationIn, Recorded,
              notify_consultation, target="draft"),
    Operation("decision.adopt", SECRETARIAT, EntryKind.DECISION, Nothing, Adopted, adopt,
              target="draft"),
    Operation("post.appoint", SECRETARIAT, EntryKind.APPOINTMENT, AppointmentIn, Appointed, appoint,
              target="post"),
    Operation("councils.import", SECRETARIAT, "the entries of the document", PopoloIn,
              Imported, import_councils),
)
