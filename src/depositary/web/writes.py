"""The write side over HTTP: the registry's operations (`web/operations.py` makes their
routes), with the same permissions as the CLI (checked by the operations, not here), for a
person signed in (with the CSRF header) or holding an API token, and the reads the desks
need around them: the texts to sign, the submissions waiting. Every refusal is a problem
document that names the rule; nothing is written."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel

from depositary.app.secretariat import position_payload
from depositary.app.stored import utc_today
from depositary.app.workflow import OFFICER, Workflow, signed_payload
from depositary.formats.register_file import act_item, read_act_payload, signed_message
from depositary.register import RegisterError
from depositary.shapes.public_log import (
    ActToSign,
    SubmissionPublic,
    SubmissionToCountersign,
    ToSign,
)
from depositary.web.deps import SignedIn, Stored, Writer
from depositary.web.operations import add_routes
from depositary.web.problems import WRITES, documented

router = APIRouter(prefix="/api", tags=["desks"], responses=documented(WRITES))


class ActFieldsIn(BaseModel):
    act: dict[str, Any]  # the act's fields, as the delegate will submit them


class PositionDraftIn(BaseModel):
    participant: str
    position: str
    text: str = ""


@router.post("/drafts/{draft}/positions/message",
             summary="The text a person signs to give a member's position")
def position_message(draft: str, given: PositionDraftIn,
                     who: Writer) -> ToSign:
    """The canonical text of the position as `position.record` will write it for you:
    sign it where the procedure asks for a signed position. Nothing is written."""
    payload = position_payload(draft, given.participant.upper(), given.position, who,
                               given.text)
    return ToSign(message=signed_message(payload))


@router.post("/submissions/message", summary="The text a delegate signs to submit an act")
def submission_message(stored: Stored, given: ActFieldsIn, who: Writer) -> ActToSign:
    """The act as the depositary will receive it today, with the id it gives it, and its
    canonical text: sign `message` with your key and POST /api/submissions with `act`
    and the signature. Nothing is written."""
    act = read_act_payload({k: v for k, v in given.act.items() if k != "id"},
                           "the act", received=utc_today())
    act = Workflow(stored).assign_id(act)
    return ActToSign(act=act_item(act)[2], message=signed_payload(act))


@router.get("/submissions", summary="The submissions waiting for the depositary")
def pending(stored: Stored, who: SignedIn) -> list[SubmissionPublic]:
    workflow = Workflow(stored)
    workflow.require_role(who, OFFICER, "act.examine")
    return [SubmissionPublic.model_validate(p) for p in workflow.pending()]


@router.get("/submissions/{act:path}", summary="A pending submission, with the text to "
            "countersign (depositary officer)")
def submission(stored: Stored, act: str, who: SignedIn) -> SubmissionToCountersign:
    workflow = Workflow(stored)
    workflow.require_role(who, OFFICER, "act.examine")
    found = next((p for p in workflow.pending() if p["act"]["id"] == act), None)
    if found is None:
        raise RegisterError(f"no pending submission of an act {act!r}")
    return SubmissionToCountersign.model_validate(found | {"message": workflow.message(act)})


add_routes(router, {
    "session.convene", "agenda.add", "position.record", "consultation.notify",
    "decision.adopt", "post.appoint", "act.submit", "act.examine", "act.register",
    "act.return", "councils.import",
})
