"""Signed checkpoints of the log: the depositary's signature on a tree size and the root
hash of the log's Merkle tree at that size (`merkle.py`), and the time it signed.

A checkpoint is a signed note in the format of the transparency-log ecosystem (C2SP
tlog-checkpoint inside a C2SP signed note, as Go's `golang.org/x/mod/sumdb/note` reads
it), so that existing witnesses and tools can read it:

    <origin>
    <tree size>
    <root hash, base64>
    time <UTC time of signing>

    — <origin> <base64 of the key's 4-byte id and the Ed25519 signature>

The origin names the log; the verifier key `<origin>+<key id, hex>+<base64 of 0x01 and the
public key>` is what a member state pins to check every checkpoint after.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

ED25519 = b"\x01"  # the signed-note algorithm byte of Ed25519
DASH = "\u2014 "  # a signature line starts with an em dash and a space
_NAME = re.compile(r"^[^\s+]+$")


class CheckpointError(ValueError):
    """A checkpoint that cannot be read, or whose signature does not verify."""


@dataclass(frozen=True, slots=True)
class Checkpoint:
    origin: str
    tree_size: int
    root_hash: bytes
    signed_at: str  # ISO 8601 UTC, to the second
    note: str  # the whole signed note, as signed
    verifier: str  # <origin>+<key id>+<key>: the key that signed it

    @property
    def public_key(self) -> str:
        """The raw Ed25519 public key, base64 (as persons' keys are written)."""
        return base64.b64encode(_verifier_key(self.verifier)).decode("ascii")

    def as_json(self) -> dict[str, Any]:
        return {
            "origin": self.origin, "tree_size": self.tree_size,
            "root_hash": self.root_hash.hex(), "signed_at": self.signed_at,
            "verifier": self.verifier, "note": self.note,
        }


def body(origin: str, size: int, root: bytes, signed_at: str) -> str:
    """The checkpoint's text, which the signature covers (with its last newline)."""
    return f"{origin}\n{size}\n{base64.b64encode(root).decode('ascii')}\ntime {signed_at}\n"


def key_id(origin: str, public: bytes) -> bytes:
    """The 4-byte id of a key in a signed note: SHA-256 of the name, a newline, the
    algorithm byte and the public key, cut to 4 bytes."""
    return hashlib.sha256(origin.encode() + b"\n" + ED25519 + public).digest()[:4]


def verifier_key(origin: str, public: bytes) -> str:
    encoded = base64.b64encode(ED25519 + public).decode("ascii")
    return f"{origin}+{key_id(origin, public).hex()}+{encoded}"


class Notary:
    """The depositary's own signing key, kept in a file readable by its owner only."""

    def __init__(self, private: Ed25519PrivateKey) -> None:
        self._private = private
        self.public = private.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )

    @classmethod
    def open(cls, path: Path) -> Notary:
        """The key in `path`, made on first use (mode 600; made once even when several
        workers start at the same moment)."""
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            pem = Ed25519PrivateKey.generate().private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
            try:
                descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                pass  # another process made it first: read theirs
            else:
                with os.fdopen(descriptor, "wb") as out:
                    out.write(pem)
        try:
            key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        except ValueError as error:
            raise CheckpointError(f"{path}: not the depositary's signing key: {error}") from None
        if not isinstance(key, Ed25519PrivateKey):
            raise CheckpointError(f"{path}: the depositary's signing key must be Ed25519")
        return cls(key)

    def sign(self, origin: str, size: int, root: bytes, signed_at: str | None = None
             ) -> Checkpoint:
        when = signed_at or datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        return Checkpoint(origin, size, root, when,
                          self.sign_note(origin, body(origin, size, root, when)),
                          verifier_key(origin, self.public))

    def sign_note(self, name: str, text: str) -> str:
        """A signed note: `text` (lines ending in a newline), a blank line, and this key's
        signature line under `name`."""
        if not _NAME.match(name):
            raise CheckpointError(f"{name!r} cannot name a log: no spaces, no '+'")
        signature = self._private.sign(text.encode("utf-8"))
        line = base64.b64encode(key_id(name, self.public) + signature).decode("ascii")
        return f"{text}\n{DASH}{name} {line}\n"


def open_note(note: str, verifier: str) -> str:
    """The text of a signed note, once one of its signature lines is found to be the
    verifier key's valid signature of it (CheckpointError otherwise)."""
    text, separator, signatures = note.rpartition("\n\n")
    if not separator:
        raise CheckpointError("not a signed note: no blank line before the signatures")
    text += "\n"
    name, _, _ = verifier.partition("+")
    public = _verifier_key(verifier)
    wanted = key_id(name, public)
    key = Ed25519PublicKey.from_public_bytes(public)
    for line in signatures.splitlines():
        if not line.startswith(DASH):
            raise CheckpointError(f"not a signature line: {line[:40]!r}")
        signer, _, encoded = line[len(DASH):].rpartition(" ")
        try:
            raw = base64.b64decode(encoded, validate=True)
        except ValueError:
            raise CheckpointError(f"a signature of {signer} cannot be read") from None
        if signer != name or raw[:4] != wanted:
            continue  # another signer's (a witness's cosignature, say)
        try:
            key.verify(raw[4:], text.encode("utf-8"))
        except InvalidSignature:
            raise CheckpointError(
                f"the signature of {name} does not verify: the note was altered, or not "
                "signed with this key") from None
        return text
    raise CheckpointError(f"the note carries no signature by the key {verifier}")


def parse(note: str, verifier: str) -> Checkpoint:
    """The checkpoint a signed note holds, checked against the verifier key: its text must
    be a checkpoint and one of its signature lines must be that key's valid signature."""
    text = open_note(note, verifier)
    lines = text.splitlines()
    if len(lines) < 3:
        raise CheckpointError("not a checkpoint: it needs an origin, a tree size and a root")
    origin, size, root = lines[0], lines[1], lines[2]
    try:
        tree_size = int(size)
        root_hash = base64.b64decode(root, validate=True)
    except ValueError:
        raise CheckpointError("not a checkpoint: the tree size or the root hash cannot be "
                              "read") from None
    if tree_size < 0 or len(root_hash) != 32 or str(tree_size) != size:
        raise CheckpointError("not a checkpoint: a tree size and a 32-byte root hash")
    times = [line[5:] for line in lines[3:] if line.startswith("time ")]
    return Checkpoint(origin, tree_size, root_hash, times[0] if times else "", note, verifier)


def from_json(data: Any, verifier: str | None = None) -> Checkpoint:
    """A checkpoint as the API and `depositary checkpoint` give it, checked against
    `verifier` if given, else against the key it names."""
    if not isinstance(data, dict) or not isinstance(data.get("note"), str):
        raise CheckpointError("not a checkpoint: a JSON object with its signed note")
    named = data.get("verifier")
    key = verifier or named
    if not isinstance(key, str):
        raise CheckpointError("the checkpoint names no verifier key: give one")
    return parse(data["note"], key)


def _verifier_key(verifier: str) -> bytes:
    parts = verifier.split("+", 2)  # the key (base64) may hold a "+" too
    try:
        raw = base64.b64decode(parts[2], validate=True) if len(parts) == 3 else b""
    except ValueError:
        raw = b""
    if len(raw) != 33 or raw[:1] != ED25519 or not _NAME.match(parts[0]):
        raise CheckpointError(
            f"{verifier[:60]!r} is not a verifier key (<origin>+<key id>+<Ed25519 key>)")
    if key_id(parts[0], raw[1:]).hex() != parts[1]:
        raise CheckpointError("the verifier key's id does not match its key")
    return raw[1:]
