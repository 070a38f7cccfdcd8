"""The secretariat's forms on the desk: convene a session with its attendance, put a draft
on its agenda, record positions, notify a consulted state, adopt the decision, appoint to a
post. The same named operations as the CLI and the API, with the same permissions (the
secretariat's, checked by `Secretariat`); a delegate records its own state's position here
too, signed with its key when the procedure asks for signatures."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from depositary.app.operations.councils import Adopted
from depositary.formats.errors import FormatError
from depositary.web import auth
from depositary.web.forms import done, optional_day
from depositary.web.operations import run

router = APIRouter(prefix="/desk", include_in_schema=False)


def attendance(lines: str) -> list[dict[str, Any]]:
    """Attendance as the form gives it, one member a line: `CODE person [acting]` (the
    person who represented the member, and whether as acting holder of the office)."""
    found = []
    for number, line in enumerate(lines.splitlines(), start=1):
        words = line.split()
        if not words:
            continue
        if len(words) not in (2, 3) or (len(words) == 3 and words[2] != "acting"):
            raise FormatError("the form", [
                f"attendance line {number}: {line.strip()!r} is not `CODE person [acting]`"
            ])
        entry: dict[str, Any] = {"participant": words[0].upper(), "person": words[1]}
        if len(words) == 3:
            entry["acting"] = True
        found.append(entry)
    return found


@router.post("/sessions")
def convene(
    request: Request, csrf: Annotated[str, Form()], id: Annotated[str, Form()],
    body: Annotated[str, Form()], on: Annotated[date, Form()],
    place: Annotated[str, Form()] = "", chair: Annotated[str, Form()] = "",
    minutes: Annotated[str, Form()] = "", present: Annotated[str, Form()] = "",
) -> Response:
    """`session.convene`; the chair is the rotation's unless one is named."""
    run(request, "session.convene", auth.signed_in(request, csrf), {
        "id": id.strip(), "body": body, "date": on, "place": place.strip(),
        "minutes": minutes.strip(), "chair": chair.strip() or None,
        "attendance": attendance(present)})
    return done(request, f"session {id} convened")


@router.post("/drafts")
def table(request: Request, csrf: Annotated[str, Form()], session: Annotated[str, Form()],
          id: Annotated[str, Form()], title: Annotated[str, Form()],
          text: Annotated[str, Form()] = "", question: Annotated[str, Form()] = "default",
          ) -> Response:
    """`agenda.add`: a draft decision on the session's agenda."""
    run(request, "agenda.add", auth.signed_in(request, csrf),
        {"id": id.strip(), "title": title.strip(), "text": text.strip(),
         "question": question.strip() or "default"}, session)
    return done(request, f"draft {id} on the agenda of {session}")


@router.post("/positions")
def record(
    request: Request, csrf: Annotated[str, Form()], draft: Annotated[str, Form()],
    participant: Annotated[str, Form()], position: Annotated[str, Form()],
    text: Annotated[str, Form()] = "", signature: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """`position.record`: by a person who can act for the member, or the secretariat from
    the minutes; with the person's signature where the procedure asks for one (a joint
    decision), made in the browser (signing.js) or with `depositary sign`."""
    run(request, "position.record", auth.signed_in(request, csrf), {
        "participant": participant.strip(), "position": position, "text": text.strip(),
        "signature": signature.strip() or None}, draft)
    return done(request, f"{participant.strip().upper()}: {position} on {draft}")


@router.post("/consultations")
def consult(request: Request, csrf: Annotated[str, Form()], draft: Annotated[str, Form()],
            participant: Annotated[str, Form()], on: Annotated[date, Form()]) -> Response:
    """`consultation.notify`: a state to be consulted on a joint decision is notified."""
    run(request, "consultation.notify", auth.signed_in(request, csrf),
        {"participant": participant.strip(), "date": on}, draft)
    return done(request, f"{participant.upper()} notified of {draft}")


@router.post("/decisions")
def decide(request: Request, csrf: Annotated[str, Form()],
           draft: Annotated[str, Form()]) -> Response:
    """`decision.adopt`: the outcome by the body's procedure; the session page shows it
    with its reasons."""
    decided = run(request, "decision.adopt", auth.signed_in(request, csrf), {}, draft)
    assert isinstance(decided, Adopted)
    outcome = "adopted" if decided.adopted else "not adopted"
    return done(request, f"{draft}: {outcome} ({'; '.join(decided.reasons)})")


@router.post("/appointments")
def appoint(
    request: Request, csrf: Annotated[str, Form()], post: Annotated[str, Form()],
    start: Annotated[date, Form()], person: Annotated[str, Form()] = "",
    end: Annotated[str, Form()] = "", acting: Annotated[bool, Form()] = False,
    decision: Annotated[str, Form()] = "", on_behalf_of: Annotated[str, Form()] = "",
    co_chairs: Annotated[str, Form()] = "", source: Annotated[str, Form()] = "",
    confidence: Annotated[str, Form()] = "",
) -> Response:
    """`post.appoint`: a person to a post from a date, acting or appointed; or a state to a
    council's chair (no person), with its co-chairs and source."""
    holder = on_behalf_of.strip().upper()
    run(request, "post.appoint", auth.signed_in(request, csrf), {
        "person": person.strip() or None, "start": start, "end": optional_day(end, "end"),
        "acting": acting, "decision": decision.strip(), "on_behalf_of": holder or None,
        "co_chairs": co_chairs.replace(",", " ").split(), "source": source.strip(),
        "confidence": confidence.strip().upper()}, post)
    return done(request, f"{person.strip() or holder} appointed to {post}")

