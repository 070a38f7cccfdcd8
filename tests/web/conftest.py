"""The web tests run against a real HTTP server (uvicorn on a free port, in a thread of
the test process) on each engine, and talk to it over the loopback with httpx."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn

from depositary.app.settings import Settings
from depositary.bootstrap import open_register
from depositary.web.app import create_app
from tests.conftest import ENGINES, Templates, drop_database
from tests.web.desks import Desks


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def serve(database_url: str, home: Path) -> Iterator[str]:
    """Serve the application on the bundled register in `database_url`; yields its base
    URL until the caller is done, then stops the server."""
    app = create_app(Settings(home, database_url))
    config = uvicorn.Config(app, host="127.0.0.1", port=free_port(), log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not running.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the web server did not start")
        time.sleep(0.005)
    try:
        yield f"http://127.0.0.1:{config.port}"
    finally:  # also when the caller closes the generator early
        # Stopped, not waited for: uvicorn looks for the stop every 0.1 s and then waits
        # 0.1 s for its connections; a hundred servers a run would wait 20 s for nothing.
        # It stops listening on its next tick and ends in its own thread.
        running.should_exit = running.force_exit = True


@pytest.fixture
def server(bundled_url: str, tmp_path: Path) -> Iterator[str]:
    """The application on the bundled register, served on each engine."""
    yield from serve(bundled_url, tmp_path)


@pytest.fixture(scope="session", params=ENGINES)
def public_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
                templates: Templates) -> Iterator[str]:
    """One server per engine for the whole session, on the bundled register, for the tests
    that only read what anyone may read (as Datasette's `app_client`): a server and a
    database per test is most of what a read test would cost."""
    home = tmp_path_factory.mktemp("public-site")
    url = templates.copy(request.param, home)
    try:
        yield from serve(url, home)
    finally:
        if request.param != "sqlite":
            drop_database(url)


@pytest.fixture
def client(public_site: str) -> Iterator[httpx.Client]:
    """A visitor of the session's public site (cookies of its own): for reads only."""
    with httpx.Client(base_url=public_site, timeout=30) as found:
        yield found


@pytest.fixture
def desks(staffed_url: str, tmp_path: Path, templates: Templates) -> Iterator[Desks]:
    """A served register with an administrator, a clerk, an officer and a delegate."""
    for base in serve(staffed_url, tmp_path):
        yield Desks(base, open_register(Settings(tmp_path, staffed_url)),
                    templates.staff(staffed_url))
