"""Signing in and out, and the desk a signed-in person sees: who they are, their roles,
and (for a depositary officer) the submissions waiting. Forms carry the CSRF token."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from depositary.accounts import Accounts
from depositary.web import auth
from depositary.web.api import day, ledger
from depositary.web.pages import render
from depositary.workflow import OFFICER, Workflow

router = APIRouter(include_in_schema=False)


@router.get("/signin", response_class=HTMLResponse)
def signin_form(request: Request) -> HTMLResponse:
    return render(request, "signin.html", day(None), csrf=auth.csrf_token(request), error="")


@router.post("/signin")
def signin(
    request: Request, person: Annotated[str, Form()], password: Annotated[str, Form()],
    csrf: Annotated[str, Form()],
) -> Response:
    auth.check_csrf(request, csrf)
    client = request.client.host if request.client else "unknown"
    throttle: auth.Throttle = request.app.state.throttle
    if throttle.blocked(client):
        response = render(request, "signin.html", day(None), csrf=auth.csrf_token(request),
                          error="Too many failed attempts: wait a few minutes.")
        response.status_code = 429
        return response
    if not Accounts(ledger(request)).check_password(person, password):
        throttle.failed(client)
        response = render(request, "signin.html", day(None), csrf=auth.csrf_token(request),
                          error="The person or the password is wrong.")
        response.status_code = 401
        return response
    throttle.succeeded(client)
    request.session.clear()  # a new session for the signed-in person: no fixation
    request.session["person"] = person
    auth.csrf_token(request)
    return RedirectResponse("/desk", status_code=303)


@router.post("/signout")
def signout(request: Request, csrf: Annotated[str, Form()]) -> Response:
    auth.check_csrf(request, csrf)
    request.session.clear()
    return RedirectResponse("/", status_code=303)


@router.get("/desk", response_class=HTMLResponse)
def desk(request: Request) -> Response:
    who = auth.person(request)
    if who is None:
        return RedirectResponse("/signin", status_code=303)
    workflow = Workflow(ledger(request))
    held = workflow.roles(who)
    queue = workflow.pending() if OFFICER in held else []
    return render(request, "desk.html", day(None), person=who, roles=sorted(held),
                  queue=queue, csrf=auth.csrf_token(request))
