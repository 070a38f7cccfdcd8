"""The administrator's operations over HTTP, as API endpoints and as the desk's forms:
roles (`role.grant`, `role.revoke`), keys (`key.register`, `key.revoke`) and accounts
(`account.password`, `token.issue`, `token.revoke`), each run through the registry of
operations, which checks who may; and the accounts as the administrator reads them."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from depositary.app.operations.accounts import PasswordSet, TokenIssued
from depositary.app.stored import utc_today
from depositary.app.workflow import ADMINISTRATOR, Workflow
from depositary.shapes.accounts import accounts_public
from depositary.shapes.public_log import AccountsPublic
from depositary.web import auth
from depositary.web.deps import SignedIn, Stored
from depositary.web.forms import done
from depositary.web.operations import add_routes, run
from depositary.web.problems import WRITES, documented
from depositary.web.rendering import render

router = APIRouter(prefix="/api", tags=["administration"], responses=documented(WRITES))
forms = APIRouter(prefix="/desk", include_in_schema=False)


# -- the API ----------------------------------------------------------------------------

@router.get("/accounts", summary="Roles, keys, accounts and tokens (administrator)")
def accounts(stored: Stored, who: SignedIn) -> AccountsPublic:
    Workflow(stored).require_role(who, ADMINISTRATOR, "accounts.list")
    return accounts_public(stored)


add_routes(router, {"role.grant", "role.revoke", "key.register", "key.revoke",
                    "account.password", "token.issue", "token.revoke"})


# -- the desk's forms -------------------------------------------------------------------

@forms.post("/roles")
def grant_form(request: Request, csrf: Annotated[str, Form()], person: Annotated[str, Form()],
               role: Annotated[str, Form()]) -> Response:
    run(request, "role.grant", auth.signed_in(request, csrf), {"person": person, "role": role})
    return done(request, f"{person} is {role}")


@forms.post("/roles/revocation")
def revoke_role_form(request: Request, csrf: Annotated[str, Form()],
                     person: Annotated[str, Form()], role: Annotated[str, Form()]) -> Response:
    run(request, "role.revoke", auth.signed_in(request, csrf), {"person": person, "role": role})
    return done(request, f"{person} is no longer {role}")


@forms.post("/keys")
def register_key_form(request: Request, csrf: Annotated[str, Form()],
                      person: Annotated[str, Form()], public: Annotated[str, Form()],
                      valid_from: Annotated[date, Form()]) -> Response:
    run(request, "key.register", auth.signed_in(request, csrf),
        {"person": person, "public": public.strip(), "valid_from": valid_from})
    return done(request, f"key registered for {person}")


@forms.post("/keys/revocation")
def revoke_key_form(request: Request, csrf: Annotated[str, Form()],
                    person: Annotated[str, Form()], public: Annotated[str, Form()]) -> Response:
    run(request, "key.revoke", auth.signed_in(request, csrf),
        {"person": person, "public": public, "day": utc_today()})
    return done(request, f"key of {person} revoked")


@forms.post("/password")
def password_form(request: Request, csrf: Annotated[str, Form()],
                  person: Annotated[str, Form()], password: Annotated[str, Form()],
                  current: Annotated[str, Form()] = "") -> Response:
    answer = run(request, "account.password", auth.signed_in(request, csrf),
                 {"password": password, "current": current}, person)
    assert isinstance(answer, PasswordSet)
    return done(request, f"password set for {person}: {answer.sessions_ended} sessions "
                         f"ended, {answer.tokens_revoked} API tokens revoked")


@forms.post("/tokens", response_class=HTMLResponse)
def token_form(request: Request, csrf: Annotated[str, Form()], person: Annotated[str, Form()],
               password: Annotated[str, Form()], name: Annotated[str, Form()] = "api",
               ) -> Response:
    """The new token is shown once, on this page, and never again."""
    answer = run(request, "token.issue", auth.signed_in(request, csrf),
                 {"person": person, "password": password, "name": name.strip() or "api"})
    assert isinstance(answer, TokenIssued)
    response = render(request, "token.html", utc_today(), person=person, name=name,
                      token=answer.token)
    response.headers["Cache-Control"] = "no-store"
    return response


@forms.post("/tokens/revocation")
def revoke_token_form(request: Request, csrf: Annotated[str, Form()],
                      token: Annotated[str, Form()]) -> Response:
    run(request, "token.revoke", auth.signed_in(request, csrf), {}, token)
    return done(request, f"token {token} revoked")
