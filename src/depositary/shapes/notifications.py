"""The depositary's notifications as the answers give them (VCLT 77(1)(e), 78).

As the register computes them from its acts, and as the log holds them once issued, with
their texts: all of them, or one page at a time.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from depositary.app.notices import said
from depositary.domain.notifications import Consequence, Notification
from depositary.locale import SOURCE_LANGUAGE
from depositary.log.entries import Entry, EntryKind
from depositary.register import Register
from depositary.shapes.evidence import provenance_json
from depositary.shapes.public import NotificationPublic, NotificationsPage, iso, one_page


def notifications_json(
    register: Register, notifications: Sequence[Notification]
) -> list[dict[str, Any]]:
    """Return notifications as the register computes them, each with its act's source."""
    acts = {a.id: a for a in register.acts()}
    return [
        {
            "number": n.number,
            "date": iso(n.day),
            "instrument": register.instrument(n.instrument).alias,
            "participant": acts[n.act].participant,
            "act": acts[n.act].kind.value,
            "consequences": [str(c) for c in n.consequences],
            "recipients": list(register.recipients(n)),
            **provenance_json(acts[n.act].provenance),
        }
        for n in notifications
    ]


def stored_notifications(
    log: Sequence[Entry], register: Register, language: str
) -> list[NotificationPublic]:
    """Return the notifications as the log holds them, with the text in the language asked."""
    rows = []
    for entry in log:
        if entry.kind != EntryKind.NOTIFICATION:
            continue
        data = entry.data()
        alias = (
            register.instruments[data["instrument"]].alias
            if data["instrument"] in register.instruments else data["instrument"]
        )
        act = register.act(data["act"])  # for a notification written before they carried it
        rows.append(NotificationPublic(
            number=data["number"], date=data["date"], instrument=alias,
            participant=data["participant"], act=data["kind"],
            consequences=_consequences(data, register, language), recipients=data["recipients"],
            text=data["texts"].get(language) or data["texts"]["en"],
            source=data.get("source", act.provenance.source if act else ""),
            confidence=data.get(
                "confidence", act.provenance.confidence.value if act else None),
        ))
    return rows


def notifications_page(log: Sequence[Entry], register: Register, language: str, page: int,
                       per_page: int) -> NotificationsPage:
    """Return one page of the log's notifications, newest first.

    Only the page's are shaped: a large register's log holds thousands.
    """
    entries = [e for e in log if e.kind == EntryKind.NOTIFICATION][::-1]
    return NotificationsPage(
        page=page, per_page=per_page, total=len(entries),
        items=stored_notifications(one_page(entries, page, per_page), register, language))


def _consequences(data: dict[str, Any], register: Register, language: str) -> list[str]:
    """A stored notification's consequences in `language`: as the log records them in
    English, else said from the facts it keeps (`effects`; a notification written before
    it kept them is shown as recorded)."""
    if language == SOURCE_LANGUAGE or "effects" not in data:
        return list(data["consequences"])
    return [said(Consequence.from_json(e), register, language) for e in data["effects"]]
