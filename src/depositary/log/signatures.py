"""Ed25519 signatures of acts: a delegate signs the canonical form of the act it submits,
the depositary countersigns the registration. Keys are registered per person and period,
and a key revoked or out of its period cannot sign."""

from __future__ import annotations

import base64
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from depositary.log.entries import Entry


@dataclass(frozen=True, slots=True)
class Key:
    """A person's public key, valid from a day until revoked (exclusive)."""

    person: str
    public: str  # raw Ed25519 public key, base64
    valid_from: date
    revoked_on: date | None = None

    def valid_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.revoked_on is None or day < self.revoked_on)


def generate() -> tuple[bytes, str]:
    """A new key pair: the private key as PEM (kept by its holder), the public key as
    base64 (registered in the register)."""
    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return pem, public_of(pem)


def public_of(pem: bytes) -> str:
    private = _private(pem)
    raw = private.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return base64.b64encode(raw).decode("ascii")


def sign(pem: bytes, message: str) -> str:
    """The base64 Ed25519 signature of a canonical text."""
    return base64.b64encode(_private(pem).sign(message.encode("utf-8"))).decode("ascii")


def verifies(public: str, message: str, signature: str) -> bool:
    """True if `signature` is `public`'s signature of `message`."""
    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public, validate=True))
        key.verify(base64.b64decode(signature, validate=True), message.encode("utf-8"))
    except (InvalidSignature, ValueError):
        return False
    return True


class KeyProblem(ValueError):
    """A key that cannot be used; the message says why."""


def check_public(public: str) -> None:
    """Refuse anything that is not a base64 raw Ed25519 public key."""
    try:
        Ed25519PublicKey.from_public_bytes(base64.b64decode(public, validate=True))
    except ValueError:
        raise KeyProblem(
            f"{public!r} is not an Ed25519 public key (base64 of 32 bytes, as `keys generate` "
            "prints it)"
        ) from None


def _private(pem: bytes) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except (ValueError, TypeError) as error:
        raise KeyProblem(f"not an unencrypted PEM private key: {error}") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyProblem("the private key is not an Ed25519 key")
    return key


def usable_keys(
    log: Iterable[Entry], person: str, day: date, before: int | None = None
) -> list[str]:
    """The public keys `person` could sign with on `day`, for a signature recorded at log
    position `before` (None: now): registered with a start on or before that day, and not
    revoked by a revocation recorded earlier whose day has come. The workflow and `verify`
    both ask this, so they cannot disagree."""
    registered: dict[str, date] = {}
    revoked: dict[str, date] = {}
    for entry in log:
        if before is not None and entry.seq >= before:
            break
        if entry.kind not in {"key", "key-revocation"}:
            continue
        data = entry.data()
        if data["person"] != person:
            continue
        if entry.kind == "key":
            registered[data["public"]] = date.fromisoformat(data["valid_from"])
        else:
            revoked[data["public"]] = date.fromisoformat(data["day"])
    return [
        public for public, start in registered.items()
        if start <= day and not (public in revoked and revoked[public] <= day)
    ]
