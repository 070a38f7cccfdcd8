"""Answers to the public reads, kept until the log moves on.

A public read (a status chart, a participant's view, a feed, a public page) is a function
of the URL (with its host), the depositary's day, the visitor's language and the log: the
same four give the same bytes. So each worker keeps the
answers it has given, keyed by all four, and checks before every read only whether the
log's head has moved (one indexed row, on a connection kept for it). A write anywhere, in
any worker or process, moves the head, and the next read is computed afresh: nobody is
served a register older than the last write. Answers also carry an ETag from the same key,
so a client that has one gets 304 Not Modified.

Only the paths listed are kept, and only for requests without credentials: what a
signed-in person sees is never stored.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from depositary.app.stored import utc_today

# The public reads: the API's, the feeds and the public pages (not the sign-in page or the
# desk, whose forms carry a session's CSRF token). A page varies with the visitor's
# language cookie, which is part of the key.
PUBLIC = ("/api/instruments", "/api/participants/", "/api/bodies", "/api/posts/",
          "/api/sessions", "/api/notifications", "/api/search", "/api/popolo.json", "/feeds/",
          "/instruments/", "/participants/", "/bodies/", "/sessions/", "/posts/", "/search")
HOME = "/"  # the home page: this path exactly
MAX_ANSWERS = 2048
MAX_BYTES = 64 * 1024 * 1024  # in all, per worker
MAX_ANSWER = 4 * 1024 * 1024  # one answer larger than this is not kept


class Log(Protocol):
    """What the cache asks of the register's store: the hash of the log's last entry."""

    def head_hash(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes


class ReadCache:
    """ASGI middleware: serves a kept answer when the log has not moved since it was made."""

    def __init__(self, app: ASGIApp, database: Callable[[], Log]) -> None:
        self.app = app
        self.database = database  # the app's, once its lifespan has opened it
        self.head: str | None = None
        self.answers: OrderedDict[str, Answer] = OrderedDict()
        self.size = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not _public(scope):
            await self.app(scope, receive, send)
            return
        head = self.database().head_hash()
        if head != self.head:  # the log moved: every kept answer is of an older register
            self.head, self.size = head, 0
            self.answers.clear()
        key = _key(scope, head)
        etag = b'"' + hashlib.blake2b(key.encode(), digest_size=16).hexdigest().encode() + b'"'
        if _header(scope, b"if-none-match") == etag:
            await _send(send, Answer(304, [(b"etag", etag)], b""))
            return
        kept = self.answers.get(key)
        if kept is not None:
            self.answers.move_to_end(key)
            await _send(send, kept)
            return
        await self.app(scope, receive, self._keeping(send, key, etag))

    def _keeping(self, send: Send, key: str, etag: bytes) -> Send:
        """`send`, keeping a copy of a successful answer and adding its ETag."""
        start: dict[str, Any] = {}
        parts: list[bytes] = []

        async def keeping(message: Message) -> None:
            if message["type"] == "http.response.start":
                if message["status"] == 200:
                    message = {**message, "headers": [*message.get("headers", []),
                                                      (b"etag", etag)]}
                start.update(message)
            elif message["type"] == "http.response.body":
                parts.append(message.get("body", b""))
                if not message.get("more_body", False) and start.get("status") == 200:
                    self._keep(key, Answer(200, list(start["headers"]), b"".join(parts)))
            await send(message)

        return keeping

    def _keep(self, key: str, answer: Answer) -> None:
        if len(answer.body) > MAX_ANSWER:
            return
        self.answers[key] = answer
        self.size += len(answer.body)
        while len(self.answers) > MAX_ANSWERS or self.size > MAX_BYTES:
            _, dropped = self.answers.popitem(last=False)
            self.size -= len(dropped.body)


def _public(scope: Scope) -> bool:
    if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
        return False
    path: str = scope["path"]
    if path != HOME and not path.startswith(PUBLIC):
        return False
    # Credentials mean a person's own view: never kept, never served from what is kept.
    return _header(scope, b"authorization") is None and b"depositary_session" not in (
        _header(scope, b"cookie") or b"")


def _key(scope: Scope, head: str | None) -> str:
    # The depositary's day is part of the key: a read without `as_of` answers for today.
    query = scope.get("query_string", b"").decode("latin-1")
    language = _cookie(scope, "lang")
    # A feed names itself by its absolute URL: the host and scheme asked are in the key,
    # so that a request with a forged Host header is never served to anyone else.
    host = (_header(scope, b"host") or b"").decode("latin-1")
    origin = f"{scope.get('scheme', 'http')}://{host}"
    return (f"{head}|{utc_today()}|{language}|{scope['method']}|{origin}{scope['path']}"
            f"?{query}")


def _header(scope: Scope, name: bytes) -> bytes | None:
    for key, value in scope["headers"]:
        if key == name:
            return bytes(value)
    return None


def _cookie(scope: Scope, name: str) -> str:
    for part in (_header(scope, b"cookie") or b"").decode("latin-1").split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return ""


async def _send(send: Send, answer: Answer) -> None:
    await send({"type": "http.response.start", "status": answer.status,
                "headers": answer.headers})
    await send({"type": "http.response.body", "body": answer.body})
