"""The depositary's workflow as named operations, each with its permission and its entry
in the log (STYLE.md: `<entity>.<verb>`):

- `key.register`, `key.revoke`, `role.grant`: an administrator's (the first administrator
  may be granted while there is none);
- `act.submit`: a participant's delegate, for its own participant only (VCLT 7: a capacity
  for that participant on the act's date), signing the act's canonical form with a key
  registered for it and valid that day;
- `act.examine`: a depositary officer; the engine's checks and the consequences the act
  would have, recorded;
- `act.register`: a depositary officer, countersigning; the act enters the register through
  the same examination as any write, and is notified;
- `act.return`: a depositary officer, with reasons.

Around them, what the desks read and never write: the engine's examination of an act
before it is signed (`precheck`, the same as the officer's), what a participant can act on
(`open_to`), a delegate's submissions and where each stands (`submissions_of`), and what
the officer checks of who signed one (`credentials`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from depositary.app.persons import no_person
from depositary.app.stored import Refusal, StoredRegister, as_items
from depositary.domain import admissibility
from depositary.domain.acts import Act, ActKind
from depositary.domain.admissibility import Rejection
from depositary.domain.engine import Evaluation
from depositary.domain.notifications import Consequence, notify
from depositary.domain.participants import Capacity, continued_record
from depositary.domain.phrases import N_, Value, joined, say
from depositary.formats.errors import FormatError, Refused
from depositary.formats.register_file import act_id, act_item, signed_message
from depositary.log.entries import Entry, EntryKind
from depositary.log.signatures import Key, check_public, usable_keys, verifies
from depositary.register import Register
from depositary.register.replay import apply_items

ADMINISTRATOR = "administrator"
OFFICER = "depositary-officer"
SECRETARIAT = "secretariat"  # sessions, agendas, decisions, appointments (docs/governance.md)
ROLES = frozenset({ADMINISTRATOR, OFFICER, SECRETARIAT})


class NotPermitted(Refusal):
    """An operation refused for who asked it; nothing was written."""


class Inadmissible(Refusal):
    """A submission the engine's examination refuses: it does not enter the queue."""

    def __init__(self, examination: Examination) -> None:
        self.examination = examination
        super().__init__(say("act.submit: the act is not admissible, and does not enter the "
                             "officer's queue: %(problems)s",
                             problems=joined(*examination.problems, separator="; ")))


class _Repeated(Exception):
    """The submission being made is already in the log, as it is: nothing to write."""


@dataclass(frozen=True, slots=True)
class Examination:
    """What an officer sees before registering: the rejections, or the consequences."""

    act: str
    problems: tuple[Value, ...]  # why it cannot be registered, said in any language
    consequences: tuple[Consequence, ...]
    # The engine's rejections as it made them (none where the act could not be read at
    # all: `problems` says why).
    refused: tuple[Rejection, ...] = ()

    @property
    def rejections(self) -> tuple[str, ...]:
        """The problems in English, as the log records them."""
        return tuple(map(str, self.problems))

    @property
    def admissible(self) -> bool:
        return not self.problems


# Where a submission stands, as its delegate follows it.
PENDING, RETURNED, REGISTERED = "pending", "returned", "registered"


@dataclass(frozen=True, slots=True)
class Submission:
    """One submission as its delegate follows it, read from the log: the act as submitted
    and where it stands: pending (examined or not yet), returned with the officer's
    reasons, or registered with its notification's number."""

    act: dict[str, Any]
    submitted_at: str  # the transaction time, UTC
    state: str  # PENDING, RETURNED or REGISTERED
    examined_at: str = ""  # the officer's last examination, while pending
    closed_at: str = ""  # when it was returned or registered
    reasons: str = ""  # the officer's, for a return
    notification: str = ""  # the number of the registered act's notification


@dataclass(frozen=True, slots=True)
class Credentials:
    """What the officer checks of who submitted an act, read again when it is examined:
    whether the signature verifies with a key its signer could use the day it came, and
    the capacity in which the signer acts for the participant (VCLT 7) on the act's date
    and on that day."""

    signed_by: str
    came_on: date
    signature_verified: bool
    capacity: Capacity | None  # on the act's date
    capacity_verified: bool  # on the act's date and on the day it came


class Workflow:
    def __init__(self, ledger: StoredRegister) -> None:
        self.ledger = ledger

    # -- what the log says ---------------------------------------------------------------

    def _log(self) -> list[Entry]:
        return self.ledger.database.entries_about(EntryKind.WORKFLOW)

    def roles(self, person: str) -> set[str]:
        return {role for who, role in self.grants() if who == person}

    def grants(self, log: list[Entry] | None = None) -> list[tuple[str, str]]:
        """Every (person, role) held now: the grants in log order, less those revoked."""
        held: dict[tuple[str, str], None] = {}
        for e in self._log() if log is None else log:
            if e.kind in {EntryKind.ROLE, EntryKind.ROLE_REVOCATION}:
                pair = (e.data()["person"], e.data()["role"])
                if e.kind == EntryKind.ROLE:
                    held[pair] = None
                else:
                    held.pop(pair, None)
        return list(held)

    def keys(self, person: str | None = None) -> list[Key]:
        """A person's keys, or everyone's, with their revocations."""
        revoked = {
            (e.data()["person"], e.data()["public"]): date.fromisoformat(e.data()["day"])
            for e in self._log() if e.kind == EntryKind.KEY_REVOCATION
        }
        return [
            Key(d["person"], d["public"], date.fromisoformat(d["valid_from"]),
                revoked.get((d["person"], d["public"])))
            for e in self._log() if e.kind == EntryKind.KEY
            for d in [e.data()] if person is None or d["person"] == person
        ]

    def pending(self) -> list[dict[str, Any]]:
        """Submissions neither registered nor returned, oldest first."""
        log = self._log()
        closed = {e.key for e in log if e.kind == EntryKind.RETURN}
        registered = {a.id for a in self.ledger.register().acts()}
        return [
            e.data() | {"submitted_at": e.recorded_at} for e in log
            if e.kind == EntryKind.SUBMISSION and e.key not in closed and e.key not in registered
        ]

    def submissions_of(self, person: str) -> list[Submission]:
        """The submissions `person` signed, newest first, each with where it stands. An id
        names one submission only (`assign_id`), so the entries keyed by it (its
        examinations, its return, the act registered) are that submission's."""
        log = self._log()
        mine = [e for e in log if e.kind == EntryKind.SUBMISSION
                and e.data().get("signed_by") == person]
        returned = {e.key: e for e in log if e.kind == EntryKind.RETURN}
        examined = {e.key: e.recorded_at for e in log if e.kind == EntryKind.EXAMINATION}
        registered = {e.key: e for e in self.ledger.database.keyed(
            EntryKind.ACT, [e.key for e in mine])}
        register = self.ledger.register() if registered else None
        found = []
        for entry in reversed(mine):
            act, came = entry.data()["act"], entry.recorded_at
            if entry.key in registered:
                assert register is not None
                notice = register.notification_of(entry.key)
                found.append(Submission(
                    act, came, REGISTERED, closed_at=registered[entry.key].recorded_at,
                    notification=notice.number if notice else ""))
            elif entry.key in returned:
                back = returned[entry.key]
                found.append(Submission(act, came, RETURNED, closed_at=back.recorded_at,
                                        reasons=back.data()["reasons"]))
            else:
                found.append(Submission(act, came, PENDING,
                                        examined_at=examined.get(entry.key, "")))
        return found

    # -- administrator -------------------------------------------------------------------

    def grant(self, person: str, role: str, by: str, *, bootstrap: bool = True) -> None:
        """`role.grant`: give a person a role. The first administrator may be granted by
        anyone with `bootstrap` (whoever runs the CLI on the server, and may read its
        database); over the web, never: someone must already be administrator."""
        if role not in ROLES:
            raise Refusal(say("no role '%(role)s'; the roles are %(roles)s", role=role,
                              roles=", ".join(sorted(ROLES))))
        self._person(person)
        # Whoever runs the CLI on the server may name an administrator while nobody holds
        # the role (the first one, or after a register lost its last one before that
        # was refused); over the web, only an administrator grants.
        first = bootstrap and role == ADMINISTRATOR and not any(
            r == ADMINISTRATOR for _, r in self.grants())
        if not first:
            self.require_role(by, ADMINISTRATOR, "role.grant")

        def still_permitted() -> None:  # under the append lock
            if first is False:
                self.require_role(by, ADMINISTRATOR, "role.grant")

        self.ledger.append([(EntryKind.ROLE, person, {"person": person, "role": role})], by,
                           check=still_permitted)

    def revoke_role(self, person: str, role: str, by: str) -> None:
        """`role.revoke`: take a role back. The last administrator keeps theirs, so that
        someone can always grant roles: counted under the append lock, so that two
        administrators revoking each other at once cannot both succeed."""

        def permitted() -> None:
            self.require_role(by, ADMINISTRATOR, "role.revoke")
            held = self.grants()
            if (person, role) not in held:
                raise Refusal(say("%(person)s does not hold the role %(role)s", person=person,
                                   role=role))
            if role == ADMINISTRATOR and sum(r == ADMINISTRATOR for _, r in held) == 1:
                raise Refusal(say("%(person)s is the last administrator: grant the role to "
                                  "another person first", person=person))

        permitted()  # refused at once, where it can be, without taking the lock
        self.ledger.append(
            [(EntryKind.ROLE_REVOCATION, person, {"person": person, "role": role})], by,
            check=permitted,
        )

    def register_key(self, person: str, public: str, valid_from: date, by: str) -> None:
        """`key.register`: a person's public key, valid from a day. A key belongs to one
        person: a signature it makes is attributable to that person alone."""
        self.require_role(by, ADMINISTRATOR, "key.register")
        self._person(person)
        check_public(public)

        def unregistered() -> None:  # under the append lock
            for key in self.keys():
                if key.public != public:
                    continue
                if key.person != person:
                    raise Refusal(say("this key is registered for %(person)s: a key belongs "
                                      "to one person", person=key.person))
                if key.revoked_on is None:
                    raise Refusal(say("this key is already registered for %(person)s, from "
                                      "%(day)s", person=person, day=key.valid_from))
                raise Refusal(say("this key of %(person)s was revoked on %(day)s: a revoked "
                                  "key is not registered again; make a new one", person=person,
                                  day=key.revoked_on))

        unregistered()
        payload = {"person": person, "public": public, "valid_from": valid_from.isoformat()}
        self.ledger.append([(EntryKind.KEY, person, payload)], by, check=unregistered)

    def revoke_key(self, person: str, public: str, day: date, by: str) -> None:
        """`key.revoke`: from `day` on, the key signs nothing."""
        self.require_role(by, ADMINISTRATOR, "key.revoke")
        if not any(k.public == public for k in self.keys(person)):
            raise Refusal(say("%(person)s has no such key registered", person=person))
        payload = {"person": person, "public": public, "day": day.isoformat()}
        self.ledger.append([(EntryKind.KEY_REVOCATION, person, payload)], by)

    # -- delegate ------------------------------------------------------------------------

    def submit(self, act: Act, person: str, signature: str, today: date) -> bool:
        """`act.submit`: a delegate submits an act of its own participant, signed. The
        act's id is the depositary's (`assign_id`). An act the engine finds inadmissible
        on the register as it is does not enter the officer's queue, whichever door it
        comes through (the desk shows the same examination before it is signed). False if
        this very submission (the same act, the same signature) was made before: nothing
        is written again."""
        self.check_delegate(act, person, today)
        self.check_signature(person, signed_payload(act), signature, today, "act.submit")
        examination = self.trial(act.id, act_item(act)[2])
        if not examination.admissible:
            raise Inadmissible(examination)
        payload = {"act": act_item(act)[2], "signed_by": person, "signature": signature}

        def first_of_its_id() -> None:  # under the append lock: no two with one id
            for earlier in self.ledger.database.entries_about(
                    [EntryKind.SUBMISSION], key=act.id):
                if earlier.data() == payload:
                    raise _Repeated
                raise Refusal(say("an act '%(act)s' has already been submitted: ask for the "
                                  "next id (POST /api/submissions/message)", act=act.id))
            if self.ledger.database.keyed(EntryKind.ACT, [act.id]):
                raise Refusal(say("an act '%(act)s' is already in the register", act=act.id))

        try:
            self.ledger.append([(EntryKind.SUBMISSION, act.id, payload)], person,
                               check=first_of_its_id)
        except _Repeated:
            return False
        return True

    def check_delegate(self, act: Act, person: str, today: date) -> None:
        """Refuse an act `person` cannot submit today: received on another day, for a
        participant they do not act for, under an id that is not the depositary's, on an
        instrument the register does not hold."""
        if act.received != today:
            raise NotPermitted(say(
                "the depositary records the date of receipt (%(today)s); the act says "
                "%(received)s [VCLT 16, 78: consent takes effect on receipt]", today=today,
                received=act.received))
        register = self.ledger.register()
        delegate = self._person(person, register)
        # VCLT 7: the delegate must hold the capacity when the act is made and when it is
        # submitted: a former delegate cannot send in an act dated back into its term.
        for day, when in ((act.dated, say("on the act's date")), (today, say("today"))):
            if delegate.capacity_on(act.participant, day) is None:
                raise NotPermitted(say(
                    "%(person)s has no capacity to act for %(participant)s %(when)s (%(day)s) "
                    "[VCLT 7]: a delegate submits acts of its own participant, while it acts "
                    "for it", person=person, participant=act.participant, when=when, day=day))
        base = act_id(act.instrument, act.participant, act.kind, act.received)
        if act.id != base and not re.fullmatch(re.escape(base) + r"-[1-9][0-9]*", act.id):
            raise NotPermitted(say(
                "act ids are the depositary's: this act is %(base)s (or %(base)s-2, -3 … for "
                "another of the same day), not '%(act)s'", base=base, act=act.id))
        register.instrument(act.instrument)  # an unknown instrument is refused here

    def precheck(self, act: Act, person: str, today: date) -> Examination:
        """What the delegate is shown before signing: the delegate's own checks
        (`check_delegate`), then the engine's examination of the act as the officer's will
        make it (`trial`). Nothing is written: the desk refuses an inadmissible act before
        it is signed (`submit` refuses it at every door), and the officer still examines
        what comes, on the register as it is then."""
        self.check_delegate(act, person, today)
        return self.trial(act.id, act_item(act)[2])

    def assign_id(self, act: Act) -> Act:
        """The act with the id the depositary gives it: instrument/participant/kind/day
        of receipt, and -2, -3 … for a second, third act of the same kind that day.

        An id is never given twice, not even after a return: the returned submission
        stays in the log under its id with its examinations and its return, and its
        correction, resubmitted the same day, is -2. So every entry keyed by an id
        speaks of one submission, and `verify` reads one signing day for each act,
        without a rule of which of several submissions of one id was registered. The
        returned instrument was received, and the log says so; the law counts the day
        the corrected one is received (VCLT 16, 78), which the act states whatever its
        id's suffix."""
        base = act_id(act.instrument, act.participant, act.kind, act.received)
        submitted = {e.key for e in self.ledger.database.entries_about([EntryKind.SUBMISSION])}
        n = 1
        while True:
            found = base if n == 1 else f"{base}-{n}"
            if found not in submitted and not self.ledger.database.keyed(EntryKind.ACT,
                                                                        [found]):
                return replace(act, id=found)
            n += 1

    # -- depositary officer --------------------------------------------------------------

    def examine(self, act_id: str, officer: str) -> Examination:
        """`act.examine`: the engine's checks and the consequences, recorded."""
        self.require_role(officer, OFFICER, "act.examine")
        result = self.trial(act_id, self._submission(act_id)["act"])
        payload = {"act": act_id, "rejections": list(result.rejections),
                   "consequences": [str(c) for c in result.consequences],
                   "effects": [c.json() for c in result.consequences]}
        self.ledger.append([(EntryKind.EXAMINATION, act_id, payload)], officer)
        return result

    def register(self, act_id: str, officer: str, countersignature: str, today: date
                 ) -> Entry:
        """`act.register`: the act enters the register, countersigned by the officer: the
        officer's Ed25519 signature of the act's canonical form (`message`), made where
        the officer's key is (the browser, `depositary sign`), never on the server."""
        self.require_role(officer, OFFICER, "act.register")
        submission = self._submission(act_id)
        data = dict(submission["act"])
        message = signed_message(data)
        self.check_signature(officer, message, countersignature, today, "act.register")
        data |= {
            "signed_by": submission["signed_by"], "signature": submission["signature"],
            "countersigned_by": officer, "countersignature": countersignature,
        }
        entry, *_notification = self.ledger.append(
            [(EntryKind.ACT, act_id, data)], officer, signed=True
        )
        return entry

    def trial(self, act_id: str, act: Mapping[str, Any]) -> Examination:
        """The engine's checks of an act and the consequences it would have, on a register
        replayed from the log with the act in (the register in use is never touched):
        what the officer's examination records, and what a delegate sees before signing.
        Writes nothing."""
        trial = Register()
        try:
            apply_items(trial, [*as_items(self.ledger.database.entries()),
                                (EntryKind.ACT, act_id, dict(act))], "examination")
            found = next(a for a in trial.acts() if a.id == act_id)
            instrument = trial.instrument(found.instrument)
            preview = notify("", found, instrument, trial.evaluation(instrument.id))
            return Examination(act_id, (), preview.consequences)
        except FormatError as error:
            return Examination(act_id, tuple(error.said_problems), (),
                               error.rejections if isinstance(error, Refused) else ())

    def credentials(self, act_id: str) -> Credentials:
        """Who signed a pending submission, and whether their signature and capacity hold,
        checked again as the officer examines it: the signature with the keys the signer
        could use the day it came, as recorded before it (as `verify` will check the
        registered act), the capacity as the register records it now (a term corrected
        since shows)."""
        self._submission(act_id)  # refused unless pending
        (entry,) = self.ledger.database.entries_about([EntryKind.SUBMISSION], key=act_id)
        data, came = entry.data(), date.fromisoformat(entry.recorded_at[:10])
        person, act = data["signed_by"], data["act"]
        keys = usable_keys(self._log(), person, came, before=entry.seq)
        message = signed_message(dict(act))
        signer = self.ledger.register().persons.get(person)
        dated = date.fromisoformat(act["dated"])
        capacity = signer.capacity_on(act["participant"], dated) if signer else None
        still = signer.capacity_on(act["participant"], came) if signer else None
        return Credentials(
            person, came, any(verifies(k, message, data["signature"]) for k in keys),
            capacity, capacity is not None and still is not None,
        )

    def return_act(self, act_id: str, officer: str, reasons: str) -> None:
        """`act.return`: the submission goes back to its delegate, with the reasons."""
        self.require_role(officer, OFFICER, "act.return")
        self._submission(act_id)
        if not reasons.strip():
            raise Refusal(say("a return states its reasons"))
        self.ledger.append([(EntryKind.RETURN, act_id, {"act": act_id, "reasons": reasons})],
                           officer)

    # -- checks --------------------------------------------------------------------------

    def require_role(self, person: str, role: str, operation: str) -> None:
        """Refuse `operation` to a person without `role`."""
        if role not in self.roles(person):
            raise NotPermitted(say("%(operation)s needs the role %(role)s; %(person)s does not "
                                    "hold it", operation=operation, role=role, person=person))

    def _person(self, person: str, register: Register | None = None) -> Any:
        found = (register or self.ledger.register()).persons.get(person)
        if found is None:
            raise no_person(person)
        return found

    def message(self, act_id: str) -> str:
        """The canonical text of a pending submission's act: what its delegate signed and
        what the officer countersigns."""
        return signed_message(dict(self._submission(act_id)["act"]))

    def _submission(self, act_id: str) -> dict[str, Any]:
        for pending in self.pending():
            if pending["act"]["id"] == act_id:
                return pending
        raise Refusal(say("no pending submission of an act '%(act)s'", act=act_id))

    def check_signature(
        self, person: str, message: str, signature: str, today: date, operation: str,
        what: str = "act",
    ) -> None:
        """Refuse a signature that no key of `person` valid on `today` verifies."""
        signed = {"operation": operation, "person": person}
        if not signature:
            raise NotPermitted(say(UNSIGNED[what], **signed))
        keys = usable_keys(self._log(), person, today)
        if not keys:
            raise NotPermitted(say("%(operation)s: %(person)s has no key valid on %(day)s",
                                   day=today, **signed))
        if not any(verifies(k, message, signature) for k in keys):
            raise NotPermitted(say(NOT_THEIRS[what], **signed))


# What is signed: an act (its delegate's, its officer's countersignature) or a position.
UNSIGNED = {
    "act": N_("%(operation)s: no signature: sign the act's canonical text with your key, in "
              "the browser (the desk) or with `depositary sign`, and send the signature"),
    "position": N_("%(operation)s: no signature: sign the position's canonical text with your "
                   "key, in the browser (the desk) or with `depositary sign`, and send the "
                   "signature"),
}
NOT_THEIRS = {
    "act": N_("%(operation)s: the signature is not %(person)s's signature of this act"),
    "position": N_("%(operation)s: the signature is not %(person)s's signature of this "
                   "position"),
}


def signed_payload(act: Act) -> str:
    """The canonical text a delegate signs: the act's payload, without signatures."""
    return signed_message(act_item(act)[2])


# Up to this many instruments, `open_to` asks the engine's checks of every kind on every
# instrument (a few milliseconds for the Commonwealth's register); beyond, a desk page
# would evaluate a world of instruments, and every kind is offered where the instrument
# has not ended: the examination before signing refuses the rest.
KINDS_CHECKED_UP_TO = 2_000


def open_to(register: Register, participant: str, day: date, kinds: Iterable[ActKind]
            ) -> dict[str, list[ActKind]]:
    """The instruments `participant` can act on on `day`, by id, each with those of
    `kinds` the engine's checks would admit of it there (domain/admissibility.py, on the
    register as it is, with the register's own evaluations). An instrument with none
    (terminated, not open to the participant, not yet adopted) is left out. What these
    checks cannot see without the act in (its consequences) the examination before
    signing sees."""
    participants = register.participants
    if participant not in participants:
        return {}
    kinds = list(kinds)
    checked = len(register.instruments) <= KINDS_CHECKED_UP_TO
    record = set(continued_record(participant, participants))
    found: dict[str, list[ActKind]] = {}
    for instrument in register.instruments.values():
        if instrument.terminated is not None and instrument.terminated <= day:
            continue  # VCLT 54, 59: nothing is done on it any more
        if not checked:
            found[instrument.id] = kinds
            continue
        earlier = [a for a in register.acts(instrument.id) if a.participant in record]

        def evaluation(key: str = instrument.id) -> Evaluation:
            return register.evaluation(key)

        admitted = [kind for kind in kinds if not admissibility.examine(
            Act("", instrument.id, participant, kind, day, day), instrument, earlier,
            participants, evaluation)]
        if admitted:
            found[instrument.id] = admitted
    return found
