"""The pages' rendering (Jinja2): every page in the language the visitor chose (`lang`,
remembered in a cookie), on the legal date it answers for, and a refusal as a page."""

from __future__ import annotations

from datetime import date
from importlib.resources import files
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from jinja2.runtime import Context

from depositary import locale
from depositary.app.stored import utc_today
from depositary.locale import LANGUAGES, SOURCE_LANGUAGE
from depositary.locale.labels import (
    ACT_KINDS,
    CATEGORIES,
    INSTRUMENT_KINDS,
    RELATION_KINDS,
    STATES,
    STATUSES,
)
from depositary.register import Register

templates = Jinja2Templates(directory=str(files("depositary.web") / "templates"))


def participant_names(register: Register, on: date | None, language: str) -> dict[str, str]:
    """Every participant's name on the date (its latest without one), by code: what the
    pages write where the register has a code."""
    return {code: p.name(on, language) for code, p in register.participants.items()}


def instrument_titles(register: Register, language: str) -> dict[str, str]:
    """Every instrument's title, by alias: what the pages write where the register has an
    alias."""
    return {i.alias: i.title(language) for i in register.instruments.values()}


@pass_context
def _gettext(context: Context, message: str, **values: object) -> str:
    """`_("...")` in a template: the message in the page's language, with `%(name)s`
    placeholders filled from `values` after translation."""
    translated = locale.translate(context.get("language", SOURCE_LANGUAGE), message)
    return translated % values if values else translated


@pass_context
def _pgettext(context: Context, message_context: str, message: str) -> str:
    """`pgettext("change", "From")` in a template: where the same English says two things."""
    return locale.ptranslate(context.get("language", SOURCE_LANGUAGE), message_context, message)


templates.env.globals.update(_=_gettext, pgettext=_pgettext)


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
        "future": as_of > utc_today(), **context,
    })
    if request.query_params.get("lang") in LANGUAGES:
        response.set_cookie("lang", chosen, max_age=365 * 24 * 3600, samesite="lax")
    return response


def language_of(request: Request) -> str:
    """The visitor's language: asked in the URL, else remembered, else English."""
    asked = request.query_params.get("lang") or request.cookies.get("lang") or "en"
    return asked if asked in LANGUAGES else "en"


def error_page(request: Request, status: int, title: str, detail: str,
               *, date_form: bool = False) -> Response:
    """A refusal shown to a person (a page or a form), with the rule it names; for a date
    not understood, the form to choose another."""
    response = render(request, "error.html", utc_today(), status=status, title=title,
                      detail=detail, date_form=date_form)
    response.status_code = status
    return response
