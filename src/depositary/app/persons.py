"""The persons of the register as the administrator records them, without a register
file: a person (an id and names), then a capacity for a participant from a day (VCLT 7),
each an entry of the log, examined like any other (a duplicate id or an unknown person is
refused by the register's own rule). Who may write them is the operations' to check."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from depositary.app.stored import Refusal, StoredRegister
from depositary.domain.participants import Role
from depositary.domain.phrases import say
from depositary.log.entries import EntryKind

# A person's id is typed to sign in and appears in URLs and in the log: lower-case ASCII
# letters and digits, words joined by single hyphens ("kaz-mfa", "officer-2").
PERSON_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
PERSON_ID_RULE = say("a person's id is lower-case letters and digits, words joined by hyphens "
                     "(kaz-mfa), at most 64 characters")
LANGUAGES = ("en", "ru")


def no_person(person: str) -> Refusal:
    """The refusal for a person the register does not hold, with how to record one: the
    register file is not the only way."""
    return Refusal(say(
        "no person '%(person)s' in the register: record them first, with `depositary person "
        "add %(person)s --name-en NAME` or on the administrator's desk (/desk/people)",
        person=person)
    )


class Persons:
    def __init__(self, ledger: StoredRegister) -> None:
        self.ledger = ledger

    def add(self, person: str, names: Mapping[str, str], by: str) -> None:
        """A person recorded with their names (English, and Russian if given)."""
        if not PERSON_ID.fullmatch(person) or len(person) > 64:
            raise Refusal(say("'%(person)s': %(rule)s", person=person, rule=PERSON_ID_RULE))
        given = {lang: text.strip() for lang, text in names.items()
                 if lang in LANGUAGES and text.strip()}
        if "en" not in given:
            raise Refusal(say("a person has a name in English (the register's first language)"))
        if person in self.ledger.register().persons:
            raise Refusal(say("a person '%(person)s' is already in the register: choose "
                              "another id, or give this one a capacity", person=person))
        self.ledger.append([(EntryKind.PERSON, person, {"id": person, "names": given})], by)

    def give_capacity(self, person: str, participant: str, role: Role, start: date,
                      end: date | None, title: str, by: str) -> None:
        """A capacity of the person for the participant from `start` until `end` (the
        first day it no longer holds; none while it lasts)."""
        register = self.ledger.register()
        if person not in register.persons:
            raise no_person(person)
        if participant not in register.participants:
            raise Refusal(say("no participant '%(participant)s' in the register: choose one "
                              "of its participants", participant=participant))
        if end is not None and end <= start:
            raise Refusal(say("the capacity ends (%(end)s) on or before it starts (%(start)s)",
                              end=end, start=start))
        if any(c.participant == participant and c.role is role and c.period.start == start
               for c in register.persons[person].capacities):
            raise Refusal(say("%(person)s already holds the capacity %(role)s of %(participant)s "
                              "from %(start)s", person=person, role=role.said,
                              participant=participant, start=start))
        payload = {"person": person, "participant": participant, "role": role.value,
                   "from": start.isoformat(), "until": end.isoformat() if end else None,
                   "title": title.strip()}
        self.ledger.append([(EntryKind.CAPACITY, person, payload)], by)
