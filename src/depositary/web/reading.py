"""What a request reads: the register as it stands now (from the projections, fast), or,
for audit, as it stood at a transaction time (`as_recorded`): the log up to that time,
replayed, so that a page or an answer shows exactly what the depositary knew then
(bitemporal reading, DESIGN.md).

A past register never changes (the log only grows), so the replays asked for are kept,
keyed by the entries the log held at the time asked. What one instrument's reading needs
is replayed from that instrument's entries alone. A whole past register costs a replay of
the log up to its time, so what anyone can make the server spend on them is bounded
(FINDINGS.md F14): one replay at a time per worker, past registers kept within a count
and a number of entries, and an anonymous client allowed a few new ones per window (a
signed-in auditor is not counted); beyond that the answer is 429 with Retry-After.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from depositary.app.stored import StoredRegister, transaction_time
from depositary.domain.phrases import PhrasedError, say, say_n
from depositary.log.entries import Entry
from depositary.register import Register
from depositary.register.queries import (
    Chart,
    ParticipantView,
    in_force_for,
    participant_spans,
    status_chart,
)
from depositary.shapes.notifications import stored_notifications
from depositary.shapes.public import plain
from depositary.web.auth import Allowance

KEPT = 8  # past registers per worker
KEPT_ENTRIES = 1_000_000  # the entries of the past registers kept, in all, per worker
NEW_PER_CLIENT = 6  # new past registers an anonymous client may have made per window
WINDOW = 600.0  # seconds
WAIT = 30.0  # seconds a request waits for the replay in progress before 503


class TooManyReplays(PhrasedError):
    """This client has had its new past registers for now."""

    retry_after = int(WINDOW)


class ReplayBusy(PhrasedError):
    """A replay took too long to wait for."""

    retry_after = int(WAIT)


class PastRegisters:
    """The past registers a worker holds, and the budget that bounds making new ones."""

    def __init__(self, kept: int = KEPT, entries: int = KEPT_ENTRIES,
                 per_client: int = NEW_PER_CLIENT, window: float = WINDOW) -> None:
        self.kept, self.entries = kept, entries
        self._held: OrderedDict[tuple[str, int], Register] = OrderedDict()
        self._lock = threading.Lock()
        self._replaying = threading.Lock()
        self.allowance = Allowance({"client": per_client}, window)

    def get(self, ledger: StoredRegister, up_to: int, client: str | None) -> Register:
        """The register of the log's first `up_to` entries; `client` is charged for a new
        one (None: not counted, a signed-in person)."""
        key = (ledger.database.url, up_to)
        found = self._find(key)
        if found is not None:
            return found
        if client is not None and not self.allowance.take(client=client):
            allowed = self.allowance.limits["client"]
            raise TooManyReplays(say_n(
                "as_recorded: this client has had %(n)d past register replayed in the last "
                "%(minutes)d minutes; ask again later, ask for a time already asked, or sign in",
                "as_recorded: this client has had %(n)d past registers replayed in the last "
                "%(minutes)d minutes; ask again later, ask for a time already asked, or sign in",
                allowed, n=allowed, minutes=int(WINDOW) // 60))
        if not self._replaying.acquire(timeout=WAIT):
            raise ReplayBusy(say("as_recorded: another past register is being replayed; ask "
                                 "again in a moment"))
        try:
            found = self._find(key)  # made meanwhile by the request it waited for
            if found is None:
                found = ledger.past(up_to)
                self._keep(key, found)
        finally:
            self._replaying.release()
        return found

    def _find(self, key: tuple[str, int]) -> Register | None:
        with self._lock:
            found = self._held.get(key)
            if found is not None:
                self._held.move_to_end(key)
            return found

    def _keep(self, key: tuple[str, int], register: Register) -> None:
        if key[1] > self.entries:
            return  # larger than all that may be kept: replayed for this request alone
        with self._lock:
            self._held[key] = register
            while len(self._held) > self.kept or sum(k[1] for k in self._held) > self.entries:
                self._held.popitem(last=False)


@dataclass(frozen=True, slots=True)
class Reading:
    ledger: StoredRegister
    as_recorded: str | None = None  # ISO 8601, as the user gave it
    past: PastRegisters = field(default_factory=PastRegisters)
    # Who is charged for a new past register: the client's address, or None for a person
    # signed in; asked only when a replay is needed.
    charged: Callable[[], str | None] = lambda: None

    @property
    def until(self) -> str | None:
        """The transaction time read up to, as the log writes it; None for now."""
        return transaction_time(self.as_recorded) if self.as_recorded else None

    def register(self) -> Register:
        if self.until is None:
            return self.ledger.register()
        # Keyed by what the log held then, not by the time asked: every time between two
        # entries reads the same register, and is replayed once.
        return self.past.get(self.ledger, self.ledger.database.recorded_by(self.until),
                             self.charged())

    def instrument_register(self, key: str) -> Register:
        """What one instrument's page needs, read through the index: now, or from the
        entries recorded by the time read."""
        return self.ledger.instrument_register(key, self.until)

    def status_chart(self, key: str, day: date, language: str) -> Chart:
        if self.until is None:
            return self.ledger.status_chart(key, day, language)
        return status_chart(self.instrument_register(key), key, day, language)

    def participant_view(self, code: str, day: date, language: str) -> ParticipantView:
        if self.until is None:
            return self.ledger.participant_view(code, day, language)
        return in_force_for(self.register(), code, day, language)

    def participant_spans(self, code: str) -> list[tuple[str, str, date | None, date | None]]:
        if self.until is None:
            return self.ledger.participant_spans(code)
        return participant_spans(self.register(), code)

    def entries_about(self, subjects: Iterable[str]) -> list[Entry]:
        """The log's entries about these subjects, up to the time read."""
        return self._recorded(self.ledger.database.entries_about(subjects))

    def instrument_notifications(self, key: str, language: str) -> list[dict[str, Any]]:
        """An instrument's notifications, newest first, read through the log's index."""
        held = self.register()
        log = self.entries_about([held.instrument(key).id])
        return [plain(n) for n in stored_notifications(log, held, language)][::-1]

    def latest_of_kind(self, kind: str, limit: int) -> list[Entry]:
        """The newest entries of a kind, newest first, up to the time read."""
        if self.until is None:
            return self.ledger.database.latest_of_kind(kind, limit)
        return self._recorded(self.ledger.database.entries_about([kind]))[::-1][:limit]

    def _recorded(self, log: list[Entry]) -> list[Entry]:
        until = self.until
        return log if until is None else [e for e in log if e.recorded_at <= until]
