"""Shared fixtures. Real third-party data is read from DEPOSITARY_REAL_DATA (default
../shared/data beside the checkout); tests that need it skip loudly where it is absent.

The storage and web suites run on SQLite and on PostgreSQL. PostgreSQL is reached through
DEPOSITARY_TEST_POSTGRES_URL (an administrator's URL; the default is the local server with
trust authentication). Each test gets a database of its own, dropped afterwards. Where the
server cannot be reached the PostgreSQL half is skipped with the reason, except in CI
(CI=true), where it fails: there it is not optional."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

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


ADMIN_URL = os.environ.get(
    "DEPOSITARY_TEST_POSTGRES_URL", "postgresql+psycopg://root@127.0.0.1:5432/postgres"
)


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database's URL."""
    admin = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"depositary_test_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as error:
        admin.dispose()
        if os.environ.get("CI"):
            raise
        pytest.skip(f"PostgreSQL not reachable at {ADMIN_URL}: {error.orig}")
    yield make_url(ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(text(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :name"
        ), {"name": name})
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
    admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty register database on each engine."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'register.sqlite3'}"
    url: str = request.getfixturevalue("postgres_url")
    return url
