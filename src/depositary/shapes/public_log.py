"""The log's answers as the API serves them: Pydantic `*Public` models.

Signed checkpoints, entries as stored, the inclusion and consistency proofs (RFC 9162), and
the administrator's view of roles, keys and accounts with the answers to the
administrator's operations.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from depositary.shapes.public import Public

HEX = "SHA-256, in hexadecimal."
PROOF = "The proof's hashes, in hexadecimal, in the order RFC 9162 gives them."


class CheckpointPublic(Public):
    """A checkpoint the depositary signed: the size and root of the log's Merkle tree."""

    origin: str = Field(description="The log's name, the first line of the signed note.")
    tree_size: int
    root_hash: str = Field(description=HEX)
    signed_at: str = Field(description="ISO 8601 UTC time of the signature.")
    verifier: str = Field(description="The verifier key (note format): name+id+key.")
    note: str = Field(description="The signed note, as a witness checks it.")


class CheckpointsPublic(Public):
    checkpoints: list[CheckpointPublic] = Field(description="Newest first.")


class ConsistencyPublic(Public):
    """A consistency proof between two tree sizes (RFC 9162, 2.1.4)."""

    from_: int = Field(serialization_alias="from", description="The smaller tree size.")
    to: int = Field(description="The larger tree size.")
    from_root: str = Field(description=HEX)
    to_root: str = Field(description=HEX)
    proof: list[str] = Field(description=PROOF)


class EntryPublic(Public):
    """An entry of the log, as stored and hashed."""

    seq: int = Field(description="Its number, from 1.")
    kind: str
    key: str
    recorded_at: str = Field(description="The transaction time: ISO 8601 UTC.")
    author: str
    payload: str = Field(description="Canonical JSON: what the hash covers.")
    prev_hash: str = Field(description=HEX)
    hash: str = Field(description=HEX)


class InclusionPublic(Public):
    """The inclusion proof of an entry in a tree size (RFC 9162, 2.1.3)."""

    entry: int
    leaf_index: int = Field(description="The entry's number less one.")
    tree_size: int
    entry_hash: str = Field(description=HEX)
    leaf_hash: str = Field(description=HEX)
    root_hash: str = Field(description=HEX)
    proof: list[str] = Field(description=PROOF)
    checkpoint: CheckpointPublic | None = Field(
        description="The newest checkpoint, when no tree size was asked.")


class RoleHeld(Public):
    person: str
    role: str


class KeyPublic(Public):
    person: str
    public: str = Field(description="The raw Ed25519 public key, base64.")
    valid_from: date
    revoked_on: date | None


class PasswordSetAt(Public):
    person: str
    updated_at: str


class TokenPublic(Public):
    """A token issued, without the token: named by the start of its hash."""

    id: str
    person: str | None
    name: str | None
    created_at: str | None
    revoked_at: str | None


class AccountsPublic(Public):
    """What the administrator sees: roles held, keys, who can sign in, tokens."""

    roles: list[RoleHeld]
    keys: list[KeyPublic]
    passwords: list[PasswordSetAt]
    tokens: list[TokenPublic]


class SubmissionPublic(BaseModel):
    """A submission waiting for the depositary: the act as submitted, who signed it and
    when it came (UTC)."""

    model_config = ConfigDict(extra="allow")
    act: dict[str, Any] = Field(description="The act's fields, in the register format.")
    signed_by: str
    signature: str
    submitted_at: str


class SubmissionToCountersign(SubmissionPublic):
    """A submission with the text the officer countersigns."""

    message: str = Field(description="The act's canonical text: what the officer "
                         "countersigns, exactly as given.")


class ToSign(Public):
    """A text to sign where the key is; nothing was written."""

    message: str = Field(description="The canonical text to sign, exactly as given.")


class ActToSign(Public):
    """An act to sign where the key is; nothing was written."""

    act: dict[str, Any] = Field(description="The act as the depositary will receive it "
                                "today, with the id it gives it.")
    message: str = Field(description="The act's canonical text to sign, exactly as given.")
