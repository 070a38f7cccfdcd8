"""The register of participants, persons, instruments and acts, with the engine's
evaluation of each instrument kept current: an incoming act recomputes only its own
instrument (and those whose clauses refer to it)."""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date

from depositary.domain.acts import Act
from depositary.domain.admissibility import ActRejected, Rejection, examine
from depositary.domain.clauses import instruments_read
from depositary.domain.continuity import continuators
from depositary.domain.engine import Evaluation, evaluate
from depositary.domain.events import Event
from depositary.domain.graphs import reached
from depositary.domain.instruments import Instrument
from depositary.domain.notifications import Notification, notify, recipients
from depositary.domain.participants import Capacity, Participant, Person, continued_record
from depositary.domain.periods import Period
from depositary.domain.phrases import PhrasedError, say
from depositary.register.councils import Councils
from depositary.register.lru import LruCache

# Evaluations and notifications a register keeps: the ones in use, not a world's. A
# register of 100,000 instruments would otherwise hold every evaluation (gigabytes) for as
# long as it lives; one forgotten is computed again when asked.
EVALUATIONS_KEPT = 20_000
NOTIFICATIONS_KEPT = 50_000


class RegisterError(PhrasedError):
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
        self._act_ids: dict[str, Act] = {}
        # (instrument, participant) → its acts: what examining one act reads, so that
        # registering many acts on one instrument does not rescan them all each time.
        self._own: dict[tuple[str, str], list[Act]] = defaultdict(list)
        self._evaluations: LruCache[str, Evaluation] = LruCache(EVALUATIONS_KEPT)
        # An instrument's evaluation from before some participants' acts changed, with
        # those participants: re-evaluated for them alone where the engine can.
        self._outdated: LruCache[str, tuple[Evaluation, set[str]]] = LruCache(
            EVALUATIONS_KEPT)
        self._heirs: dict[str, list[str]] | None = None  # continuators, while none is added
        self.events: list[Event] = []
        # The numbers given, in order; each notification's consequences are computed from
        # the engine when first asked (a replay of a long log need not evaluate them all).
        self._issued: list[tuple[str, Act]] = []
        self._issued_by_act: dict[str, tuple[str, Act]] = {}
        self._notices: LruCache[str, Notification] = LruCache(NOTIFICATIONS_KEPT)
        self._existing: dict[date, frozenset[str]] = {}  # participants existing on a day
        # instrument id → the instruments whose clauses read it (unanimity amendments)
        self._readers: dict[str, set[str]] = defaultdict(set)
        self._sequence: dict[int, int] = defaultdict(int)  # year → last number used
        self.councils = Councils(self)  # bodies, posts, sessions, decisions

    def with_people(self) -> Register:
        """An empty register with this one's participants and persons: for replaying one
        instrument by itself (a rebuild goes through the log instrument by instrument,
        rather than holding all of it)."""
        fresh = Register()
        fresh.participants = dict(self.participants)
        fresh.persons = dict(self.persons)
        if self._heirs is None:
            self._heirs = continuators(self.participants)
        fresh._heirs = self._heirs  # read only: computed once for every instrument's replay
        return fresh

    # -- writing -------------------------------------------------------------------------

    def add_participant(self, participant: Participant) -> None:
        if participant.code in self.participants:
            raise RegisterError(say("participant %(participant)s is already registered",
                                    participant=participant.code))
        self.participants[participant.code] = participant
        self._existing.clear()
        self._heirs = None
        self._evaluations.clear()  # it may continue a record the engine has evaluated
        self._outdated.clear()

    def add_person(self, person: Person) -> None:
        if person.id in self.persons:
            raise RegisterError(say("person '%(person)s' is already registered", person=person.id))
        self.persons[person.id] = person

    def give_capacity(self, person: str, capacity: Capacity) -> None:
        """A capacity added to a person already recorded (a `capacity` entry). The same
        capacity twice is refused: it would say nothing new and hide a typing slip."""
        found = self.persons.get(person)
        if found is None:
            raise RegisterError(say("no person '%(person)s' in the register to give a capacity to",
                                    person=person))
        if capacity in found.capacities:
            raise RegisterError(say("%(person)s already holds this capacity for %(participant)s",
                                    person=person, participant=capacity.participant))
        self.persons[person] = replace(found, capacities=(*found.capacities, capacity))

    def add_event(self, event: Event) -> None:
        """Record a dated event; its participants must be registered."""
        unknown = [code for code in event.participants if code not in self.participants]
        if unknown:
            raise RegisterError(say("event of %(day)s: unknown participant '%(participant)s'",
                                    day=event.day, participant=unknown[0]))
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
                raise RegisterError(say("instrument '%(instrument)s' is already registered",
                                        instrument=key))
        targets = instruments_read(instrument.clauses.entry_into_force)
        for target in targets:
            # Registered first, so that dependencies can never form a cycle.
            if target not in self._aliases:
                raise RegisterError(say(
                    "%(instrument)s: its entry-into-force clause refers to '%(target)s', which "
                    "must be registered before it", instrument=instrument.alias, target=target))
        for target in targets:
            self._readers[self._aliases[target]].add(instrument.id)
        self.instruments[instrument.id] = instrument
        self._aliases[instrument.id] = instrument.id
        self._aliases[instrument.alias] = instrument.id

    def deposit(self, act: Act) -> Evaluation:
        """Examine `act` and register it, or raise ActRejected and change nothing. Returns
        the instrument's evaluation with the act in; its notification is the register's
        latest (`notifications[-1]`)."""
        self.deposit_all([act])
        return self.evaluation(act.instrument)

    def deposit_all(
        self, acts: Iterable[Act], *, on_rejection: Callable[[ActRejected], None] | None = None,
        examine: bool = True,
    ) -> None:
        """Deposit a batch of acts in receipt order, each examined against the register as
        it stood when the act arrived. All or nothing: if one is rejected, none is kept;
        unless `on_rejection` is given, which is told of each rejected act while the others
        are kept (an import that reports bad rows and goes on).

        The engine evaluates an instrument only when an examination needs it, so a batch
        costs about one evaluation per instrument; the notifications are numbered in the
        order the acts were given (the log's order)."""
        given_order = list(acts)
        batch: list[Act] = []
        try:
            for given in sorted(given_order, key=lambda a: a.sort_key):
                try:
                    batch.append(self._append(given, examine))
                except ActRejected as rejected:
                    if on_rejection is None:
                        raise
                    on_rejection(rejected)
        except (ActRejected, RegisterError):
            self._undo(batch)
            raise
        # Numbered in the order the acts were registered (the log's order), so that a
        # replay of the log gives every notification the number it was first given.
        position = {act.id: n for n, act in enumerate(given_order)}
        for act in sorted(batch, key=lambda a: position[a.id]):
            year = act.received.year
            self._sequence[year] += 1
            issued = (f"{self._sequence[year]}.{year}", act)
            self._issued.append(issued)
            self._issued_by_act[act.id] = issued

    def notification_of(self, act_id: str) -> Notification | None:
        """The notification of an act, with the consequences the engine gives it now:
        computed when first asked and kept while among the most recently used; one
        forgotten and asked again gives the consequences the engine gives then (the
        log's notification entry is the record of what was notified)."""
        notice = self._notices.find(act_id)
        if notice is None:
            found = self._issued_by_act.get(act_id)
            if found is None:
                return None
            number, act = found
            instrument = self.instruments[act.instrument]
            notice = notify(number, act, instrument, self.evaluation(instrument.id))
            self._notices.keep(act_id, notice)
        return notice

    @property
    def notifications(self) -> list[Notification]:
        """Every notification, in the order of their numbers."""
        found = [self.notification_of(act.id) for _, act in self._issued]
        return [n for n in found if n is not None]

    def _append(self, act: Act, examined: bool = True) -> Act:
        instrument = self.instrument(act.instrument)
        if act.instrument != instrument.id:
            act = replace(act, instrument=instrument.id)
        rejections = examine(
            act, instrument, self._relevant(act, instrument.id), self.participants,
            lambda: self.evaluation(instrument.id),
        ) if examined else []
        if act.id in self._act_ids and not any(r.rule == "register" for r in rejections):
            rejections.append(
                Rejection("register", f"an act with id {act.id!r} is already registered")
            )
        if rejections:
            raise ActRejected(act, rejections)
        self._acts[instrument.id].append(act)
        self._own[(instrument.id, act.participant)].append(act)
        self._act_ids[act.id] = act
        self._invalidate(instrument.id, act.participant)
        return act

    def _relevant(self, act: Act, instrument: str) -> list[Act]:
        """The earlier acts an examination of `act` reads: its author's and its
        predecessors' on the instrument, and the act it refers to."""
        found = [
            a for code in continued_record(act.participant, self.participants)
            for a in self._own.get((instrument, code), ())
        ]
        target = self._act_ids.get(act.refers_to or "")
        if target is not None and target.instrument == instrument and target not in found:
            found.append(target)
        return found

    def _undo(self, batch: Sequence[Act]) -> None:
        for act in reversed(batch):
            self._acts[act.instrument].remove(act)
            self._own[(act.instrument, act.participant)].remove(act)
            self._act_ids.pop(act.id, None)
            self._invalidate(act.instrument, act.participant)

    # -- reading -------------------------------------------------------------------------

    def __contains__(self, key: object) -> bool:
        """Whether the register holds an instrument of this id or alias."""
        return isinstance(key, str) and (key in self._aliases or key.lower() in self._aliases)

    def instrument(self, key: str) -> Instrument:
        """An instrument by id or alias (aliases in any case)."""
        found = self._aliases.get(key) or self._aliases.get(key.lower())
        if found is not None:
            return self.instruments[found]
        aliases = sorted(i.alias for i in self.instruments.values())
        close = difflib.get_close_matches(key.lower(), aliases, n=1)
        if close:
            raise RegisterError(say(
                "no instrument '%(key)s' in this register; did you mean '%(close)s'? the "
                "aliases are: %(aliases)s (`depositary instruments` lists them)", key=key,
                close=close[0], aliases=", ".join(aliases)))
        raise RegisterError(say(
            "no instrument '%(key)s' in this register; the aliases are: %(aliases)s "
            "(`depositary instruments` lists them)", key=key, aliases=", ".join(aliases)))

    def recipients(self, notification: Notification) -> tuple[str, ...]:
        """Who a notification goes to (VCLT 77(1)(e)): the participants involved and the
        states entitled to become parties."""
        instrument = self.instruments[notification.instrument]
        day = notification.day
        if day not in self._existing:
            self._existing[day] = frozenset(
                code for code, p in self.participants.items() if p.exists_on(day)
            )
        return recipients(day, instrument, self.evaluation(instrument.id), self._existing[day])

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
        raise RegisterError(say(
            "no participant '%(code)s' in this register; give an ISO 3166 alpha-3 code or a "
            "name; the participants are: %(participants)s", code=code,
            participants=", ".join(sorted(self.participants))))

    def act(self, act_id: str) -> Act | None:
        """The registered act with this id, if any."""
        return self._act_ids.get(act_id)

    def acts(self, instrument: str | None = None) -> Sequence[Act]:
        if instrument is not None:
            return tuple(self._acts[self.instrument(instrument).id])
        return tuple(a for acts in self._acts.values() for a in acts)

    def evaluation(self, instrument: str) -> Evaluation:
        """The engine's evaluation of an instrument, computed once per change."""
        key = self.instrument(instrument).id
        cached = self._evaluations.find(key)
        if cached is None:
            if self._heirs is None:
                self._heirs = continuators(self.participants)
            previous, changed = self._outdated.find(key) or (None, set())
            self._outdated.forget(key)
            cached = evaluate(
                self.instruments[key], self._acts[key], self.participants, self.parties_of,
                self._heirs, self.bound_from, previous, changed,
            )
            self._evaluations.keep(key, cached)
        return cached

    def kept_evaluation(self, instrument: str) -> Evaluation | None:
        """The instrument's evaluation if it is computed already, else None (nothing is
        evaluated)."""
        return self._evaluations.find(self.instrument(instrument).id)

    def parties_of(self, instrument: str, day: date) -> frozenset[str]:
        """The participants for which `instrument` was in force on `day`."""
        return self.evaluation(instrument).parties_on(day)

    def bound_from(self, instrument: str) -> dict[str, list[Period]]:
        """Each participant's periods in force under `instrument` (a tacit amendment's
        reading of the parties to the treaty it amends)."""
        return self.evaluation(instrument).periods_in_force()

    def dependants(self, instrument: str) -> set[str]:
        """The instrument and every instrument whose clauses depend on it, directly or
        through others (unanimity amendments and their like)."""
        return reached([self.instrument(instrument).id], self._readers)

    def _invalidate(self, instrument_id: str, participant: str) -> None:
        """Forget the evaluation of the instrument and of its dependants. The instrument's
        own is kept aside with the participant whose acts changed, for the engine to
        re-evaluate that participant alone where it can (`engine.evaluate`'s `previous`);
        a dependant reads the whole instrument, and is evaluated afresh."""
        for key in self.dependants(instrument_id):
            found = self._evaluations.find(key)
            self._evaluations.forget(key)
            if key != instrument_id:
                self._outdated.forget(key)
            elif found is not None:
                self._outdated.keep(key, (found, {participant}))
            elif (outdated := self._outdated.find(key)) is not None:
                outdated[1].add(participant)

