"""The write side over HTTP: the same named operations as the CLI, with the same
permissions (checked by the workflow and the secretariat, not here), for a person signed in
(with the CSRF header) or holding an API token. Every refusal is a problem document that
names the rule; nothing is written."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Depends, Header, Request
from pydantic import BaseModel, Field

from depositary.formats.register_file import read_act_payload
from depositary.ledger import utc_today
from depositary.secretariat import Secretariat
from depositary.web import auth
from depositary.web.api import ledger
from depositary.workflow import Workflow

router = APIRouter(prefix="/api", tags=["desks"])
Csrf = Annotated[str | None, Header(alias=auth.CSRF_HEADER, include_in_schema=False)]


def writer(request: Request, csrf: Csrf = None) -> str:
    """The person making a write: signed in with the CSRF header, or by token. A
    dependency, so that an anonymous write is refused before its body is read."""
    return auth.signed_in(request, csrf)


Writer = Annotated[str, Depends(writer)]


class SessionIn(BaseModel):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    body: str
    date: date
    place: str = ""
    minutes: str = ""
    chair: str | None = None
    attendance: list[dict[str, Any]] = []


class DraftIn(BaseModel):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str
    question: str = "default"


class PositionIn(BaseModel):
    participant: str
    position: str
    text: str = ""
    # The person's Ed25519 signature of the position's canonical form, where the
    # procedure asks for one (a joint decision's consent).
    signature: str | None = None


class AppointmentIn(BaseModel):
    person: str | None = None  # none where a state holds the post: give on_behalf_of
    start: date
    end: date | None = None
    acting: bool = False
    decision: str = ""
    on_behalf_of: str | None = None
    co_chairs: list[str] = []
    source: str = ""
    confidence: Literal["V", "S", "U", ""] = ""


class SubmissionIn(BaseModel):
    act: dict[str, Any]  # the act's fields, as in the register format (docs/data-format.md)
    signature: str  # the delegate's Ed25519 signature of the act's canonical form


class ReturnIn(BaseModel):
    reasons: str = Field(min_length=1)


class RegistrationIn(BaseModel):
    key_pem: str  # the officer's private key, used for this countersignature and dropped


@router.post("/sessions", status_code=201, summary="session.convene (secretariat)")
def convene(request: Request, session: SessionIn, who: Writer) -> dict[str, str]:
    Secretariat(ledger(request)).convene(
        session.id, session.body, session.date, who, place=session.place,
        minutes=session.minutes, chair=session.chair, attendance=session.attendance,
    )
    return {"session": session.id}


@router.post("/sessions/{session}/drafts", status_code=201, summary="agenda.add (secretariat)")
def table(request: Request, session: str, draft: DraftIn, who: Writer) -> dict[str, str]:
    Secretariat(ledger(request)).table(draft.id, session, draft.title, who,
                                       question=draft.question)
    return {"draft": draft.id}


@router.post("/drafts/{draft}/positions", status_code=201, summary="position.record")
def position(request: Request, draft: str, given: PositionIn, who: Writer) -> dict[str, str]:
    Secretariat(ledger(request)).record(draft, given.participant.upper(), given.position, who,
                                        given.text, signature=given.signature)
    return {"draft": draft, "participant": given.participant.upper()}


class ConsultationIn(BaseModel):
    participant: str
    date: date


@router.post("/drafts/{draft}/consultations", status_code=201,
             summary="consultation.notify (secretariat)")
def consult(request: Request, draft: str, given: ConsultationIn,
            who: Writer) -> dict[str, str]:
    """A state to be consulted on a joint decision is notified; its window runs from
    `date`."""
    Secretariat(ledger(request)).consult(draft, given.participant.upper(), given.date, who)
    return {"draft": draft, "participant": given.participant.upper()}


@router.post("/drafts/{draft}/decision", status_code=201, summary="decision.adopt (secretariat)")
def decide(request: Request, draft: str, who: Writer) -> dict[str, Any]:
    decided = Secretariat(ledger(request)).decide(draft, who)
    return {"draft": draft, "adopted": decided.outcome.adopted,
            "bound": list(decided.outcome.bound), "reasons": list(decided.outcome.reasons),
            "instrument": decided.instrument}


@router.post("/posts/{post}/appointments", status_code=201, summary="post.appoint (secretariat)")
def appoint(request: Request, post: str, given: AppointmentIn, who: Writer) -> dict[str, str]:
    Secretariat(ledger(request)).appoint(
        post, given.person, who, start=given.start, end=given.end, acting=given.acting,
        decision=given.decision, on_behalf_of=given.on_behalf_of, co_chairs=given.co_chairs,
        source=given.source, confidence=given.confidence,
    )
    return {"post": post, "person": given.person or "", "on_behalf_of":
            given.on_behalf_of or ""}


@router.post("/submissions", status_code=201, summary="act.submit (a participant's delegate)")
def submit(request: Request, given: SubmissionIn, who: Writer) -> dict[str, str]:
    act = read_act_payload(given.act, "the submitted act", received=utc_today())
    Workflow(ledger(request)).submit(act, who, given.signature, utc_today())
    return {"act": act.id}


@router.get("/submissions", summary="The submissions waiting for the depositary")
def pending(request: Request) -> list[dict[str, Any]]:
    who = auth.required(request)
    Workflow(ledger(request)).require_role(who, "depositary-officer", "act.examine")
    return Workflow(ledger(request)).pending()


@router.post("/submissions/{act:path}/examination", summary="act.examine (depositary officer)")
def examine(request: Request, act: str, who: Writer) -> dict[str, Any]:
    found = Workflow(ledger(request)).examine(act, who)
    return {"act": act, "admissible": found.admissible, "rejections": list(found.rejections),
            "consequences": list(found.consequences)}


@router.post("/submissions/{act:path}/registration", status_code=201,
             summary="act.register (depositary officer), countersigned")
def register(request: Request, act: str, given: RegistrationIn, who: Writer) -> dict[str, Any]:
    entry = Workflow(ledger(request)).register(act, who, given.key_pem.encode(), utc_today())
    return {"act": act, "entry": entry.seq}


@router.post("/submissions/{act:path}/return", summary="act.return (depositary officer)")
def return_act(request: Request, act: str, given: Annotated[ReturnIn, Body()],
               who: Writer) -> dict[str, str]:
    Workflow(ledger(request)).return_act(act, who, given.reasons)
    return {"act": act, "returned": given.reasons}
