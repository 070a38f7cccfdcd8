"""The register of participants, persons, instruments and acts, with the engine's
evaluation of each instrument kept current: an incoming act recomputes only its own
instrument (and those whose clauses refer to it)."""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date

from depositary.domain.acts import Act
from depositary.domain.admissibility import ActRejected, Rejection, examine
from depositary.domain.clauses import AllPartiesOf, AnyOf, EntryIntoForce
from depositary.domain.engine import Evaluation, evaluate
from depositary.domain.events import Event
from depositary.domain.instruments import Instrument
from depositary.domain.notifications import Notification, notify
from depositary.domain.participants import Participant, Person


class RegisterError(ValueError):
    """A request the register cannot carry out; the message names the problem."""


class Register:
    """An in-memory register. Everything enters through `add_*` and `deposit`, the same
    path for the bundled data, an import and a clerk's single act."""

    def __init__(self) -> None:
        self.participants: dict[str, Participant] = {}
        self.persons: dict[str, Person] = {}
        self.instruments: dict[str, Instrument] = {}
        self._aliases: dict[str, str] = {}
        self._acts: dict[str, list[Act]] = defaultdict(list)
        self._act_ids: set[str] = set()
        self._evaluations: dict[str, Evaluation] = {}
        self.events: list[Event] = []
        self.notifications: list[Notification] = []
        self._sequence: dict[int, int] = defaultdict(int)  # year → last number used

    # -- writing -------------------------------------------------------------------------

    def add_participant(self, participant: Participant) -> None:
        if participant.code in self.participants:
            raise RegisterError(f"participant {participant.code} is already registered")
        self.participants[participant.code] = participant

    def add_person(self, person: Person) -> None:
        if person.id in self.persons:
            raise RegisterError(f"person {person.id!r} is already registered")
        self.persons[person.id] = person

    def add_event(self, event: Event) -> None:
        """Record a dated event; its participants must be registered."""
        unknown = [code for code in event.participants if code not in self.participants]
        if unknown:
            raise RegisterError(f"event of {event.day}: unknown participant {unknown[0]!r}")
        self.events.append(event)

    def events_of(self, participant: str, until: date | None = None) -> list[Event]:
        """The participant's events, oldest first, up to `until` if given."""
        return sorted(
            (e for e in self.events
             if participant in e.participants and (until is None or e.day <= until)),
            key=lambda e: e.day,
        )

    def add_instrument(self, instrument: Instrument) -> None:
        for key in (instrument.id, instrument.alias):
            if key in self._aliases:
                raise RegisterError(f"instrument {key!r} is already registered")
        self.instruments[instrument.id] = instrument
        self._aliases[instrument.id] = instrument.id
        self._aliases[instrument.alias] = instrument.id

    def deposit(self, act: Act) -> Evaluation:
        """Examine `act` and register it, or raise ActRejected and change nothing."""
        instrument = self.instrument(act.instrument)
        act = replace(act, instrument=instrument.id)
        earlier = self._acts[instrument.id]
        before = self.evaluation(instrument.id)
        rejections = examine(
            act, instrument, earlier, self.participants,
            lambda: before,
        )
        if act.id in self._act_ids and not any(r.rule == "register" for r in rejections):
            rejections.append(
                Rejection("register", f"an act with id {act.id!r} is already registered")
            )
        if rejections:
            raise ActRejected(act, rejections)
        earlier.append(act)
        self._act_ids.add(act.id)
        self._invalidate(instrument.id)
        after = self.evaluation(instrument.id)
        year = act.received.year
        self._sequence[year] += 1
        self.notifications.append(notify(
            f"{self._sequence[year]}.{year}", act, instrument, before, after, self.participants
        ))
        return after

    def deposit_all(self, acts: Iterable[Act]) -> None:
        """Deposit many acts in receipt order, so each is examined against the register as
        it stood when the act arrived."""
        for act in sorted(acts, key=lambda a: a.sort_key):
            self.deposit(act)

    # -- reading -------------------------------------------------------------------------

    def instrument(self, key: str) -> Instrument:
        """An instrument by id or alias (aliases in any case)."""
        found = self._aliases.get(key) or self._aliases.get(key.lower())
        if found is not None:
            return self.instruments[found]
        aliases = sorted(i.alias for i in self.instruments.values())
        close = difflib.get_close_matches(key.lower(), aliases, n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise RegisterError(
            f"no instrument {key!r} in this register; {hint}"
            f"the aliases are: {', '.join(aliases)} (`depositary instruments` lists them)"
        )

    def participant(self, code: str) -> Participant:
        found = self.participants.get(code.upper())
        if found is not None:
            return found
        by_name = [
            p for p in self.participants.values()
            if any(n.text.casefold() == code.casefold() or n.short.casefold() == code.casefold()
                   for n in p.names)
        ]
        if len(by_name) == 1:
            return by_name[0]
        raise RegisterError(
            f"no participant {code!r} in this register; give an ISO 3166 alpha-3 code or a "
            f"name; the participants are: {', '.join(sorted(self.participants))}"
        )

    def acts(self, instrument: str | None = None) -> Sequence[Act]:
        if instrument is not None:
            return tuple(self._acts[self.instrument(instrument).id])
        return tuple(a for acts in self._acts.values() for a in acts)

    def evaluation(self, instrument: str) -> Evaluation:
        """The engine's evaluation of an instrument, computed once per change."""
        key = self.instrument(instrument).id
        cached = self._evaluations.get(key)
        if cached is None:
            cached = evaluate(
                self.instruments[key], self._acts[key], self.participants, self.parties_of
            )
            self._evaluations[key] = cached
        return cached

    def parties_of(self, instrument: str, day: date) -> frozenset[str]:
        """The participants for which `instrument` was in force on `day`."""
        rows = self.evaluation(instrument).chart(day)
        return frozenset(row.participant for row in rows if row.status.in_force)

    def _invalidate(self, instrument_id: str) -> None:
        self._evaluations.pop(instrument_id, None)
        alias = self.instruments[instrument_id].alias
        for other in self.instruments.values():
            if _refers_to(other.clauses.entry_into_force, {instrument_id, alias}):
                self._evaluations.pop(other.id, None)


def _refers_to(rule: EntryIntoForce | None, keys: set[str]) -> bool:
    if isinstance(rule, AllPartiesOf):
        return rule.instrument in keys
    if isinstance(rule, AnyOf):
        return any(_refers_to(alt, keys) for alt in rule.alternatives)
    return False

