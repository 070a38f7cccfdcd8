"""Depositary notifications as entries of the log (VCLT 77(1)(e), 78): numbered per year
without gaps or reuse, with the consequences the engine computed, the recipients, and the
text in Russian and English from templates."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from depositary.domain.acts import Act
from depositary.domain.notifications import Consequence, Notification
from depositary.locale import LANGUAGES, SOURCE_LANGUAGE, template_gettext, translate
from depositary.locale.labels import ACT_KINDS, STATUSES
from depositary.register import Register

_templates = Environment(
    loader=PackageLoader("depositary", "templates"), undefined=StrictUndefined,
    trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    # The package's templates do not change while we run: no file check per notification
    # (two stat calls each, thousands of times in an import).
    auto_reload=False,
)
_templates.globals["_"] = template_gettext

_TEMPLATE = _templates.get_template("notification.txt")


def said(consequence: Consequence, register: Register, language: str) -> str:
    """A consequence in `language`, naming the participant and the instrument as the
    register does on its day (the English the log records, `str(consequence)`, names them
    by code)."""
    day = consequence.day.isoformat()
    if consequence.participant is None or consequence.status is None:
        title = register.instrument(consequence.instrument).title(language)
        return translate(language, "%(instrument)s: enters into force on %(day)s",
                         instrument=title, day=day)
    who = register.participants.get(consequence.participant)
    return translate(
        language, "%(participant)s: %(status)s from %(day)s",
        participant=who.name(consequence.day, language) if who else consequence.participant,
        status=STATUSES(consequence.status.value, language), day=day)


def payload(
    number: str, act: Act, notification: Notification, register: Register
) -> dict[str, Any]:
    """The notification entry's payload: its facts and its texts."""
    instrument = register.instruments[notification.instrument]
    participant = register.participants.get(act.participant)
    depositary = register.participants.get(instrument.depositary)
    texts = {}
    for language in LANGUAGES:
        name = participant.name(act.received, language) if participant else act.participant
        keeper = (
            depositary.name(act.received, language) if depositary else instrument.depositary
        )
        texts[language] = _TEMPLATE.render(
            language=language, number=number, instrument=instrument.title(language),
            depositary=keeper, received=act.received.isoformat(), dated=act.dated.isoformat(),
            participant=name, kind=ACT_KINDS(act.kind.value, language),
            # The English text keeps the lines the log has always recorded.
            consequences=[str(c) if language == SOURCE_LANGUAGE else said(c, register, language)
                          for c in notification.consequences],
        )
    return {
        "number": number,
        "date": act.received.isoformat(),
        "instrument": instrument.id,
        "act": act.id,
        "participant": act.participant,
        "kind": act.kind.value,
        "consequences": [str(c) for c in notification.consequences],
        # The same as facts, so a page says them in its reader's language.
        "effects": [c.json() for c in notification.consequences],
        # An instrument open to every state is notified to every state (the UN's C.N.s go
        # to all Members): said once rather than listed two hundred times.
        "recipients": (
            list(register.recipients(notification))
            if instrument.clauses.participation.open_to is not None
            else "all states, and the participants"
        ),
        "texts": texts,
        # Where the act it notifies is recorded from, and how sure (the notification is
        # read without the act: a list of notifications replays nothing).
        "source": act.provenance.source,
        "confidence": act.provenance.confidence.value,
    }
