"""The depositary's operations on acts and on who may do what: a delegate submits an act,
signed where the key is; a depositary officer examines it, registers it countersigned, or
returns it; an administrator grants and revokes roles and registers and revokes keys. The
rules are the workflow's (`app/workflow.py`); here each is named, typed and registered."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import ConfigDict, Field

from depositary.app.operations.councils import Nothing
from depositary.app.operations.registry import Answer, Caller, Input, Operation
from depositary.app.stored import StoredRegister
from depositary.app.workflow import Workflow
from depositary.domain.phrases import as_json
from depositary.formats.register_file import read_act_payload
from depositary.log.entries import EntryKind


class SubmissionIn(Input):
    model_config = ConfigDict(extra="forbid")

    # The act's fields, as in the register format (docs/data-format.md), with the id
    # POST /api/submissions/message gave it (one is given if it has none).
    act: dict[str, Any]
    # The delegate's Ed25519 signature (base64) of the act's canonical form, made where
    # the delegate's key is: in the browser, or with `depositary sign`.
    signature: str = Field(max_length=200)


class Submitted(Answer):
    act: str
    already_submitted: bool | None = None  # true where it was submitted before, as it is

    def wrote_nothing(self) -> bool:
        return bool(self.already_submitted)


def submit(ledger: StoredRegister, caller: Caller, given: SubmissionIn, _: str) -> Submitted:
    """The act, signed by a delegate of its participant, submitted to the depositary; it is
    received on the depositary's day."""
    workflow = Workflow(ledger)
    act = read_act_payload(given.act, "the submitted act", received=caller.today)
    if not given.act.get("id"):
        act = workflow.assign_id(act)
    if not workflow.submit(act, caller.person, given.signature, caller.today):
        return Submitted(act=act.id, already_submitted=True)
    return Submitted(act=act.id)


class Examined(Answer):
    act: str
    admissible: bool
    rejections: list[str]  # in English, as the log records them
    # The same as phrases (depositary.domain.phrases.as_json), to be said in any language.
    refusals: list[Any] = Field(default_factory=list)
    consequences: list[str]  # in English, as the log records them
    # The same as facts: the instrument (alias) and the day, with the participant and its
    # status where the consequence is a change of status.
    effects: list[dict[str, str]] = Field(default_factory=list)


def examine(ledger: StoredRegister, caller: Caller, _: Nothing, act: str) -> Examined:
    """The engine's checks of a submitted act and the consequences it would have, recorded
    in the log."""
    found = Workflow(ledger).examine(act, caller.person)
    return Examined(act=act, admissible=found.admissible, rejections=list(found.rejections),
                    refusals=[as_json(p) for p in found.problems],
                    consequences=[str(c) for c in found.consequences],
                    effects=[c.json() for c in found.consequences])


class RegistrationIn(Input):
    model_config = ConfigDict(extra="forbid")

    # The officer's Ed25519 signature (base64) of the act's canonical form (`message` in
    # GET /api/submissions/{act}): no private key is ever sent to the depositary.
    countersignature: str = Field(max_length=200)


class Registered(Answer):
    act: str
    entry: int  # the log entry the act is


def register(ledger: StoredRegister, caller: Caller, given: RegistrationIn, act: str) -> Registered:
    """The submitted act registered, countersigned by the officer; its notification
    follows."""
    entry = Workflow(ledger).register(act, caller.person, given.countersignature, caller.today)
    return Registered(act=act, entry=entry.seq)


class ReturnIn(Input):
    reasons: str = Field(min_length=1)


class Returned(Answer):
    act: str
    returned: str


def return_act(ledger: StoredRegister, caller: Caller, given: ReturnIn, act: str) -> Returned:
    """The submission returned to its delegate, with the reasons."""
    Workflow(ledger).return_act(act, caller.person, given.reasons)
    return Returned(act=act, returned=given.reasons)


class RoleIn(Input):
    person: str
    role: str  # administrator, depositary-officer or secretariat


class Granted(Answer):
    person: str
    role: str


def grant(ledger: StoredRegister, caller: Caller, given: RoleIn, _: str) -> Granted:
    """A role given to a person of the register; the first administrator may be named at
    the database itself by whoever holds it."""
    Workflow(ledger).grant(given.person, given.role, caller.person, bootstrap=caller.local)
    return Granted(person=given.person, role=given.role)


class Revoked(Answer):
    person: str
    revoked: str


def revoke_role(ledger: StoredRegister, caller: Caller, given: RoleIn, _: str) -> Revoked:
    """A role taken back; the last administrator keeps theirs."""
    Workflow(ledger).revoke_role(given.person, given.role, caller.person)
    return Revoked(person=given.person, revoked=given.role)


class KeyIn(Input):
    person: str
    public: str  # the raw Ed25519 public key, base64 (as `depositary keys generate` prints)
    valid_from: date


class KeyRegistered(Answer):
    person: str
    valid_from: date


def register_key(ledger: StoredRegister, caller: Caller, given: KeyIn, _: str) -> KeyRegistered:
    """A person's public key, valid from a day; one key belongs to one person."""
    Workflow(ledger).register_key(given.person, given.public, given.valid_from, caller.person)
    return KeyRegistered(person=given.person, valid_from=given.valid_from)


class KeyRevocationIn(Input):
    person: str
    public: str
    day: date  # from this day on, the key signs nothing


def revoke_key(ledger: StoredRegister, caller: Caller, given: KeyRevocationIn, _: str) -> Revoked:
    """A key revoked from a day on."""
    Workflow(ledger).revoke_key(given.person, given.public, given.day, caller.person)
    return Revoked(person=given.person, revoked=given.day.isoformat())


OFFICER = "a depositary officer"
ADMINISTRATOR = "an administrator"
OPERATIONS = (
    Operation("act.submit", "a delegate of the act's participant", EntryKind.SUBMISSION,
              SubmissionIn, Submitted, submit),
    Operation("act.examine", OFFICER, EntryKind.EXAMINATION, Nothing, Examined, examine,
              target="act"),
    Operation("act.register", OFFICER, EntryKind.ACT, RegistrationIn, Registered, register,
              target="act"),
    Operation("act.return", OFFICER, EntryKind.RETURN, ReturnIn, Returned, return_act,
              target="act"),
    Operation("role.grant", ADMINISTRATOR, EntryKind.ROLE, RoleIn, Granted, grant),
    Operation("role.revoke", ADMINISTRATOR, EntryKind.ROLE_REVOCATION, RoleIn, Revoked,
              revoke_role),
    Operation("key.register", ADMINISTRATOR, EntryKind.KEY, KeyIn, KeyRegistered, register_key),
    Operation("key.revoke", ADMINISTRATOR, EntryKind.KEY_REVOCATION, KeyRevocationIn, Revoked,
              revoke_key),
)
