"""The pages' rendering (Jinja2): every page in the language the visitor chose (`lang`,
remembered in a cookie), on the legal date it answers for, and a refusal as a page."""

from __future__ import annotations

from datetime import date
from importlib.resources import files
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from depositary.app.stored import utc_today

templates = Jinja2Templates(directory=str(files("depositary.web") / "templates"))
LANGUAGES = ("en", "ru")


# Where an instrument stands on the date, in words.
STATES = {
    "en": {"not-yet-adopted": "not yet adopted", "not-yet-in-force": "not yet in force",
           "in-force": "in force", "unknown": "unknown: not established",
           "terminated": "terminated"},
    "ru": {"not-yet-adopted": "ещё не принят", "not-yet-in-force": "ещё не вступил в силу",
           "in-force": "действует", "unknown": "неизвестно: не установлено",
           "terminated": "прекратил действие"},
}


def render(request: Request, template: str, as_of: date, **context: Any) -> HTMLResponse:
    """A page from its template, with what every page shows (the date, the language, the
    time read as recorded); the language asked in the URL is remembered in a cookie."""
    chosen = language_of(request)
    response = templates.TemplateResponse(request, template, {
        "as_of": as_of, "language": chosen, "path": request.url.path,
        "as_recorded": request.query_params.get("as_recorded", ""),
        "states": STATES[chosen], **context,
    })
    if request.query_params.get("lang") in LANGUAGES:
        response.set_cookie("lang", chosen, max_age=365 * 24 * 3600, samesite="lax")
    return response


def language_of(request: Request) -> str:
    """The visitor's language: asked in the URL, else remembered, else English."""
    asked = request.query_params.get("lang") or request.cookies.get("lang") or "en"
    return asked if asked in LANGUAGES else "en"


def error_page(request: Request, status: int, title: str, detail: str) -> Response:
    """A refusal shown to a person (a page or a form), with the rule it names."""
    response = render(request, "error.html", utc_today(), status=status, title=title,
                      detail=detail)
    response.status_code = status
    return response
