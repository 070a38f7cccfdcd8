"""The write side over HTTP: the same named operations as the CLI, with the same
permissions (checked by the workflow and the secretariat, not here), for a person signed in
(with the CSRF header) or holding an API token. Every refusal is a problem document that
names the rule; nothing is written."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Depends, Header, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from depositary.app.ledger import utc_today
from depositary.app.secretariat import Secretariat, position_payload
from depositary.app.workflow import OFFICER, Workflow, signed_payload
from depositary.formats.register_file import act_item, read_act_payload, signed_message
from depositary.register import RegisterError
from depositary.web import auth
from depositary.web.api import ledger

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
    model_config = ConfigDict(extra="forbid")

    # The act's fields, as in the register format (docs/data-format.md), with the id
    # POST /api/submissions/message gave it.
    act: dict[str, Any]
    # The delegate's Ed25519 signature (base64) of the act's canonical form, made where
    # the delegate's key is: in the browser, or with `depositary sign`.
    signature: str = Field(max_length=200)


class ActFieldsIn(BaseModel):
    act: dict[str, Any]  # the act's fields, as the delegate will submit them


class ReturnIn(BaseModel):
    reasons: str = Field(min_length=1)


class RegistrationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # The officer's Ed25519 signature (base64) of the act's canonical form (`message` in
    # GET /api/submissions/{act}): no private key is ever sent to the depositary.
    countersignature: str = Field(max_length=200)


class PositionDraftIn(BaseModel):
    participant: str
    position: str
    text: str = ""


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


@router.post("/drafts/{draft}/positions/message",
             summary="The text a person signs to give a member's position")
def position_message(request: Request, draft: str, given: PositionDraftIn,
                     who: Writer) -> dict[str, str]:
    """The canonical text of the position as `position.record` will write it for you:
    sign it where the procedure asks for a signed position. Nothing is written."""
    payload = position_payload(draft, given.participant.upper(), given.position, who,
                               given.text)
    return {"message": signed_message(payload)}


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


@router.post("/submissions/message", summary="The text a delegate signs to submit an act")
def submission_message(request: Request, given: ActFieldsIn, who: Writer) -> dict[str, Any]:
    """The act as the depositary will receive it today, with the id it gives it, and its
    canonical text: sign `message` with your key and POST /api/submissions with `act`
    and the signature. Nothing is written."""
    act = read_act_payload({k: v for k, v in given.act.items() if k != "id"},
                           "the act", received=utc_today())
    act = Workflow(ledger(request)).assign_id(act)
    return {"act": act_item(act)[2], "message": signed_payload(act)}


@router.post("/submissions", status_code=201, summary="act.submit (a participant's delegate)",
             responses={200: {"description": "Already submitted, as it is: nothing written"}})
def submit(request: Request, given: SubmissionIn, who: Writer,
           response: Response) -> dict[str, Any]:
    act = read_act_payload(given.act, "the submitted act", received=utc_today())
    if not Workflow(ledger(request)).submit(act, who, given.signature, utc_today()):
        response.status_code = 200
        return {"act": act.id, "already_submitted": True}
    return {"act": act.id}


@router.get("/submissions", summary="The submissions waiting for the depositary")
def pending(request: Request) -> list[dict[str, Any]]:
    who = auth.required(request)
    Workflow(ledger(request)).require_role(who, OFFICER, "act.examine")
    return Workflow(ledger(request)).pending()


@router.get("/submissions/{act:path}", summary="A pending submission, with the text to "
            "countersign (depositary officer)")
def submission(request: Request, act: str) -> dict[str, Any]:
    who = auth.required(request)
    workflow = Workflow(ledger(request))
    workflow.require_role(who, OFFICER, "act.examine")
    found = next((p for p in workflow.pending() if p["act"]["id"] == act), None)
    if found is None:
        raise RegisterError(f"no pending submission of an act {act!r}")
    return found | {"message": workflow.message(act)}


@router.post("/submissions/{act:path}/examination", summary="act.examine (depositary officer)")
def examine(request: Request, act: str, who: Writer) -> dict[str, Any]:
    found = Workflow(ledger(request)).examine(act, who)
    return {"act": act, "admissible": found.admissible, "rejections": list(found.rejections),
            "consequences": list(found.consequences)}


@router.post("/submissions/{act:path}/registration", status_code=201,
             summary="act.register (depositary officer), countersigned")
def register(request: Request, act: str, given: RegistrationIn, who: Writer) -> dict[str, Any]:
    entry = Workflow(ledger(request)).register(act, who, given.countersignature, utc_today())
    return {"act": act, "entry": entry.seq}


@router.post("/submissions/{act:path}/return", summary="act.return (depositary officer)")
def return_act(request: Request, act: str, given: Annotated[ReturnIn, Body()],
               who: Writer) -> dict[str, str]:
    Workflow(ledger(request)).return_act(act, who, given.reasons)
    return {"act": act, "returned": given.reasons}
