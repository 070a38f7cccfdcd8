"""What a request reads: the register as it stands now (from the projections, fast), or,
for audit, as it stood at a transaction time (`as_recorded`): the log up to that time,
replayed, so that a page or an answer shows exactly what the depositary knew then
(bitemporal reading, DESIGN.md).

A past register never changes (the log only grows), so the replays asked for are kept,
a few per worker, keyed by the entries the log held at the time asked."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from depositary.kept import Kept
from depositary.ledger import Ledger, transaction_time
from depositary.register import Register
from depositary.register.entries import Entry
from depositary.register.queries import Chart, ParticipantView, in_force_for, status_chart

KEPT = 8  # past registers per worker: each is a replay of the log up to its time
_past: Kept[tuple[str, int], Register] = Kept(KEPT)


@dataclass(frozen=True, slots=True)
class Reading:
    ledger: Ledger
    as_recorded: str | None = None  # ISO 8601, as the user gave it

    @property
    def until(self) -> str | None:
        """The transaction time read up to, as the log writes it; None for now."""
        return transaction_time(self.as_recorded) if self.as_recorded else None

    def register(self) -> Register:
        if self.until is None:
            return self.ledger.register()
        # Keyed by what the log held then, not by the time asked: every time between two
        # entries reads the same register, and is replayed once.
        key = (self.ledger.database.url, self.ledger.database.recorded_by(self.until))
        found = _past.find(key)
        if found is None:
            found = self.ledger.past(key[1])  # the entries up to that number, not by time
            _past.keep(key, found)
        return found

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

    def entries_about(self, subjects: Iterable[str]) -> list[Entry]:
        """The log's entries about these subjects, up to the time read."""
        return self._recorded(self.ledger.database.entries_about(subjects))

    def latest_of_kind(self, kind: str, limit: int) -> list[Entry]:
        """The newest entries of a kind, newest first, up to the time read."""
        if self.until is None:
            return self.ledger.database.latest_of_kind(kind, limit)
        return self._recorded(self.ledger.database.entries_about([kind]))[::-1][:limit]

    def _recorded(self, log: list[Entry]) -> list[Entry]:
        until = self.until
        return log if until is None else [e for e in log if e.recorded_at <= until]
