"""Onboarding without a register file: a person recorded (`person.add`), given a capacity
for a participant (`capacity.give`), and invited to set their password (`account.invite`,
also the reset of a forgotten one). An administrator's, or whoever runs the CLI at the
database (who must be able to record the first administrator before anyone holds a role).
"""

from __future__ import annotations

from datetime import date

from pydantic import Field

from depositary.app.accounts import Accounts
from depositary.app.operations.councils import Nothing
from depositary.app.operations.registry import Answer, Caller, Input, Operation
from depositary.app.persons import Persons
from depositary.app.stored import StoredRegister
from depositary.app.workflow import ADMINISTRATOR, Workflow
from depositary.domain.participants import Role
from depositary.log.entries import EntryKind


class PersonIn(Input):
    id: str = Field(max_length=64)
    names: dict[str, str]  # by language: "en" (required), "ru"


class PersonAdded(Answer):
    person: str


def add_person(ledger: StoredRegister, caller: Caller, given: PersonIn,
               _: str) -> PersonAdded:
    """A person recorded in the register, with their names in English and Russian."""
    _administrator(ledger, caller, "person.add")
    Persons(ledger).add(given.id, given.names, caller.person)
    return PersonAdded(person=given.id)


class CapacityIn(Input):
    participant: str
    role: Role = Role.PLENIPOTENTIARY  # a delegate, who acts with full powers (VCLT 7(1))
    start: date
    end: date | None = None  # the first day the capacity no longer holds
    title: str = Field(default="", max_length=200)


class CapacityGiven(Answer):
    person: str
    participant: str
    role: Role
    start: date
    end: date | None


def give_capacity(ledger: StoredRegister, caller: Caller, given: CapacityIn,
                  person: str) -> CapacityGiven:
    """A person given a capacity to act for a participant from a day (a delegate, a
    minister...), until a day if it is known."""
    _administrator(ledger, caller, "capacity.give")
    participant = given.participant.strip().upper()
    Persons(ledger).give_capacity(person, participant, given.role, given.start, given.end,
                                  given.title, caller.person)
    return CapacityGiven(person=person, participant=participant, role=given.role,
                         start=given.start, end=given.end)


class Invited(Answer):
    person: str
    secret: str = Field(description="The invitation's secret, in this answer only: the "
                        "link is /desk/invitation/SECRET; it is kept as its hash.")
    expires_at: str


def invite(ledger: StoredRegister, caller: Caller, _: Nothing, person: str) -> Invited:
    """A one-time link through which a person sets their own password: a newcomer's first,
    or a new one after a reset; it expires in seven days."""
    _administrator(ledger, caller, "account.invite")
    secret, expires = Accounts(ledger).invite(person, caller.person)
    return Invited(person=person, secret=secret,
                   expires_at=expires.isoformat(timespec="seconds"))


def _administrator(ledger: StoredRegister, caller: Caller, operation: str) -> None:
    if not caller.local:
        Workflow(ledger).require_role(caller.person, ADMINISTRATOR, operation)


WHO = "an administrator (or at the database)"
OPERATIONS = (
    Operation("person.add", WHO, EntryKind.PERSON, PersonIn, PersonAdded, add_person),
    Operation("capacity.give", WHO, EntryKind.CAPACITY, CapacityIn, CapacityGiven,
              give_capacity, target="person"),
    Operation("account.invite", WHO, "", Nothing, Invited, invite, target="person"),
)
