"""Who is asking: a signed-in person (a session, kept on the server and named by a signed
cookie) or an API token (a bearer header). Forms and session-authenticated writes carry a
CSRF token; a token-authenticated request needs none (no browser sends it on its own).
Every check of a password (signing in, changing it, issuing a token) is throttled per
client and per person, counted before the check is made."""

from __future__ import annotations

import logging
import secrets
import threading
import time
from collections import OrderedDict, deque
from typing import Annotated

from fastapi import Header, Request

from depositary.app.accounts import Accounts
from depositary.app.workflow import NotPermitted, Workflow

LOG = logging.getLogger("depositary.accounts")

CSRF_HEADER = "X-CSRF-Token"


class Unauthenticated(Exception):
    """No one is signed in, or the token is not valid."""


class Forbidden(Exception):
    """Signed in, but without the role, or the CSRF token is wrong."""


def person(request: Request) -> str | None:
    """The person asking, from a bearer token or the session; None if anonymous."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        found = Accounts(request.app.state.stored).person_for_token(header[7:].strip())
        if found is None:
            raise Unauthenticated("the API token is not valid (revoked, or never issued)")
        return found
    session = request.session.get("sid")
    if not session:
        return None
    # The server's record decides: a session signed out, ended by a new password, idle or
    # too old is over, whatever the cookie says.
    signed_in = Accounts(request.app.state.stored).session_person(str(session))
    if signed_in is None:
        request.session.clear()
    return signed_in


def open_session(request: Request, who: str) -> None:
    """A new session for a person who proved their password: no fixation."""
    request.session.clear()
    request.session["sid"] = Accounts(request.app.state.stored).open_session(who)
    csrf_token(request)


def close_session(request: Request) -> None:
    """Sign out: the session ends on the server, so a copy of the cookie is worth nothing."""
    session = request.session.get("sid")
    if session:
        Accounts(request.app.state.stored).end_session(str(session))
    request.session.clear()


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
    return Workflow(request.app.state.stored).roles(who)


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


class TooMany(NotPermitted):
    """Too many password checks for this client or this person: wait."""


class Allowance:
    """Attempts allowed per key (a client, a person) within a sliding window, counted when
    an attempt is made, all its keys at once; memory bounded by forgetting the oldest
    counts past `keys` keys."""

    def __init__(self, limits: dict[str, int], window: float, keys: int = 100_000) -> None:
        self.limits, self.window, self.keys = limits, window, keys
        self.attempts: OrderedDict[tuple[str, str], deque[float]] = OrderedDict()
        self.lock = threading.Lock()

    def take(self, **keys: str) -> bool:
        """Count an attempt under each key; False (and nothing counted) if one of them has
        used up its attempts in the window."""
        now = time.monotonic()
        places = [(kind, key[:200].lower()) for kind, key in keys.items()]
        with self.lock:
            for place in places:
                recent = self.attempts.get(place)
                while recent and recent[0] < now - self.window:
                    recent.popleft()
                if recent and len(recent) >= self.limits[place[0]]:
                    return False
            for place in places:
                self.attempts.setdefault(place, deque()).append(now)
                self.attempts.move_to_end(place)
            while len(self.attempts) > self.keys:
                self.attempts.popitem(last=False)
        return True

    def clear(self, **keys: str) -> None:
        with self.lock:
            for kind, key in keys.items():
                self.attempts.pop((kind, key[:200].lower()), None)


class Throttle(Allowance):
    """Password checks allowed per client and per person within a window, counted before
    the hash is computed, so that parallel guesses are counted too; a success clears both
    counts. At most `checks` hashes are computed at once (each argon2id check holds
    64 MiB)."""

    def __init__(self, per_client: int = 5, per_person: int = 20, window: float = 300.0,
                 keys: int = 100_000, checks: int = 2) -> None:
        super().__init__({"client": per_client, "person": per_person}, window, keys)
        self.checks = threading.BoundedSemaphore(checks)

    def attempt(self, client: str, person: str) -> bool:
        return self.take(client=client, person=person)

    def succeeded(self, client: str, person: str) -> None:
        self.clear(client=client, person=person)


def client_of(request: Request) -> str:
    """The client's address: the connection's, or the one a configured proxy forwarded
    (DEPOSITARY_FORWARDED_ALLOW_IPS; uvicorn believes no header otherwise)."""
    return request.client.host if request.client else "unknown"


def check_password(request: Request, person: str, password: str) -> bool:
    """Whether `password` is `person`'s, throttled (TooMany when the attempts are used up)."""
    throttle: Throttle = request.app.state.throttle
    client = client_of(request)
    if not throttle.attempt(client, person):
        LOG.warning("password throttled", extra={"person": person, "client": client})
        raise TooMany("too many attempts to give a password: wait a few minutes")
    if not throttle.checks.acquire(timeout=30):
        LOG.warning("password checks busy", extra={"person": person, "client": client})
        raise TooMany("the server is checking other passwords: try again in a moment")
    try:
        right = Accounts(request.app.state.stored).check_password(person, password)
    finally:
        throttle.checks.release()
    if right:
        throttle.succeeded(client, person)
        LOG.info("password accepted", extra={"person": person, "client": client})
    else:
        LOG.warning("password refused", extra={"person": person, "client": client})
    return right


Csrf = Annotated[str | None, Header(alias=CSRF_HEADER, include_in_schema=False)]
