"""Ledgers on each engine (the engines' fixtures are in tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from depositary.app.ledger import Ledger
from depositary.app.settings import Settings
from depositary.bootstrap import open_register


@pytest.fixture
def empty_ledger(database_url: str, tmp_path: Path) -> Ledger:
    return open_register(Settings(tmp_path, database_url), load_bundled=False)


@pytest.fixture
def ledger(bundled_url: str, tmp_path: Path) -> Ledger:
    """A ledger holding the bundled Commonwealth register."""
    return open_register(Settings(tmp_path, bundled_url))
