"""Who is asking: a signed-in person (a session cookie, signed) or an API token (a bearer
header). Forms and session-authenticated writes carry a CSRF token; a token-authenticated
request needs none (no browser sends it on its own). Sign-in is throttled per client."""

from __future__ import annotations

import secrets
import time
from collections import defaultdict, deque

from fastapi import Request

from depositary.accounts import Accounts
from depositary.workflow import Workflow

CSRF_HEADER = "X-CSRF-Token"


class Unauthenticated(Exception):
    """No one is signed in, or the token is not valid."""


class Forbidden(Exception):
    """Signed in, but without the role, or the CSRF token is wrong."""


def person(request: Request) -> str | None:
    """The person asking, from a bearer token or the session; None if anonymous."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        found = Accounts(request.app.state.ledger).person_for_token(header[7:].strip())
        if found is None:
            raise Unauthenticated("the API token is not valid (revoked, or never issued)")
        return found
    signed_in = request.session.get("person")
    if not signed_in:
        return None
    # A session opened before the password was last set (changed, or reset by the
    # administrator) is void: whoever held the old one is signed out.
    if Accounts(request.app.state.ledger).password_set_at(signed_in) != request.session.get(
            "since"):
        request.session.clear()
        return None
    return str(signed_in)


def open_session(request: Request, who: str) -> None:
    """A new session for a person who proved their password: no fixation."""
    request.session.clear()
    request.session["person"] = who
    request.session["since"] = Accounts(request.app.state.ledger).password_set_at(who)
    csrf_token(request)


def by_token(request: Request) -> bool:
    return request.headers.get("authorization", "").lower().startswith("bearer ")


def required(request: Request) -> str:
    found = person(request)
    if found is None:
        raise Unauthenticated("sign in (/signin) or give an API token (Authorization: Bearer)")
    return found


def signed_in(request: Request, csrf: str | None) -> str:
    """The person making a write, with the CSRF token checked (a form's field or the
    header; none needed with an API token)."""
    who = required(request)
    check_csrf(request, csrf)
    return who


def roles(request: Request, who: str) -> set[str]:
    return Workflow(request.app.state.ledger).roles(who)


def csrf_token(request: Request) -> str:
    """The session's CSRF token, made on first use."""
    token = request.session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return str(token)


def check_csrf(request: Request, given: str | None) -> None:
    """A write in a browser session must carry the session's token (form field or
    header): another site's page cannot read it, so it cannot forge the request."""
    if by_token(request):
        return
    expected = request.session.get("csrf")
    if not expected or not given or not secrets.compare_digest(str(expected), given):
        raise Forbidden("the request's CSRF token is missing or wrong: reload the form")


class Throttle:
    """At most `limit` failed sign-ins per client within `window` seconds."""

    def __init__(self, limit: int = 5, window: float = 300.0) -> None:
        self.limit, self.window = limit, window
        self.failures: dict[str, deque[float]] = defaultdict(deque)

    def blocked(self, client: str) -> bool:
        recent = self.failures[client]
        while recent and recent[0] < time.monotonic() - self.window:
            recent.popleft()
        return len(recent) >= self.limit

    def failed(self, client: str) -> None:
        self.failures[client].append(time.monotonic())

    def succeeded(self, client: str) -> None:
        self.failures.pop(client, None)
