"""What the desk's forms share: the answer after a write, what a refused form is shown
again for, and the fields a form may leave empty."""

from __future__ import annotations

from datetime import date

from fastapi import Request
from fastapi.responses import RedirectResponse, Response

from depositary.app.stored import Refusal
from depositary.domain.phrases import Value, say
from depositary.formats.errors import FormatError
from depositary.locale import refusal_in, translate
from depositary.register import RegisterError
from depositary.web.deps import language_of

# What a refused form is shown again for, as typed, with the rule: the register's rules
# (a duplicate id, an unknown participant, an end before the start) and a form's own (a
# date that cannot be read). A refusal for who asks (NotPermitted, a Refusal too) is
# re-raised first by the forms: the application answers it 403.
REFUSED = (Refusal, FormatError, RegisterError)


def done(request: Request, message: str, **values: object) -> Response:
    """Back to the desk, which says once what was done (kept in the session, not the URL,
    so that no link can put words on the desk), in the reader's language: `message` is a
    catalog id with `%(name)s` placeholders (a catalog keyword: `done(request, "...")`)."""
    request.session["done"] = translate(language_of(request), message, **values)
    return RedirectResponse("/desk", status_code=303)


def refusal(request: Request, error: BaseException) -> str:
    """A refusal in the reader's language, for the form that comes back with it."""
    return refusal_in(error, language_of(request))


THE_FORM = say("the form")  # what a refused form names as what was read


def optional_day(given: str, field: Value) -> date | None:
    """A date field a form may leave empty."""
    if not given.strip():
        return None
    try:
        return date.fromisoformat(given.strip())
    except ValueError:
        raise FormatError(THE_FORM, [say("%(field)s: '%(given)s' is not a date (YYYY-MM-DD)",
                                         field=field, given=given.strip())]) from None
