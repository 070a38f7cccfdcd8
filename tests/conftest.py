"""Shared fixtures. Real third-party data is read from DEPOSITARY_REAL_DATA (default
../shared/data beside the checkout); tests that need it skip loudly where it is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def real_data_dir() -> Path:
    return Path(os.environ.get("DEPOSITARY_REAL_DATA", ROOT.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def real_data() -> Path:
    """The real-data directory; the test is skipped, with the reason printed, if absent."""
    path = real_data_dir()
    if not path.is_dir():
        pytest.skip(f"real data not found at {path}: set DEPOSITARY_REAL_DATA to run this test")
    return path


@pytest.fixture(autouse=True, scope="session")
def depositary_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every test reads and writes a register of its own, never the user's: a session-wide
    home directory with its SQLite file (the CLI loads the bundled register there once)."""
    home = tmp_path_factory.mktemp("depositary-home")
    os.environ["DEPOSITARY_HOME"] = str(home)
    os.environ.pop("DEPOSITARY_DATABASE_URL", None)
    return home
