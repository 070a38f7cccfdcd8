"""Shared fixtures. Real third-party data is read from DEPOSITARY_REAL_DATA (default
../shared/data beside the checkout); tests that need it skip loudly where it is absent.

The storage and web suites run on SQLite and on PostgreSQL. PostgreSQL is reached through
DEPOSITARY_TEST_POSTGRES_URL (an administrator's URL; the default is the local server with
trust authentication). Each test gets a database of its own, dropped afterwards. Where the
server cannot be reached the PostgreSQL half is skipped with the reason, except in CI
(CI=true), where it fails: there it is not optional."""

from __future__ import annotations

import ast
import functools
import json
import os
import shutil
import sqlite3
import uuid
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import typer.main
import typer.testing
from hypothesis import settings
from sqlalchemy import Connection, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from depositary.bootstrap import open_register
from depositary.formats import ieadb

if TYPE_CHECKING:
    from depositary.app.stored import StoredRegister

ROOT = Path(__file__).resolve().parents[1]

# Property tests: the number of examples each names (tests/examples.py) is for every run;
# HYPOTHESIS_PROFILE=thorough tries ten times as many.
settings.register_profile("thorough", max_examples=1000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

# Typer's CliRunner builds the CLI's command from every command's type hints at each
# invoke (80 ms; the suite invokes the CLI hundreds of times): built once per application.
assert hasattr(typer.testing, "_get_command"), "Typer renamed it: the patch would do nothing"
typer.testing._get_command = functools.cache(typer.main.get_command)

# Passwords are hashed at argon2's cheapest cost, here and in every server a test starts:
# the suite signs in hundreds of times. tests/app/test_passwords.py checks the real costs.
os.environ["DEPOSITARY_PASSWORD_HASHING"] = "cheapest"


@pytest.fixture(scope="session")
def ieadb_reading(real_data: Path) -> ieadb.Reading:
    """The IEADB dump as read, once per test process (a read takes seconds): a test that
    needs a slice copies what it keeps, never changes this."""
    return ieadb.read(real_data / "ieadb")


def parse_python(path: Path) -> ast.Module:
    """A module's syntax tree, for the tests that read the source. CPython 3.11.7 (this
    machine's) can raise a spurious "AST constructor recursion depth mismatch" when
    another thread builds a tree at the same time (gh-106905, fixed in later releases):
    the parse is asked again once."""
    source = path.read_text(encoding="utf-8")
    try:
        return ast.parse(source)
    except SystemError:
        return ast.parse(source)


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


def _postgres(template: str | None = None) -> str:
    """A new PostgreSQL database (a copy of `template`, if given); its URL. Skipped where
    the server cannot be reached, except in CI, where PostgreSQL is not optional."""
    name = f"depositary_test_{uuid.uuid4().hex[:12]}"
    copy = f' TEMPLATE "{template}"' if template else ""
    try:
        with _admin() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"{copy}'))
    except OperationalError as error:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"PostgreSQL not reachable at {ADMIN_URL}: {error.orig}")
    return make_url(ADMIN_URL).set(database=name).render_as_string(hide_password=False)


def drop_database(url: str) -> None:
    with _admin() as connection:
        connection.execute(text(
            f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))


@contextmanager
def _admin() -> Iterator[Connection]:
    admin = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            yield connection
    finally:
        admin.dispose()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database's URL."""
    url = _postgres()
    yield url
    drop_database(url)


ENGINES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    """Each storage engine in turn: the tests that take it run on both."""
    found: str = request.param
    return found


@pytest.fixture
def database_url(engine: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty register database on each engine."""
    if engine == "sqlite":
        return f"sqlite:///{tmp_path / 'register.sqlite3'}"
    url: str = request.getfixturevalue("postgres_url")
    return url


class Templates:
    """The bundled register loaded once per session on each engine, and copied into each
    test's database instead of loaded again (a load is seconds; a copy, a few milliseconds
    on SQLite and a `CREATE DATABASE … TEMPLATE` on PostgreSQL). The depositary's signing
    key is copied with it, so that the test's checkpoints are signed by the log's key. A
    second template per engine holds the desks' staff too (tests/web/desks.py)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.made: dict[str, str] = {}  # template name -> its file or database URL
        # PostgreSQL copies a database in about 0.4 s and drops one in 0.1 s, mostly
        # waiting on its disk: copies are made one ahead and drops done in the background,
        # while the tests run.
        self.ahead: dict[str, deque[Future[str]]] = {}
        self.copier = ThreadPoolExecutor(1, thread_name_prefix="copy-database")
        self.dropper = ThreadPoolExecutor(1, thread_name_prefix="drop-database")

    def copy(self, engine: str, home: Path, *, staffed: bool = False) -> str:
        """A new database holding the bundled register (and the desks' staff, if
        `staffed`), with `home` holding the log's signing key; its URL."""
        name = f"{engine}-staffed" if staffed else engine
        template = self.made.get(name) or self._make(name, engine, staffed)
        home.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(self.folder / engine / KEY, home / KEY)
        if engine == "sqlite":
            path = home / "register.sqlite3"
            shutil.copyfile(make_url(template).database or "", path)
            return f"sqlite:///{path}"
        ahead = self.ahead.setdefault(name, deque())
        if not ahead:
            ahead.append(self.copier.submit(_postgres, make_url(template).database))
        ready = ahead.popleft()
        ahead.append(self.copier.submit(_postgres, make_url(template).database))
        return ready.result()

    def discard(self, url: str) -> None:
        """Drop a copy of a PostgreSQL template, in the background."""
        self.dropper.submit(drop_database, url)

    def staff(self, database_url: str) -> dict[str, dict[str, str]]:
        """The tokens and private keys of the staffed template's people."""
        engine = "sqlite" if database_url.startswith("sqlite") else "postgresql"
        staff: dict[str, dict[str, str]] = json.loads(
            (self.folder / f"{engine}-staffed" / "staff.json").read_text())
        return staff

    def _make(self, name: str, engine: str, staffed: bool) -> str:
        from depositary.app.settings import Settings
        from tests.web.desks import hire

        home = self.folder / name
        if staffed:
            url = self.copy(engine, home)
        elif engine == "sqlite":
            home.mkdir(parents=True, exist_ok=True)
            url = f"sqlite:///{home / 'register.sqlite3'}"
        else:
            url = _postgres()
        ledger = open_register(Settings(home, url))
        if staffed:
            (home / "staff.json").write_text(json.dumps(hire(ledger)))
        ledger.database.engine.dispose()  # no connection left: SQLite's WAL folded in, and
        # PostgreSQL copies only a template nobody is connected to
        if engine == "sqlite":
            with sqlite3.connect(make_url(url).database or "") as connection:
                connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        else:  # an engine the load made on its own may still hold a pooled connection
            with _admin() as connection:
                connection.execute(text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = :name"), {"name": make_url(url).database})
        self.made[name] = url
        return url

    def drop(self) -> None:
        """Drop what is left at the end of the session: copies made ahead, the templates."""
        for ahead in self.ahead.values():
            for future in ahead:
                self.discard(future.result())
        self.copier.shutdown()
        self.dropper.shutdown()
        for url in self.made.values():
            if not url.startswith("sqlite"):
                drop_database(url)


KEY = "depositary-signing-key.pem"


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Templates]:
    made = Templates(tmp_path_factory.mktemp("templates"))
    yield made
    made.drop()


def _copied(engine: str, home: Path, templates: Templates, staffed: bool) -> Iterator[str]:
    url = templates.copy(engine, home, staffed=staffed)
    yield url
    if engine != "sqlite":
        templates.discard(url)


@pytest.fixture
def bundled_url(engine: str, tmp_path: Path, templates: Templates) -> Iterator[str]:
    """A database on each engine holding the bundled Commonwealth register (with
    `tmp_path` as the home of the depositary's signing key)."""
    yield from _copied(engine, tmp_path, templates, staffed=False)


@pytest.fixture
def staffed_url(engine: str, tmp_path: Path, templates: Templates) -> Iterator[str]:
    """A database on each engine holding the bundled register and the desks' staff
    (tests/web/desks.py; `templates.staff` has their tokens and keys)."""
    yield from _copied(engine, tmp_path, templates, staffed=True)


@pytest.fixture
def empty_ledger(database_url: str, tmp_path: Path) -> StoredRegister:
    """A ledger on each engine holding nothing: the bundled register not loaded."""
    from depositary.app.settings import Settings

    return open_register(Settings(tmp_path, database_url), load_bundled=False)


@pytest.fixture
def ledger(bundled_url: str, tmp_path: Path) -> StoredRegister:
    """A ledger on each engine holding the bundled Commonwealth register."""
    from depositary.app.settings import Settings

    return open_register(Settings(tmp_path, bundled_url))
