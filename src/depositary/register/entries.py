"""The register's log: append-only entries, each hash-chained to the one before.

An entry's hash is SHA-256 over the previous entry's hash and the entry's canonical form
(its sequence number, kind, key, transaction time, author and payload as canonical JSON:
sorted keys, no spaces, UTF-8). Changing any entry, or its order, breaks every hash after
it; `first_broken` names the first entry that no longer matches.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

GENESIS = "0" * 64  # the "previous hash" of the first entry


class EntryKind:
    """What an entry records. Strings, so the log stays readable as JSON Lines."""

    PARTICIPANT = "participant"
    PERSON = "person"
    INSTRUMENT = "instrument"
    ACT = "act"
    CORRECTION = "correction"  # supersedes an act: {"supersedes": act id, "act": {...}}
    EVENT = "event"
    # The depositary's workflow (none of these changes a status by itself):
    KEY = "key"  # a person's public key, from a day
    KEY_REVOCATION = "key-revocation"
    ROLE = "role"  # a person given a role: administrator, depositary-officer
    ROLE_REVOCATION = "role-revocation"  # a role taken back
    SUBMISSION = "submission"  # an act submitted, signed, by a participant's delegate
    EXAMINATION = "examination"  # an officer's examination of a submission, its findings
    RETURN = "return"  # a submission returned with reasons
    NOTIFICATION = "notification"  # the depositary's notification of a registered act
    # The councils (docs/governance.md):
    BODY = "body"
    POST = "post"
    APPOINTMENT = "appointment"
    SESSION = "session"
    MOTION = "motion"  # a draft decision on a session's agenda
    POSITION = "position"  # a member's position on a draft
    DECISION = "decision"  # a draft decided, with the outcome its procedure gives
    CONSULTATION = "consultation"  # a participant notified of a joint decision's draft

    WORKFLOW = frozenset(
        {KEY, KEY_REVOCATION, ROLE, ROLE_REVOCATION, SUBMISSION, EXAMINATION, RETURN}
    )
    COUNCILS = frozenset(
        {BODY, POST, APPOINTMENT, SESSION, MOTION, POSITION, DECISION, CONSULTATION}
    )
    ALL = frozenset({PARTICIPANT, PERSON, INSTRUMENT, ACT, CORRECTION, EVENT, NOTIFICATION})
    ALL |= WORKFLOW | COUNCILS


def canonical(payload: Mapping[str, Any]) -> str:
    """The canonical JSON text of a payload: the same bytes on every machine and engine."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


@dataclass(frozen=True, slots=True)
class Entry:
    """One entry of the log as stored."""

    seq: int
    kind: str
    key: str
    recorded_at: str  # ISO 8601 UTC with microseconds: the transaction time
    author: str
    payload: str  # canonical JSON
    prev_hash: str
    hash: str

    def data(self) -> dict[str, Any]:
        parsed: dict[str, Any] = json.loads(self.payload)
        return parsed


def entry_hash(
    prev_hash: str, seq: int, kind: str, key: str, recorded_at: str, author: str, payload: str
) -> str:
    """SHA-256 of the previous hash and the entry's canonical form."""
    body = canonical({
        "seq": seq, "kind": kind, "key": key, "recorded_at": recorded_at,
        "author": author, "payload": payload,
    })
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


def chain(
    after: Entry | None, items: Iterable[tuple[str, str, Mapping[str, Any]]], author: str,
    recorded_at: str | None = None,
) -> list[Entry]:
    """New entries for `items` (kind, key, payload), chained after the entry `after`."""
    seq = after.seq if after is not None else 0
    prev = after.hash if after is not None else GENESIS
    # Transaction times never go backwards, whatever the writer's clock says, so that a
    # register "as recorded at T" is always a prefix of the log.
    when = max(recorded_at or now(), after.recorded_at if after is not None else "")
    entries = []
    for kind, key, payload in items:
        if kind not in EntryKind.ALL:
            raise ValueError(f"unknown entry kind {kind!r}")
        seq += 1
        text = canonical(payload)
        digest = entry_hash(prev, seq, kind, key, when, author, text)
        entries.append(Entry(seq, kind, key, when, author, text, prev, digest))
        prev = digest
    return entries


def first_broken(entries: Iterable[Entry]) -> tuple[int, str] | None:
    """The first entry whose sequence, link or hash does not match, with why; None if the
    whole chain holds."""
    prev, expected_seq = GENESIS, 1
    for entry in entries:
        if entry.seq != expected_seq:
            return entry.seq, f"sequence number {entry.seq}, expected {expected_seq}"
        if entry.prev_hash != prev:
            return entry.seq, "does not link to the entry before it"
        digest = entry_hash(
            entry.prev_hash, entry.seq, entry.kind, entry.key, entry.recorded_at,
            entry.author, entry.payload,
        )
        if digest != entry.hash:
            return entry.seq, "its content does not match its hash"
        prev, expected_seq = entry.hash, expected_seq + 1
    return None


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")
