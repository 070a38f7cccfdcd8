"""Faults: F12 (the database away: 503 with Retry-After, and recovery without a restart),
F13 (an interrupted import finished by running it again), F19 (damaged data said in one
line, exit 2, never a traceback), F17 (security headers; the API docs from this server)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import httpx2
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

from depositary.app.imports import plan_status_table
from depositary.app.settings import Settings
from depositary.bootstrap import open_register
from depositary.cli import app
from depositary.formats.clauses_file import load_clauses_file
from depositary.formats.untc import read_status_table
from tests.conftest import ADMIN_URL, ROOT
from tests.security.tampering import around_the_triggers
from tests.web.conftest import free_port, in_process
from tests.web.desks import Desks

runner = CliRunner()


@pytest.mark.postgres
def test_postgresql_away_answers_503_and_comes_back(postgres_url: str, tmp_path: Path) -> None:
    """F12: while the database refuses connections, reads and writes answer a problem
    document with Retry-After; once it is back, the same server answers again."""
    name = make_url(postgres_url).database
    admin = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    for site in in_process(postgres_url, tmp_path):
        desks = Desks(site, open_register(Settings(tmp_path, postgres_url)))
        clerk = desks.client("clerk")
        assert 200 == clerk.get("/api/instruments").status_code
        with admin.connect() as connection:
            connection.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false'))
            connection.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                    "WHERE datname = :name"), {"name": name})
        try:
            for answer in (clerk.get("/api/participants/UKR?x=1"),
                           clerk.post("/api/sessions", json={
                               "id": "s-away", "body": "council-of-heads-of-state",
                               "date": "2026-05-08"})):
                assert 503 == answer.status_code, answer.text
                assert answer.headers["content-type"].startswith("application/problem+json")
                assert answer.headers["retry-after"] == "30"
                assert "the register's database is unavailable" in answer.json()["detail"]
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true'))
        assert 200 == clerk.get("/api/participants/UKR?x=2").status_code
        assert 201 == clerk.post("/api/sessions", json={
            "id": "s-back", "body": "council-of-heads-of-state", "date": "2026-05-08"}
        ).status_code
        clerk.close()
    admin.dispose()


@pytest.mark.realdata
def test_an_interrupted_import_is_finished_by_running_it_again(
    real_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """F13: the batches committed before the interruption are kept; the same import run
    again appends the rest, and the register is the one a whole import gives."""
    table = real_data / "untc-zmjones" / "treaties" / "4-11.csv"
    clauses = ROOT / "docs" / "examples" / "un-convention-20th-instrument.yaml"
    monkeypatch.setenv("DEPOSITARY_HOME", str(tmp_path))
    monkeypatch.delenv("DEPOSITARY_DATABASE_URL", raising=False)
    ledger = open_register()
    plan = plan_status_table(read_status_table(table), load_clauses_file(clauses),
                             ledger.register(), title="CRC", adopted=date(1989, 11, 20))
    # The participants, the treaty and its first 40 acts committed; then the kill.
    first = next(n for n, (kind, _, _) in enumerate(plan.items) if kind == "instrument")
    ledger.append_in_batches(plan.items[:first + 41], "import 4-11.csv", 40)
    args = ["import", "table", str(table), "--clauses", str(clauses), "--title", "CRC",
            "--adopted", "1989-11-20"]
    result = runner.invoke(app, args)
    assert 0 == result.exit_code, result.output
    assert "41 already in the register, kept as recorded" in result.output
    again = runner.invoke(app, args)
    assert 0 == again.exit_code and "0 entries appended" in again.output
    assert open_register().verify().ok
    whole = open_register(Settings(tmp_path / "whole", f"sqlite:///{tmp_path / 'whole.db'}"))
    whole.append(plan.items, "import 4-11.csv")
    day = date(2026, 1, 1)
    alias = read_status_table(table).instrument
    assert (whole.status_chart(alias, day).rows == open_register().status_chart(alias, day).rows)


def test_serve_on_a_damaged_file_says_so_and_exits_2(tmp_path: Path) -> None:
    """F19: no "Application startup failed" traceback: one line, exit status 2."""
    path = tmp_path / "register.sqlite3"
    env = {**os.environ, "DEPOSITARY_HOME": str(tmp_path)}
    env.pop("DEPOSITARY_DATABASE_URL", None)
    # Made by a process of its own, which leaves everything in the file when it ends.
    subprocess.run([sys.executable, "-m", "depositary.cli", "init"], env=env, check=True,
                   capture_output=True)
    with path.open("r+b") as damaged:  # the schema's page: nothing can be read
        damaged.seek(100)
        damaged.write(os.urandom(3996))
    done = subprocess.run(
        [sys.executable, "-m", "depositary.cli", "serve", "--port", str(free_port())],
        env=env, capture_output=True, text=True, timeout=60)
    assert 2 == done.returncode, done.stderr
    assert "Traceback" not in done.stderr
    assert re.search(r"^error: .*(malformed|not a database)", done.stderr, re.M)


def test_a_payload_that_is_not_json_is_named_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """F19: `status` on a log holding an unreadable entry names it; verify too."""
    monkeypatch.setenv("DEPOSITARY_HOME", str(tmp_path))
    monkeypatch.delenv("DEPOSITARY_DATABASE_URL", raising=False)
    ledger = open_register()
    with around_the_triggers(ledger) as connection:
        connection.execute(text("UPDATE entries SET payload = '{not json' WHERE seq = 7"))
    result = runner.invoke(app, ["status", "cis-charter"])
    assert 2 == result.exit_code
    assert "an entry that cannot be read" in result.output
    assert "depositary verify` names it" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    verified = runner.invoke(app, ["verify"])
    assert 1 == verified.exit_code and "entry 7" in verified.output


PAGES = ["/", "/desk", "/signin", "/instruments/cis-charter", "/api/instruments", "/docs",
         "/redoc", "/openapi.json", "/static/site.css"]


def test_every_answer_carries_the_security_headers(client: httpx2.Client) -> None:
    """F17: a policy with no inline script and no framing, nosniff, no referrer; the desk
    and the sign-in page never kept by a cache."""
    for path in PAGES:
        headers = client.get(path).headers
        policy = headers["content-security-policy"]
        assert "script-src 'self';" in policy and "frame-ancestors 'none'" in policy, path
        assert "'unsafe-inline'" not in policy.split("style-src")[0], path
        assert ("nosniff", "no-referrer", "DENY") == (
            headers["x-content-type-options"], headers["referrer-policy"],
            headers["x-frame-options"]), path
    for path in ("/desk", "/signin"):
        assert "no-store" in client.get(path).headers["cache-control"]
    # Refusals made at the edge carry them too.
    assert "content-security-policy" in client.post("/api/sessions", json={}).headers


def test_the_api_docs_load_nothing_from_elsewhere(client: httpx2.Client) -> None:
    for path in ("/docs", "/redoc"):
        page = client.get(path).text
        assert not re.search(r"https?://", page), path
        assert "<script>" not in page  # no inline script: the policy would block it
        for asset in re.findall(r'(?:src|href)="(/[^"]+)"', page):
            assert 200 == client.get(asset).status_code, asset
