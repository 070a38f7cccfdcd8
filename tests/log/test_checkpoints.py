"""Checkpoints as signed notes: byte for byte the format of Go's sumdb/note (its reference
note), so that the transparency ecosystem's witnesses read them; a checkpoint altered in
any part, or signed by another key, is refused."""

from __future__ import annotations

import base64

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from depositary.log.checkpoints import (
    CheckpointError,
    Notary,
    from_json,
    open_note,
    parse,
    verifier_key,
)

# golang.org/x/mod/sumdb/note: the reference keys and the note they sign.
GO_SIGNER = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
GO_VERIFIER = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
GO_TEXT = ("If you think cryptography is the answer to your problem,\n"
           "then you don't know what your problem is.\n")
GO_NOTE = GO_TEXT + ("\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1"
                     "FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n")


def go_notary() -> Notary:
    seed = base64.b64decode(GO_SIGNER.split("+", 4)[-1])[1:]  # the key may hold a "+"
    return Notary(Ed25519PrivateKey.from_private_bytes(seed))


def test_a_note_is_signed_as_go_signs_it() -> None:
    notary = go_notary()
    assert GO_VERIFIER == verifier_key("PeterNeumann", notary.public)
    assert GO_NOTE == notary.sign_note("PeterNeumann", GO_TEXT)
    assert GO_TEXT == open_note(GO_NOTE, GO_VERIFIER)


def test_a_checkpoint_reads_back_and_names_its_parts() -> None:
    signed = go_notary().sign("cis.example/register", 430, bytes(range(32)),
                              "2026-12-02T10:00:00Z")
    assert signed.note.startswith(
        "cis.example/register\n430\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n"
        "time 2026-12-02T10:00:00Z\n\n\u2014 cis.example/register ")
    again = from_json(signed.as_json())
    assert (again.origin, again.tree_size, again.root_hash, again.signed_at) == (
        "cis.example/register", 430, bytes(range(32)), "2026-12-02T10:00:00Z")


@pytest.mark.parametrize("change", [
    ("\n430\n", "\n431\n"),  # another size
    ("time 2026", "time 2025"),  # another time
    ("AAECAwQF", "AAECAwQG"),  # another root
])
def test_an_altered_checkpoint_is_refused(change: tuple[str, str]) -> None:
    signed = go_notary().sign("cis.example/register", 430, bytes(range(32)),
                              "2026-12-02T10:00:00Z")
    with pytest.raises(CheckpointError, match="does not verify"):
        parse(signed.note.replace(*change, 1), signed.verifier)


def test_a_checkpoint_is_checked_against_the_key_given() -> None:
    signed = go_notary().sign("cis.example/register", 1, bytes(32))
    other = Notary(Ed25519PrivateKey.generate())
    with pytest.raises(CheckpointError, match="no signature by the key"):
        from_json(signed.as_json(), verifier_key("cis.example/register", other.public))
    forged = other.sign("cis.example/register", 1, bytes(32))
    with pytest.raises(CheckpointError, match="no signature by the key"):
        from_json(forged.as_json(), signed.verifier)


@pytest.mark.parametrize("verifier", [
    "no-plus-signs", "name+00000000+AQ==", GO_VERIFIER.replace("c74f20a3", "c74f20a4"),
])
def test_a_malformed_verifier_key_is_named(verifier: str) -> None:
    with pytest.raises(CheckpointError, match="verifier key"):
        open_note(GO_NOTE, verifier)


def test_a_name_with_a_space_or_a_plus_cannot_name_a_log() -> None:
    with pytest.raises(CheckpointError, match="cannot name a log"):
        go_notary().sign("two words", 1, bytes(32))
