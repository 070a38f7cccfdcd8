"""Passwords are hashed with argon2id at the cost the operator chose (DEPOSITARY_PASSWORD_
HASHING); the suite itself runs at the cheapest (tests/conftest.py), so the real costs are
checked here."""

from __future__ import annotations

import pytest
from argon2 import extract_parameters

from depositary.app.passwords import PROFILES, Passwords
from depositary.app.settings import Settings


def test_the_default_cost_is_rfc_9106s_low_memory_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DEPOSITARY_PASSWORD_HASHING")
    assert "rfc-9106-low-memory" == Settings().password_hashing
    made = extract_parameters(Passwords().hash("correct horse battery"))
    assert (65536, 3, 4) == (made.memory_cost, made.time_cost, made.parallelism)


def test_high_memory_is_rfc_9106s_first_recommendation() -> None:
    # Not hashed here: it takes 2 GiB.
    wanted = Passwords("rfc-9106-high-memory").hasher
    assert (2 * 1024 * 1024, 1) == (wanted.memory_cost, wanted.time_cost)
    assert set(PROFILES) == {"rfc-9106-low-memory", "rfc-9106-high-memory", "cheapest"}


def test_a_hash_keeps_its_cost_when_the_setting_changes() -> None:
    """A password set at one cost still signs in after the operator chose another."""
    cheap, standard = Passwords("cheapest"), Passwords()
    made = cheap.hash("correct horse battery")
    assert standard.check(made, "correct horse battery")
    assert not standard.check(made, "incorrect horse battery")


def test_no_password_and_a_damaged_hash_never_sign_in() -> None:
    """With no stored hash a decoy is checked (the same time taken), and fails even for
    a password nobody could know; a hash that is not argon2's fails."""
    passwords = Passwords("cheapest")
    assert not passwords.check(None, "anything at all")
    assert passwords._decoy is not None
    assert not passwords.check("$argon2id$not-a-hash", "anything at all")
