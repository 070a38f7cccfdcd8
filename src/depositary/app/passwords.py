"""How passwords are hashed: argon2id (RFC 9106) at the cost the operator chose, and the
decoy hash checked for a person with no password, so that the answer takes as long."""

from __future__ import annotations

import secrets
from typing import Literal

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError

Cost = Literal["rfc-9106-low-memory", "rfc-9106-high-memory", "cheapest"]

# argon2-cffi's profiles. Low memory (64 MiB, 3 passes) is RFC 9106's second
# recommendation and argon2-cffi's default; high memory (2 GiB, 1 pass) its first, for a
# server with memory to spare; cheapest protects nothing and is there for test suites.
PROFILES = {"rfc-9106-low-memory": profiles.RFC_9106_LOW_MEMORY,
            "rfc-9106-high-memory": profiles.RFC_9106_HIGH_MEMORY,
            "cheapest": profiles.CHEAPEST}


class Passwords:
    def __init__(self, cost: Cost = "rfc-9106-low-memory") -> None:
        self.hasher = PasswordHasher.from_parameters(PROFILES[cost])
        self._decoy: str | None = None  # made on first use, not at every start

    def hash(self, password: str) -> str:
        return self.hasher.hash(password)

    def check(self, stored: str | None, password: str) -> bool:
        """True if `stored` is the hash of `password`. With no stored hash a decoy is
        checked, so the time taken does not tell who has an account. A hash keeps the cost
        it was made with: one made at another cost still checks."""
        if self._decoy is None:
            self._decoy = self.hasher.hash(secrets.token_urlsafe(16))
        try:
            return self.hasher.verify(stored or self._decoy, password) and stored is not None
        except (VerificationError, InvalidHashError):
            return False
