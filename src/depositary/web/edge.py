"""The edge of the web application: what every request and every answer goes through
before anything else (an ASGI middleware, outermost).

- Security headers on every answer: a Content-Security-Policy with no inline script and
  no framing, Referrer-Policy, nosniff; `no-store` on the desks and the sign-in page.
- A write with no credentials at all (no bearer token, no session cookie) is refused
  with 401 before its body is read; a body over the limit with 413, before it is read
  when its length is declared, as soon as it passes the limit otherwise.
- What no request may carry: a private key (keys stay with their holders: the depositary
  takes signatures, never keys) and the NUL character, in the path, the query or the body.
- The database unavailable (gone, full, read-only): 503 with Retry-After, one log line,
  and the next request tries again.
"""

from __future__ import annotations

import logging

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from depositary.bootstrap import Failure, failure_of, reason_of
from depositary.shapes.problems import PROBLEM
from depositary.web.problems import problem_body

WRITES = {"POST", "PUT", "PATCH", "DELETE"}
ANONYMOUS_WRITES = ("/signin",)  # its CSRF token needs the session cookie the form set
SESSION_COOKIE = b"depositary_session"
RETRY_AFTER = 30  # seconds: how long a client waits when the database is away

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")
# Swagger UI and ReDoc (served from this server, never a CDN) set styles inline.
DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'") + (
    "; worker-src 'self' blob:")
HEADERS = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
           (b"x-frame-options", b"DENY"), (b"cross-origin-opener-policy", b"same-origin")]
PRIVATE = ("/desk", "/signin")  # pages no cache may keep
DOCS = ("/docs", "/redoc")

log = logging.getLogger("depositary.web")


class Edge:
    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                given = list(message.get("headers", []))
                named = {name.lower() for name, _ in given}
                message = {**message, "headers": given + [
                    (name, value) for name, value in _security_headers(scope["path"])
                    if name not in named]}
            await send(message)

        refusal = _refused_at_once(scope, self.max_body)
        if refusal is not None:
            await _problem(send_with_headers, scope, *refusal)
            return
        if scope["method"] in WRITES:
            body = await _body(receive, self.max_body)
            if body is None:
                await _problem(send_with_headers, scope, 413, "Too large",
                               f"the request's body is larger than {self.max_body} bytes")
                return
            refusal = _refused_body(body, dict(scope["headers"]).get(b"content-type", b""))
            if refusal is not None:
                await _problem(send_with_headers, scope, *refusal)
                return
            receive = _replaying(body, receive)
        try:
            await self.app(scope, receive, send_with_headers)
        except Exception as error:
            failure = failure_of(error)
            if started or failure is None:
                raise
            if failure is Failure.BAD_VALUE:
                await _problem(send_with_headers, scope, 422, "Refused",
                               f"the database cannot store a value of this request: "
                               f"{reason_of(error)}")
                return
            log.warning("the register's database is unavailable: %s (%s %s)",
                        reason_of(error), scope["method"], scope["path"])
            await _problem(send_with_headers, scope, 503, "Unavailable",
                           f"the register's database is unavailable ({reason_of(error)}): "
                           f"try again in {RETRY_AFTER} seconds",
                           [(b"retry-after", str(RETRY_AFTER).encode())])


def _security_headers(path: str) -> list[tuple[bytes, bytes]]:
    found = [(b"content-security-policy",
              (DOCS_CSP if path.startswith(DOCS) else CSP).encode()), *HEADERS]
    if path.startswith(PRIVATE):
        found.append((b"cache-control", b"no-store"))
    return found


def _refused_at_once(scope: Scope, limit: int) -> tuple[int, str, str] | None:
    """What is refused from the request line and headers alone."""
    query: bytes = scope.get("query_string", b"")
    if "\x00" in scope["path"] or b"%00" in query.lower() or b"\x00" in query:
        return 422, "Refused", "a NUL character (U+0000) is not accepted in a request"
    if scope["method"] not in WRITES:
        return None
    headers = dict(scope["headers"])
    credentials = (b"authorization" in headers
                   or SESSION_COOKIE in headers.get(b"cookie", b""))
    if not credentials and not scope["path"].startswith(ANONYMOUS_WRITES):
        return 401, "Not signed in", ("sign in (/signin) or give an API token "
                                      "(Authorization: Bearer)")
    declared = headers.get(b"content-length", b"")
    if declared.isdigit() and int(declared) > limit:
        return 413, "Too large", f"the request's body is larger than {limit} bytes"
    return None


# An Ed25519 private key as PKCS#8: its PEM armour however a form encodes the space, or
# the base64 of its DER, whose first bytes are the same for every Ed25519 key.
PRIVATE_KEY_MARKS = (b"PRIVATE KEY-----", b"PRIVATE+KEY-----", b"PRIVATE%20KEY-----",
                     b"MC4CAQAwBQYDK2VwBCIEI")


def _refused_body(body: bytes, content_type: bytes) -> tuple[int, str, str] | None:
    if any(mark in body for mark in PRIVATE_KEY_MARKS):
        return 422, "Refused", (
            "a private key is never sent to the depositary: sign where the key is (the "
            "desk signs in your browser; the CLI has `depositary sign`) and send the "
            "signature")
    # A NUL as the body carries it: raw, escaped in JSON, or encoded in a form.
    nul = b"\x00" in body or (b"json" in content_type and b"\\u0000" in body) or (
        b"urlencoded" in content_type and b"%00" in body)
    if nul:
        return 422, "Refused", "a NUL character (U+0000) is not accepted in a request"
    return None


async def _body(receive: Receive, limit: int) -> bytes | None:
    """The whole body, or None as soon as it passes `limit` bytes."""
    parts, size, more = [], 0, True
    while more:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        part = message.get("body", b"")
        size += len(part)
        if size > limit:
            return None
        parts.append(part)
        more = message.get("more_body", False)
    return b"".join(parts)


def _replaying(body: bytes, receive: Receive) -> Receive:
    """A `receive` that gives the body already read, then waits on the client."""
    given = False

    async def replay() -> Message:
        nonlocal given
        if not given:
            given = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


async def _problem(send: Send, scope: Scope, status: int, title: str, detail: str,
                   extra: list[tuple[bytes, bytes]] | None = None) -> None:
    """An RFC 9457 problem document (the API's and the pages' errors alike)."""
    body = problem_body(status, title, detail, scope["path"])
    headers: list[tuple[bytes, bytes]] = [(b"content-type", PROBLEM.encode()),
                                          (b"content-length", str(len(body)).encode()),
                                          *(extra or [])]
    if status == 401:
        headers.append((b"www-authenticate", b"Bearer"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})

