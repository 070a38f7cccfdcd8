"""Depositary notifications as entries of the log (VCLT 77(1)(e), 78): numbered per year
without gaps or reuse, with the consequences the engine computed, the recipients, and the
text in Russian and English from templates."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from depositary.domain.acts import Act, ActKind
from depositary.domain.instruments import Instrument
from depositary.domain.notifications import Notification
from depositary.register import Register

_templates = Environment(
    loader=PackageLoader("depositary", "templates"), undefined=StrictUndefined,
    trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    # The package's templates do not change while we run: no file check per notification
    # (two stat calls each, thousands of times in an import).
    auto_reload=False,
)

# The act kinds in Russian, as a depositary's notification names them.
KINDS_RU: Mapping[ActKind, str] = {
    ActKind.SIGNATURE: "подписание",
    ActKind.SIGNATURE_AD_REFERENDUM: "подписание ad referendum",
    ActKind.DEFINITIVE_SIGNATURE: "окончательное подписание",
    ActKind.CONCURRENCE: "согласие с решением",
    ActKind.RATIFICATION: "ратификационная грамота",
    ActKind.ACCEPTANCE: "документ о принятии",
    ActKind.APPROVAL: "документ об утверждении",
    ActKind.ACCESSION: "документ о присоединении",
    ActKind.SUCCESSION: "уведомление о правопреемстве",
    ActKind.FORMAL_CONFIRMATION: "акт официального подтверждения",
    ActKind.NOTIFICATION: "уведомление о выполнении внутригосударственных процедур",
    ActKind.ACCESSION_CONSENT: "согласие на присоединение",
    ActKind.PROVISIONAL_APPLICATION: "уведомление о временном применении",
    ActKind.PROVISIONAL_APPLICATION_END: "уведомление о прекращении временного применения",
    ActKind.RESERVATION: "оговорка",
    ActKind.RESERVATION_WITHDRAWAL: "снятие оговорки",
    ActKind.DECLARATION: "заявление",
    ActKind.DECLARATION_WITHDRAWAL: "отзыв заявления",
    ActKind.OBJECTION: "возражение",
    ActKind.OBJECTION_WITHDRAWAL: "снятие возражения",
    ActKind.OBJECTION_TO_INSTRUMENT: "возражение против поправки",
    ActKind.WITHDRAWAL: "уведомление о выходе",
    ActKind.DENUNCIATION: "уведомление о денонсации",
    ActKind.NOTICE_REVOCATION: "отзыв уведомления",
    ActKind.CEASED: "прекращение существования",
}


STATUSES_RU: Mapping[str, str] = {
    "signatory": "подписавший",
    "contracting": "договаривающийся (согласие выражено, не вступило в силу)",
    "provisionally-applying": "временно применяющий",
    "party": "участник (вступило в силу)",
    "withdrawing": "выходящий (уведомление о выходе)",
    "withdrawn": "вышедший",
    "terminated": "прекращено",
    "ceased": "прекративший существование",
}
_TEMPLATES = {language: _templates.get_template(f"notification.{language}.txt")
              for language in ("en", "ru")}
_CHANGE = re.compile(r"^(?P<who>\S+) (?P<status>[a-z-]+) from (?P<day>\d{4}-\d{2}-\d{2})$")
_IN_FORCE = re.compile(r"^(?P<what>\S+) enters into force on (?P<day>\d{4}-\d{2}-\d{2})$")


def consequence_ru(line: str, register: Register, instrument: Instrument) -> str:
    """A consequence line in Russian."""
    if match := _CHANGE.match(line):
        who = register.participants.get(match["who"])
        name = who.name(None, "ru") if who else match["who"]
        return f"{name}: {STATUSES_RU.get(match['status'], match['status'])} с {match['day']}"
    if match := _IN_FORCE.match(line):
        return f"{instrument.title('ru')}: вступает в силу {match['day']}"
    return line


def payload(
    number: str, act: Act, notification: Notification, register: Register
) -> dict[str, Any]:
    """The notification entry's payload: its facts and its texts."""
    instrument = register.instruments[notification.instrument]
    participant = register.participants.get(act.participant)
    depositary = register.participants.get(instrument.depositary)
    texts = {}
    for language, kind in (("en", act.kind.label), ("ru", KINDS_RU[act.kind])):
        name = participant.name(act.received, language) if participant else act.participant
        keeper = (
            depositary.name(act.received, language) if depositary else instrument.depositary
        )
        line = ("Depositary: " if language == "en" else "Депозитарий: ") + keeper if keeper else ""
        texts[language] = _TEMPLATES[language].render(
            number=number, instrument=instrument.title(language), depositary_line=line,
            received=act.received.isoformat(), dated=act.dated.isoformat(),
            participant=name, kind=kind,
            consequences=notification.consequences if language == "en" else [
                consequence_ru(line, register, instrument) for line in notification.consequences
            ],
        )
    return {
        "number": number,
        "date": act.received.isoformat(),
        "instrument": instrument.id,
        "act": act.id,
        "participant": act.participant,
        "kind": act.kind.value,
        "consequences": list(notification.consequences),
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
