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

import rfc8785

GENESIS = "0" * 64  # the "previous hash" of the first entry


class EntryKind:
    """What an entry records. Strings, so the log stays readable as JSON Lines."""

    PARTICIPANT = "participant"
    PERSON = "person"
    # A person given a capacity for a participant from a day (VCLT 7), after the person was
    # recorded: the person's entry stays as written, the capacity is an entry of its own.
    CAPACITY = "capacity"
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
    ALL = frozenset(
        {PARTICIPANT, PERSON, CAPACITY, INSTRUMENT, ACT, CORRECTION, EVENT, NOTIFICATION}
    )
    ALL |= WORKFLOW | COUNCILS


def canonical(payload: Mapping[str, Any]) -> str:
    """The canonical JSON text of a payload: the same bytes on every machine and engine,
    by RFC 8785 (the JSON Canonicalization Scheme), so that anyone can recompute a hash
    or check a signature in any language. Most payloads hold only strings, integers,
    booleans, null, lists and objects with keys of the Basic Multilingual Plane: for them
    RFC 8785 is exactly Python's sorted, compact JSON, which is much faster; a payload
    with a number that is not an integer (a share's percentage) or a key beyond the BMP
    goes through the `rfc8785` package. Integers beyond +-(2**53 - 1), which RFC 8785
    cannot hold exactly, are refused (ValueError)."""
    if _plain(payload):
        return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    try:
        return rfc8785.dumps(payload).decode("utf-8")
    except rfc8785.CanonicalizationError as error:
        raise ValueError(f"a payload that RFC 8785 cannot write canonically: {error}") from None


_SAFE_INTEGER = 2**53 - 1


def _plain(value: Any) -> bool:
    """True if json.dumps(sort_keys=True) writes `value` exactly as RFC 8785 does."""
    if isinstance(value, str) or value is None or isinstance(value, bool):
        return True
    if isinstance(value, int):
        return -_SAFE_INTEGER <= value <= _SAFE_INTEGER
    if isinstance(value, dict):
        return all(_bmp(key) and _plain(item) for key, item in value.items())
    if isinstance(value, list | tuple):
        return all(_plain(item) for item in value)
    return False  # a float, or what JSON cannot hold: RFC 8785 decides


def _bmp(key: Any) -> bool:
    # Python sorts keys by code point, RFC 8785 by UTF-16 code unit: the two orders agree
    # unless a key holds a character beyond U+FFFF.
    return isinstance(key, str) and (key.isascii() or all(ord(c) <= 0xFFFF for c in key))


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
        try:
            parsed: dict[str, Any] = json.loads(self.payload)
        except ValueError:
            raise DamagedEntry(
                f"entry {self.seq} of the log cannot be read (its payload is not JSON): the "
                "database was changed outside the program; `depositary verify` says what "
                "else was"
            ) from None
        return parsed


class DamagedEntry(ValueError):
    """An entry of the log that cannot be read: the database was edited by hand."""


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
