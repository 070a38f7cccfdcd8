"""The pages' rendering (Jinja2): every page in the language the visitor chose (`lang`,
remembered in a cookie), on the legal date it answers for, and a refusal as a page."""

from __future__ import annotations

from datetime import date
from importlib.resources import files
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from depositary import locale
from depositary.app.stored import utc_today
from depositary.locale import LANGUAGES
from depositary.locale.labels import (
    ACT_KINDS,
    CATEGORIES,
    CHAIR_TERMS,
    EVENT_KINDS,
    INSTRUMENT_KINDS,
    POSITIONS,
    RELATION_KINDS,
    ROLES,
    SEATS,
    STATES,
    STATUSES,
    TENURES,
)
from depositary.register import Register
from depositary.web.deps import language_of as language_of  # the pages ask it here

templates = Jinja2Templates(directory=str(files("depositary.web") / "templates"))


def participant_names(register: Register, on: date | None, language: str) -> dict[str, str]:
    """Every participant's name on the date (its latest without one), by code: what the
    pages write where the register has a code."""
    return {code: p.name(on, language) for code, p in register.participants.items()}


def instrument_titles(register: Register, language: str) -> dict[str, str]:
    """Every instrument's title, by alias: what the pages write where the register has an
    alias."""
    return {i.alias: i.title(language) for i in register.instruments.values()}


templates.env.globals.update(_=locale.template_gettext, pgettext=locale.template_pgettext)


def render(request: Request, template: str, as_of: date, **context: Any) -> HTMLResponse:
    """A page from its template, with what every page shows (the date, the language, the
    time read as recorded); the language asked in the URL is remembered in a cookie."""
    chosen = language_of(request)
    # Switching the language or the date keeps what else the page was asked (a query, a
    # filter, the text shown).
    kept = [(k, v) for k, v in request.query_params.multi_items()
            if k not in {"as_of", "lang", "page"}]
    switch = {
        other: request.url.path + "?" + str(request.url.include_query_params(
            as_of=as_of.isoformat(), lang=other).query)
        for other in LANGUAGES
    }
    response = templates.TemplateResponse(request, template, {
        "kept": kept, "switch": switch,
        "as_of": as_of, "language": chosen, "path": request.url.path,
        "as_recorded": request.query_params.get("as_recorded", ""),
        "states": STATES.in_language(chosen), "statuses": STATUSES.in_language(chosen),
        "categories": CATEGORIES.in_language(chosen), "acts": ACT_KINDS.in_language(chosen),
        "instrument_kinds": INSTRUMENT_KINDS.in_language(chosen),
        "relation_kinds": RELATION_KINDS.in_language(chosen),
        "event_kinds": EVENT_KINDS.in_language(chosen),
        "chair_states": CHAIR_TERMS.in_language(chosen),
        "tenures": TENURES.in_language(chosen),
        "role_words": ROLES.in_language(chosen), "seats": SEATS.in_language(chosen),
        "positions_said": POSITIONS.in_language(chosen),
        "future": as_of > utc_today(), **context,
    })
    if request.query_params.get("lang") in LANGUAGES:
        response.set_cookie("lang", chosen, max_age=365 * 24 * 3600, samesite="lax")
    return response


def error_page(request: Request, status: int, title: str, detail: str,
               *, date_form: bool = False) -> Response:
    """A refusal shown to a person (a page or a form), with the rule it names; for a date
    not understood, the form to choose another."""
    response = render(request, "error.html", utc_today(), status=status,
                      title=locale.translate(language_of(request), title), detail=detail,
                      date_form=date_form)
    response.status_code = status
    return response
