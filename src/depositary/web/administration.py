"""The administrator's operations over HTTP, as API endpoints and as the desk's forms:
roles (`role.grant`, `role.revoke`), keys (`key.register`, `key.revoke`), and accounts
(`account.password`, `token.issue`, `token.revoke`). Roles and keys are entries of the log,
checked by the workflow; passwords and tokens are secrets kept out of the log, so their
permission is checked here: the administrator, or the person for their own account."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, Field

from depositary.app.accounts import MIN_PASSWORD, Accounts
from depositary.app.stored import utc_today
from depositary.app.workflow import ADMINISTRATOR, Workflow
from depositary.shapes.public_log import (
    AccountsPublic,
    KeyPublic,
    PasswordSet,
    PasswordSetAt,
    RoleHeld,
    TokenIssued,
    TokenPublic,
    TokenRevoked,
)
from depositary.web import auth
from depositary.web.api import day, ledger
from depositary.web.auth import Writer
from depositary.web.forms import done
from depositary.web.operations import add_routes, run
from depositary.web.pages import render

router = APIRouter(prefix="/api", tags=["administration"])
forms = APIRouter(prefix="/desk", include_in_schema=False)


class PasswordIn(BaseModel):
    password: str = Field(min_length=MIN_PASSWORD)
    current: str = ""  # a person changing their own password gives the one it replaces


class TokenIn(BaseModel):
    person: str
    name: str = Field(default="api", min_length=1, max_length=80)
    # The password of whoever asks, again: a session or a token taken by someone else
    # cannot mint a token of its own, which would outlive the session.
    password: str = Field(max_length=1024)


def own_or_administrator(request: Request, who: str, person: str, operation: str) -> None:
    """A person manages their own password and tokens; anyone else's needs the role."""
    if who != person:
        Workflow(ledger(request)).require_role(who, ADMINISTRATOR, operation)


def change_password(request: Request, who: str, person: str, password: str,
                    current: str) -> tuple[int, int]:
    """`account.password`. A person changing their own gives the current one (a stolen
    session alone cannot lock its owner out); the administrator resets anyone's. Either
    way every session and every API token of the person ends; a person changing their own
    in the browser gets a new session. Returns (sessions ended, tokens revoked)."""
    own_or_administrator(request, who, person, "account.password")
    if who == person:
        require_password(request, who, current, "account.password")
    ended = Accounts(ledger(request)).set_password(person, password)
    if who == person and not auth.by_token(request):
        auth.open_session(request, person)
    return ended


def require_password(request: Request, who: str, password: str, operation: str) -> None:
    """Refuse unless `password` is `who`'s (throttled as signing in is)."""
    try:
        right = auth.check_password(request, who, password)
    except auth.TooMany as error:
        raise auth.Forbidden(f"{operation}: {error}") from None
    if not right:
        raise auth.Forbidden(f"{operation}: the current password is wrong")


def _may_revoke(request: Request, who: str, token_id: str) -> None:
    found = [t for t in Accounts(ledger(request)).tokens() if t["id"] == token_id]
    own_or_administrator(request, who, str(found[0]["person"]) if found else "",
                         "token.revoke")


def accounts_json(request: Request) -> dict[str, Any]:
    """accounts_public as plain JSON types, for the desk's page."""
    return accounts_public(request).model_dump(mode="json")


def accounts_public(request: Request) -> AccountsPublic:
    """What the administrator sees: roles held, keys, who can sign in, tokens (no secret:
    a token is named by the start of its hash)."""
    workflow, found = Workflow(ledger(request)), Accounts(ledger(request))
    return AccountsPublic(
        roles=[RoleHeld(person=p, role=r) for p, r in workflow.grants()],
        keys=[
            KeyPublic(person=k.person, public=k.public, valid_from=k.valid_from,
                      revoked_on=k.revoked_on)
            for k in workflow.keys(person=None)
        ],
        passwords=[PasswordSetAt(person=p, updated_at=at)
                   for p, at in found.with_passwords().items()],
        tokens=[TokenPublic.model_validate(t) for t in found.tokens()],
    )


# -- the API ----------------------------------------------------------------------------

@router.get("/accounts", summary="Roles, keys, accounts and tokens (administrator)")
def accounts(request: Request) -> AccountsPublic:
    who = auth.required(request)
    Workflow(ledger(request)).require_role(who, ADMINISTRATOR, "accounts.list")
    return accounts_public(request)


@router.post("/accounts/{person}/password",
             summary="account.password (the administrator, or the person)")
def set_password(request: Request, person: str, given: PasswordIn,
                 who: Writer) -> PasswordSet:
    """Every session and API token of the person ends (a token used for this request
    too)."""
    ended, revoked = change_password(request, who, person, given.password, given.current)
    return PasswordSet(person=person, sessions_ended=ended, tokens_revoked=revoked)


@router.post("/tokens", status_code=201, summary="token.issue (the administrator, or the person)")
def issue_token(request: Request, given: TokenIn, who: Writer) -> TokenIssued:
    """The token is in this answer only: it is kept as its hash. Whoever asks gives their
    password again."""
    own_or_administrator(request, who, given.person, "token.issue")
    require_password(request, who, given.password, "token.issue")
    return TokenIssued(person=given.person, name=given.name,
                       token=Accounts(ledger(request)).create_token(given.person, given.name))


@router.post("/tokens/{token_id}/revocation",
             summary="token.revoke (the administrator, or the token's person)")
def revoke_token(request: Request, token_id: str, who: Writer) -> TokenRevoked:
    _may_revoke(request, who, token_id)
    return TokenRevoked(token=token_id,
                        person=Accounts(ledger(request)).revoke_token_id(token_id))


add_routes(router, {"role.grant", "role.revoke", "key.register", "key.revoke"})


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
    ended, revoked = change_password(request, auth.signed_in(request, csrf), person,
                                     password, current)
    return done(request, f"password set for {person}: {ended} sessions ended, {revoked} "
                         "API tokens revoked")


@forms.post("/tokens", response_class=HTMLResponse)
def token_form(request: Request, csrf: Annotated[str, Form()], person: Annotated[str, Form()],
               password: Annotated[str, Form()], name: Annotated[str, Form()] = "api",
               ) -> Response:
    """The new token is shown once, on this page, and never again."""
    who = auth.signed_in(request, csrf)
    own_or_administrator(request, who, person, "token.issue")
    require_password(request, who, password, "token.issue")
    token = Accounts(ledger(request)).create_token(person, name.strip() or "api")
    response = render(request, "token.html", day(None), person=person, name=name, token=token)
    response.headers["Cache-Control"] = "no-store"
    return response


@forms.post("/tokens/revocation")
def revoke_token_form(request: Request, csrf: Annotated[str, Form()],
                      token: Annotated[str, Form()]) -> Response:
    _may_revoke(request, auth.signed_in(request, csrf), token)
    Accounts(ledger(request)).revoke_token_id(token)
    return done(request, f"token {token} revoked")
