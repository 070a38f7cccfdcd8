"""Signing in and out, and the desk a signed-in person sees: who they are, their roles,
and (for a depositary officer) the submissions waiting. Forms carry the CSRF token."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from depositary.app.operations.acts import Submitted
from depositary.app.stored import utc_today
from depositary.app.workflow import ADMINISTRATOR, OFFICER, ROLES, SECRETARIAT, Workflow
from depositary.domain.acts import CONSENT_KINDS, ActKind
from depositary.domain.procedures import Position
from depositary.formats.register_file import signed_message
from depositary.register import Register
from depositary.shapes.accounts import accounts_public
from depositary.web import auth
from depositary.web.deps import Stored
from depositary.web.forms import done
from depositary.web.operations import run
from depositary.web.rendering import render

router = APIRouter(include_in_schema=False)


@router.get("/signin", response_class=HTMLResponse)
def signin_form(request: Request) -> HTMLResponse:
    return render(request, "signin.html", utc_today(), csrf=auth.csrf_token(request), error="")


@router.post("/signin")
def signin(
    request: Request, person: Annotated[str, Form()], password: Annotated[str, Form()],
    csrf: Annotated[str, Form()],
) -> Response:
    auth.check_csrf(request, csrf)
    try:
        right = auth.check_password(request, person, password)
    except auth.TooMany as error:
        response = _signin_again(request, 429, f"Too many attempts: {error}.")
        response.headers["Retry-After"] = "300"
        return response
    if not right:
        return _signin_again(request, 401, "The person or the password is wrong.")
    auth.open_session(request, person)
    return RedirectResponse("/desk", status_code=303)


def _signin_again(request: Request, status: int, error: str) -> Response:
    response = render(request, "signin.html", utc_today(), csrf=auth.csrf_token(request),
                      error=error)
    response.status_code = status
    return response


@router.post("/signout")
def signout(request: Request, csrf: Annotated[str, Form()]) -> Response:
    auth.check_csrf(request, csrf)
    auth.close_session(request)
    return RedirectResponse("/", status_code=303)


@router.get("/desk", response_class=HTMLResponse)
def desk(request: Request, stored: Stored) -> Response:
    who = auth.person(request)
    if who is None:
        return RedirectResponse("/signin", status_code=303)
    workflow = Workflow(stored)
    held = workflow.roles(who)
    queue = workflow.pending() if OFFICER in held else []
    for waiting in queue:  # the text the officer countersigns, shown and signed in place
        waiting["message"] = signed_message(dict(waiting["act"]))
    register = stored.register()
    person = register.persons.get(who)
    today = utc_today()
    # The participants this person can act for today: a delegate's own, nobody else's.
    speaks_for = sorted(
        c.participant for c in (person.capacities if person else ())
        if c.period.contains(today)
    )
    instruments = sorted(register.instruments.values(), key=lambda i: i.alias)
    kinds = sorted(k.value for k in (*CONSENT_KINDS, ActKind.SIGNATURE, ActKind.DECLARATION,
                                     ActKind.RESERVATION, ActKind.WITHDRAWAL))
    councils = register.councils
    secretariat = bool({SECRETARIAT, ADMINISTRATOR} & held)
    return render(
        request, "desk.html", today, person=who, roles=sorted(held), queue=queue,
        csrf=auth.csrf_token(request), speaks_for=speaks_for, instruments=instruments,
        kinds=kinds, message=request.session.pop("done", None), secretariat=secretariat,
        # The secretariat's forms choose among the councils' bodies, sessions, drafts, posts.
        bodies=sorted(councils.bodies) if secretariat else [],
        sessions=sorted(councils.sessions) if secretariat else [],
        drafts=open_drafts(register) if secretariat or speaks_for else [],
        posts=sorted(councils.posts) if secretariat else [],
        positions=[p.value for p in Position],
        persons=sorted(register.persons),
        administration=accounts_public(stored).model_dump(mode="json")
        if ADMINISTRATOR in held else None,
        all_roles=sorted(ROLES),
    )


def open_drafts(register: Register) -> list[dict[str, str]]:
    """The drafts not yet decided, with their session: what positions are recorded on."""
    councils = register.councils
    return [
        {"id": m.id, "title": m.title, "session": m.session}
        for m in councils.motions.values() if m.id not in councils.decisions
    ]


@router.post("/desk/submit")
def submit(
    request: Request, csrf: Annotated[str, Form()], instrument: Annotated[str, Form()],
    participant: Annotated[str, Form()], kind: Annotated[str, Form()],
    signature: Annotated[str, Form(max_length=200)] = "", text: Annotated[str, Form()] = "",
    id: Annotated[str, Form()] = "", dated: Annotated[str, Form()] = "",
) -> Response:
    """`act.submit` from the form: the act was signed in the browser (signing.js) or with
    `depositary sign`, with the id and the text POST /api/submissions/message gave; only
    the signature comes here, never the key."""
    who = auth.signed_in(request, csrf)
    today = utc_today()
    fields = {"id": id.strip(), "instrument": instrument, "participant": participant,
              "kind": kind, "dated": dated.strip() or today.isoformat(), "text": text.strip()}
    answer = run(request, "act.submit", who, {
        "act": {k: v for k, v in fields.items() if v}, "signature": signature.strip()})
    assert isinstance(answer, Submitted)
    return done(request, f"{answer.act} was already submitted" if answer.wrote_nothing()
                else f"submitted {answer.act}")


@router.post("/desk/examine", response_class=HTMLResponse)
def examine(request: Request, csrf: Annotated[str, Form()],
            act: Annotated[str, Form()]) -> Response:
    """`act.examine` from the queue: the engine's checks and the consequences the act
    would have, recorded in the log and shown before the officer registers."""
    found = run(request, "act.examine", auth.signed_in(request, csrf), {}, act)
    return render(request, "examination.html", utc_today(), examination=found,
                  csrf=auth.csrf_token(request))


@router.post("/desk/register")
def register_act(
    request: Request, csrf: Annotated[str, Form()], act: Annotated[str, Form()],
    countersignature: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """`act.register` from the queue, with the officer's countersignature made in the
    browser (or with `depositary sign`) over the text the queue shows."""
    run(request, "act.register", auth.signed_in(request, csrf),
        {"countersignature": countersignature.strip()}, act)
    return done(request, f"registered {act}")


@router.post("/desk/return")
def return_act(
    request: Request, csrf: Annotated[str, Form()], act: Annotated[str, Form()],
    reasons: Annotated[str, Form()],
) -> Response:
    """`act.return` from the queue, with the reasons."""
    run(request, "act.return", auth.signed_in(request, csrf), {"reasons": reasons}, act)
    return done(request, f"returned {act}")
