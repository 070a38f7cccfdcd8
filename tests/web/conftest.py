"""The web tests run the application in the test process and talk to it through
Starlette's ASGI test client (an httpx2 client whose transport calls the application): no
port, no server thread, and an exception the application raises fails the test with its
own traceback.

A few tests need what only a real HTTP server gives, and start one (`serve`: uvicorn on a
free port, in a thread of the test process): bytes sent on a raw socket, clients in
parallel, a proxy's forwarded address, the witness fetching checkpoints over HTTP, the
fuzz run over the wire, and the browser tests; `depositary serve` itself is started as a
process where its own start is what is tested."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import httpx2
import pytest
import uvicorn
from fastapi import FastAPI
from starlette.testclient import TestClient

from depositary.app.settings import Settings
from depositary.bootstrap import open_register
from depositary.web.app import create_app
from tests.conftest import ENGINES, Templates, drop_database
from tests.web.desks import Desks

# The address the test client's requests come from: the loopback, as a browser on the
# operator's machine would (Starlette's default, "testclient", is no address at all).
LOOPBACK = ("127.0.0.1", 50000)


class Site:
    """The application on one register, reached in process. Each client it gives has
    cookies of its own, follows no redirect (as an httpx2 client does not by default) and
    is closed with the site."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app
        self._clients = ExitStack()

    def visitor(self, **options: Any) -> TestClient:
        """A client to use as a context manager, closed when it ends."""
        return TestClient(self.app, follow_redirects=False, client=LOOPBACK, **options)

    def client(self, **options: Any) -> TestClient:
        """A client kept open until the site closes."""
        return self._clients.enter_context(self.visitor(**options))

    def close(self) -> None:
        self._clients.close()


def in_process(database_url: str, home: Path) -> Iterator[Site]:
    """The application on the register in `database_url`, until the caller is done."""
    site = Site(create_app(Settings(home, database_url)))
    try:
        yield site
    finally:  # also when the caller closes the generator early
        site.close()


class Served:
    """A real server's address, giving clients as `Site` does."""

    def __init__(self, base: str) -> None:
        self.base = base

    def client(self, **options: Any) -> httpx2.Client:
        return httpx2.Client(**{"base_url": self.base, "timeout": 30, **options})


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def serve(database_url: str, home: Path) -> Iterator[str]:
    """Serve the application on the register in `database_url` with uvicorn; yields its
    base URL until the caller is done, then stops the server."""
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


@pytest.fixture(scope="session", params=ENGINES)
def public_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
                templates: Templates) -> Iterator[Site]:
    """One application per engine for the whole session, on the bundled register, for the
    tests that only read what anyone may read (as Datasette's `app_client`): a database
    per test is most of what a read test would cost."""
    home = tmp_path_factory.mktemp("public-site")
    url = templates.copy(request.param, home)
    try:
        yield from in_process(url, home)
    finally:
        if request.param != "sqlite":
            drop_database(url)


@pytest.fixture
def client(public_site: Site) -> Iterator[TestClient]:
    """A visitor of the session's public site (cookies of its own): for reads only."""
    with public_site.visitor() as visitor:
        yield visitor


@pytest.fixture
def desks(staffed_url: str, tmp_path: Path, templates: Templates) -> Iterator[Desks]:
    """The application on a register with an administrator, a clerk, an officer and a
    delegate, in process."""
    for site in in_process(staffed_url, tmp_path):
        yield Desks(site, open_register(Settings(tmp_path, staffed_url)),
                    templates.staff(staffed_url))


@pytest.fixture
def served_desks(staffed_url: str, tmp_path: Path, templates: Templates) -> Iterator[Desks]:
    """The same, served by a real HTTP server (`serve`)."""
    for base in serve(staffed_url, tmp_path):
        yield Desks(Served(base), open_register(Settings(tmp_path, staffed_url)),
                    templates.staff(staffed_url))
