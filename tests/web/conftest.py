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

from depositary.app.ledger import Ledger
from depositary.app.settings import Settings
from depositary.web.app import create_app
from tests.web.desks import Desks


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def serve(database_url: str, home: Path) -> Iterator[str]:
    """Serve the application on the bundled register in `database_url`; yields its base
    URL until the caller is done, then stops the server."""
    app = create_app(Settings(home, database_url))
    config = uvicorn.Config(app, host="127.0.0.1", port=_free_port(), log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not running.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the web server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{config.port}"
    finally:  # also when the caller closes the generator early
        running.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def server(database_url: str, tmp_path: Path) -> Iterator[str]:
    """The application on the bundled register, served on each engine."""
    yield from serve(database_url, tmp_path)


@pytest.fixture
def client(server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server, timeout=30) as found:
        yield found


@pytest.fixture
def desks(database_url: str, tmp_path: Path) -> Iterator[Desks]:
    """A served register with an administrator, a clerk, an officer and a delegate."""
    for base in serve(database_url, tmp_path):
        yield Desks(base, Ledger.open(Settings(tmp_path, database_url)))
