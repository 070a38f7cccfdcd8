"""The web application: the JSON API under /api (OpenAPI at /docs) and the public pages,
on the stored register (embedded SQLite by default, PostgreSQL by URL).

`create_app` takes the settings so that tests and deployments choose the database; the
ledger is opened once, at start-up, and shared: its replays are cached per log head.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.resources import files
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from depositary.domain.posts import AppointmentError
from depositary.formats.errors import FormatError
from depositary.ledger import Ledger, LedgerError
from depositary.register import RegisterError
from depositary.register.councils import CouncilError
from depositary.register.signatures import KeyProblem
from depositary.settings import Settings
from depositary.web import (
    administration,
    api,
    auth,
    desk,
    feeds,
    pages,
    secretariat_desk,
    writes,
)
from depositary.web.cache import ReadCache
from depositary.workflow import NotPermitted

PROBLEM = "application/problem+json"


@asynccontextmanager
async def _warmed(app: FastAPI) -> AsyncIterator[None]:
    """Replay the register before the first request, in each worker: a large register
    takes seconds to replay, and a first visitor should not wait for it."""
    ledger: Ledger = app.state.ledger
    ledger.register()
    yield


def create_app(settings: Settings | None = None) -> FastAPI:
    app = FastAPI(
        title="depositary",
        summary="The register of a treaty regime: who is bound by what on any date, and why.",
        version="0.1.0",
        lifespan=_warmed,
    )
    settings = settings or Settings.from_environment()
    app.state.ledger = Ledger.open(settings)
    app.state.throttle = auth.Throttle()  # failed sign-ins per client, in this process
    # Signed, HTTP-only session cookies; Secure behind TLS (DEPOSITARY_SECURE_COOKIES=1).
    app.add_middleware(SessionMiddleware, secret_key=settings.secret_key(),
                       session_cookie="depositary_session", same_site="lax",
                       https_only=settings.secure_cookies())
    # Outermost: a kept answer to a public read is served before any other work.
    app.add_middleware(ReadCache, database=lambda: app.state.ledger.database)
    app.mount("/static", StaticFiles(directory=str(files("depositary.web") / "static")),
              name="static")
    app.include_router(api.router)
    app.include_router(writes.router)
    app.include_router(feeds.router)
    app.include_router(administration.router)
    app.include_router(desk.router)
    app.include_router(secretariat_desk.router)
    app.include_router(administration.forms)
    app.include_router(pages.router)
    app.add_exception_handler(RegisterError, _not_found)
    app.add_exception_handler(CouncilError, _not_found)
    app.add_exception_handler(auth.Unauthenticated, _unauthenticated)
    app.add_exception_handler(auth.Forbidden, _forbidden)
    app.add_exception_handler(NotPermitted, _forbidden)
    app.add_exception_handler(FormatError, _unprocessable)
    for refusal in (LedgerError, KeyProblem, AppointmentError):
        app.add_exception_handler(refusal, _unprocessable)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    return app


# Errors in one documented shape: RFC 9457 problem details. Reads refuse only what they
# cannot find (404) or cannot understand (422); the detail names the problem.

def problem(status: int, title: str, detail: str, request: Request,
            **extensions: Any) -> JSONResponse:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail,
            "instance": str(request.url.path), **extensions}
    return JSONResponse(body, status_code=status, media_type=PROBLEM)


def _answer(request: Request, status: int, title: str, detail: str) -> Response:
    """A problem document for the API, a page for a person."""
    if request.url.path.startswith("/api/"):
        response: Response = problem(status, title, detail, request)
    else:
        response = pages.error_page(request, status, title, detail)
    if status == 401:
        response.headers["WWW-Authenticate"] = "Bearer"
    return response


async def _not_found(request: Request, error: Exception) -> Response:
    if request.method != "GET":  # a write naming what is not there is refused
        return _answer(request, 422, "Refused", str(error))
    return _answer(request, 404, "Not found", str(error))


async def _unprocessable(request: Request, error: Exception) -> Response:
    return _answer(request, 422, "Refused", str(error))


async def _unauthenticated(request: Request, error: Exception) -> Response:
    return _answer(request, 401, "Not signed in", str(error))


async def _forbidden(request: Request, error: Exception) -> Response:
    return _answer(request, 403, "Forbidden", str(error))


async def _invalid_request(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    errors = [
        {"field": ".".join(str(p) for p in e["loc"]), "message": e["msg"]}
        for e in error.errors()
    ]
    detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
    return problem(422, "Invalid request", detail, request, errors=errors)
