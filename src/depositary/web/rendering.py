"""The pages' rendering (Jinja2): every page in the language the visitor chose (`lang`,
remembered in a cookie), on the legal date it answers for, and a refusal as a page."""

from __future__ import annotations

from datetime import date
from importlib.resources import files
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from depositary.app.notices import KINDS_RU
from depositary.app.stored import utc_today
from depositary.domain.acts import ActKind
from depositary.register import Register

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


# A participant's status in words (the enum's values are the API's, not a reader's).
STATUSES = {
    "en": {"not-involved": "not involved", "signatory": "signatory",
           "contracting": "contracting (not yet in force for it)",
           "provisionally-applying": "applying provisionally", "party": "party",
           "unknown": "unknown: not established", "withdrawing": "party, withdrawing",
           "withdrawn": "withdrawn", "terminated": "terminated",
           "ceased": "ceased to exist"},
    "ru": {"not-involved": "не участвует", "signatory": "подписавший",
           "contracting": "договаривающийся (ещё не в силе для него)",
           "provisionally-applying": "применяет временно", "party": "участник",
           "unknown": "неизвестно: не установлено", "withdrawing": "участник, выходит",
           "withdrawn": "вышел", "terminated": "прекратил действие",
           "ceased": "прекратил существование"},
}


# A member's category in a body, in words (CIS Charter, arts. 7-8; decisions on associate
# membership and participation).
CATEGORIES = {
    "en": {"founding-state": "founding state", "signatory-state": "signatory state",
           "acceding-state": "acceding state", "member-state": "member state",
           "associate-member": "associate member",
           "participating-non-member": "participating non-member", "observer": "observer"},
    "ru": {"founding-state": "государство-учредитель", "signatory-state": "подписавшее государство",
           "acceding-state": "присоединившееся государство", "member-state": "государство-член",
           "associate-member": "ассоциированный член",
           "participating-non-member": "участвующее государство, не являющееся членом",
           "observer": "наблюдатель"},
}


def participant_names(register: Register, on: date | None, language: str) -> dict[str, str]:
    """Every participant's name on the date (its latest without one), by code: what the
    pages write where the register has a code."""
    return {code: p.name(on, language) for code, p in register.participants.items()}


def instrument_titles(register: Register, language: str) -> dict[str, str]:
    """Every instrument's title, by alias: what the pages write where the register has an
    alias."""
    return {i.alias: i.title(language) for i in register.instruments.values()}


def act_labels(language: str) -> dict[str, str]:
    """Each kind of act in words, as the depositary's notifications name it."""
    return {kind.value: KINDS_RU[kind] if language == "ru" else kind.label for kind in ActKind}


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
        "states": STATES[chosen], "statuses": STATUSES[chosen],
        "categories": CATEGORIES[chosen], "acts": act_labels(chosen),
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
