"""The web application: the JSON API under /api (OpenAPI at /docs) and the public pages,
on the stored register (embedded SQLite by default, PostgreSQL by URL).

`create_app` takes the settings so that tests and deployments choose the database; the
stored register is opened once, at start-up, and shared: its replays are cached per log
head.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from http import HTTPStatus
from importlib.resources import files
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_redoc_html
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.middleware.sessions import SessionMiddleware

from depositary.app import records
from depositary.app.operations.registry import rule_of
from depositary.app.settings import Settings
from depositary.app.stored import Refusal, StoredRegister
from depositary.app.workflow import NotPermitted
from depositary.bootstrap import failure_of, open_register, reason_of
from depositary.domain.phrases import Value, joined, said_of, say
from depositary.domain.posts import AppointmentError
from depositary.formats.errors import FormatError
from depositary.locale import N_, spoken, translate
from depositary.log.entries import DamagedEntry
from depositary.log.signatures import KeyProblem
from depositary.register import RegisterError
from depositary.register.councils import CouncilError
from depositary.shapes.problems import FieldProblem
from depositary.web import (
    administration,
    api,
    auth,
    desk,
    feeds,
    indexes,
    pages,
    rendering,
    secretariat_desk,
    transparency,
    writes,
)
from depositary.web.cache import ReadCache
from depositary.web.deps import Said
from depositary.web.edge import Edge
from depositary.web.problems import as_problem_json, problem
from depositary.web.reading import PastRegisters, ReplayBusy, TooManyReplays


@asynccontextmanager
async def _warmed(app: FastAPI) -> AsyncIterator[None]:
    """Replay the register before the first request, in each worker: a large register
    takes seconds to replay, and a first visitor should not wait for it. A register that
    cannot be read stops the start with one line saying why (`depositary serve` checks
    the same before it starts the server, and exits 2)."""
    warm(app)
    yield


def warm(app: FastAPI) -> None:
    stored: StoredRegister = app.state.stored
    try:
        stored.register()
    except Exception as error:
        if not isinstance(error, DamagedEntry | FormatError) and failure_of(error) is None:
            raise
        raise RuntimeError(f"the register cannot be read: {reason_of(error)}") from None


def create_app(settings: Settings | None = None) -> FastAPI:
    # The operator's log (writes, refusals, passwords given) and the application's warnings
    # go to standard error as JSON lines, however the application is served.
    records.to_standard_error()
    app = FastAPI(
        title="depositary",
        summary="The register of a treaty regime: who is bound by what on any date, and why.",
        version="0.1.0",
        lifespan=_warmed,
        docs_url=None,  # served below, from this server's files: no CDN
        redoc_url=None,
    )
    settings = settings or Settings.from_environment()
    app.state.stored = open_register(settings)
    app.state.settings = settings
    app.state.throttle = auth.Throttle()  # password checks per client and person
    app.state.past = PastRegisters()  # the registers as recorded at past times, bounded
    # Signed, HTTP-only session cookies; Secure behind TLS (DEPOSITARY_SECURE_COOKIES=1).
    app.add_middleware(SessionMiddleware, secret_key=settings.secret_key(),
                       session_cookie="depositary_session", same_site="lax",
                       https_only=settings.secure_cookies)
    # A kept answer to a public read is served before any other work.
    app.add_middleware(ReadCache, database=lambda: app.state.stored.database)
    # Outermost: headers on every answer, and what no request may carry (edge.py).
    app.add_middleware(Edge, max_body=settings.max_body)
    app.mount("/static", StaticFiles(directory=str(files("depositary.web") / "static")),
              name="static")
    app.mount("/docs-assets", StaticFiles(directory=str(files("fastapi_offline") / "static")),
              name="docs-assets")
    app.include_router(docs)
    app.include_router(api.router)
    app.include_router(writes.router)
    app.include_router(transparency.router)
    app.include_router(feeds.router)
    app.include_router(administration.router)
    app.include_router(desk.router)
    app.include_router(secretariat_desk.router)
    app.include_router(administration.forms)
    app.include_router(indexes.router)
    app.include_router(pages.router)
    app.add_exception_handler(RegisterError, _not_found)
    app.add_exception_handler(CouncilError, _not_found)
    app.add_exception_handler(auth.Unauthenticated, _unauthenticated)
    app.add_exception_handler(auth.Forbidden, _forbidden)
    app.add_exception_handler(NotPermitted, _forbidden)
    app.add_exception_handler(FormatError, _unprocessable)
    for refusal in (Refusal, KeyProblem, AppointmentError):
        app.add_exception_handler(refusal, _unprocessable)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(HTTPException, _no_route)
    app.add_exception_handler(TooManyReplays, _later)
    app.add_exception_handler(ReplayBusy, _later)
    app.add_exception_handler(DamagedEntry, _damaged)
    app.add_exception_handler(json.JSONDecodeError, _damaged)
    described = app.openapi

    def openapi() -> dict[str, Any]:
        # FastAPI keeps the document it makes; it is rewritten once, not at every request.
        if app.openapi_schema is None:
            as_problem_json(described())
        assert app.openapi_schema is not None
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app


docs = APIRouter(include_in_schema=False)


@docs.get("/docs", response_class=HTMLResponse)
def swagger_ui() -> HTMLResponse:
    """Swagger UI, from the files of the `fastapi-offline` package, started by a script
    of ours (the pages' policy allows no inline script)."""
    return HTMLResponse(SWAGGER_PAGE)


@docs.get("/redoc", response_class=HTMLResponse)
def redoc() -> HTMLResponse:
    return get_redoc_html(openapi_url="/openapi.json", title="depositary: the API",
                          redoc_js_url="/docs-assets/redoc.standalone.js",
                          redoc_favicon_url="/docs-assets/favicon.png",
                          with_google_fonts=False)


SWAGGER_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>depositary: the API</title>
<link rel="stylesheet" href="/docs-assets/swagger-ui.css">
<link rel="icon" href="/docs-assets/favicon.png"></head>
<body><div id="swagger-ui" data-url="/openapi.json"></div>
<script src="/docs-assets/swagger-ui-bundle.js"></script>
<script src="/static/swagger-init.js"></script></body></html>
"""


# Errors in one documented shape: RFC 9457 problem details (web/problems.py). Reads refuse
# only what they cannot find (404) or cannot understand (422); the detail names the problem.

# The titles of the refusals a page shows, for the catalogs (said in the reader's language
# by `rendering.error_page`): this module's own, and the HTTP statuses' that it gives.
TITLES = (
    N_("Refused"), N_("Not found"), N_("Not signed in"),
    N_("Too many requests"), N_("Busy"), N_("The register's log is damaged"), N_("Bad Request"),
    N_("Unauthorized"), N_("Forbidden"), N_("Not Found"), N_("Method Not Allowed"),
    N_("Conflict"), N_("Content Too Large"), N_("Unprocessable Entity"),
    N_("Too Many Requests"), N_("Internal Server Error"), N_("Service Unavailable"),
)


def _answer(request: Request, status: int, title: str, detail: Value) -> Response:
    """A problem document for a program (the API, the feeds: in English), a page for a
    person (in the reader's language)."""
    if request.url.path.startswith(("/api/", "/feeds/")):
        response = problem(status, title, str(detail), request)
    else:
        response = rendering.error_page(request, status, title,
                                        spoken(detail, rendering.language_of(request)))
    if status == 401:
        response.headers["WWW-Authenticate"] = "Bearer"
    return response


async def _not_found(request: Request, error: Exception) -> Response:
    if request.method != "GET":  # a write naming what is not there is refused
        return _answer(request, 422, "Refused", said_of(error))
    return _answer(request, 404, "Not found", said_of(error))


async def _unprocessable(request: Request, error: Exception) -> Response:
    return _answer(request, 422, "Refused", said_of(error))


async def _unauthenticated(request: Request, error: Exception) -> Response:
    return _answer(request, 401, "Not signed in", said_of(error))


async def _forbidden(request: Request, error: Exception) -> Response:
    return _answer(request, 403, "Forbidden", said_of(error))


async def _later(request: Request, error: Exception) -> Response:
    """A bounded cost used up (F14): when to ask again, said."""
    assert isinstance(error, TooManyReplays | ReplayBusy)
    status = 429 if isinstance(error, TooManyReplays) else 503
    response = _answer(request, status, "Too many requests" if status == 429 else
                       "Busy", error.said)
    response.headers["Retry-After"] = str(error.retry_after)
    return response


async def _damaged(request: Request, error: Exception) -> Response:
    # The database was edited outside the program: said, not hidden in a traceback.
    detail = str(error) if isinstance(error, DamagedEntry) else (
        "the register's log holds an entry that cannot be read (its payload is not JSON): "
        "`depositary verify` names it")
    return _answer(request, 500, "The register's log is damaged", detail)


async def _no_route(request: Request, error: Exception) -> Response:
    """What no route answers (a path none matches, a method none takes), in the same shape
    as every other refusal."""
    assert isinstance(error, HTTPException)
    detail: Value = (
        error.said if isinstance(error, Said)
        else say("nothing is served at %(path)s", path=request.url.path)
        if error.status_code == 404 else str(error.detail))
    response = _answer(request, error.status_code, HTTPStatus(error.status_code).phrase,
                       detail)
    response.headers.update(error.headers or {})
    return response


async def _invalid_request(request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestValidationError)
    errors = [
        FieldProblem(field=".".join(str(p) for p in e["loc"]), message=e["msg"])
        for e in error.errors()
    ]
    detail = "; ".join(f"{e.field}: {e.message}" for e in errors)
    if not request.url.path.startswith(("/api/", "/feeds/")):
        return _page_not_understood(request, error)
    return problem(422, "Invalid request", detail, request, errors)


DATE_PARAMETERS = {"as_of", "from", "to"}


def _page_not_understood(request: Request, error: RequestValidationError) -> Response:
    """A person's mistyped or emptied date (a common gesture with a date field): the page
    again with its form and what to write, as 400, not a program's problem document."""
    language = rendering.language_of(request)
    said = []
    for e in error.errors():
        name = str(e["loc"][-1])
        given = e.get("input")
        if name in DATE_PARAMETERS and not given:
            said.append(translate(language, "No date given: choose a date, or write it as "
                                            "YYYY-MM-DD."))
        elif name in DATE_PARAMETERS and str(e["type"]).startswith(("date", "datetime")):
            said.append(translate(language, "The date “%(given)s” cannot be read (%(name)s): "
                                            "write it as YYYY-MM-DD, for example 2009-08-19.",
                                  given=given, name=name))
        elif name in DATE_PARAMETERS:  # a date, but outside the calendar the register keeps
            said.append(translate(language, "The date “%(given)s” (%(name)s): %(rule)s.",
                                  given=given, name=name,
                                  rule=e["msg"].removeprefix("Value error, ")))
        else:
            said.append(spoken(joined(name, ": ", rule_of(e)), language))
    title = translate(language, "The date was not understood")
    return rendering.error_page(request, 400, title, " ".join(said), date_form=True)
