"""The workflow from the command line, as a depositary's staff would run it."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from depositary.cli import app

runner = CliRunner()

STAFF = """
format: depositary/register@1
persons:
  - {id: registrar, names: {en: Registrar}}
  - {id: clerk, names: {en: Depositary officer}}
  - id: ukrainian-delegate
    names: {en: A delegate of Ukraine}
    capacities: [{participant: UKR, role: plenipotentiary, from: 2025-01-01}]
"""
ACT = """
instrument: cis-charter
participant: UKR
kind: declaration
dated: 2026-01-12
text: A declaration for the CLI's test (illustrative).
"""


def cli(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_submit_examine_register_from_the_cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """keys, grant, submit, pending, examine, register, verify: every step from the CLI."""
    monkeypatch.setenv("DEPOSITARY_HOME", str(tmp_path / "home"))
    (tmp_path / "staff.yaml").write_text(STAFF, encoding="utf-8")
    (tmp_path / "act.yaml").write_text(ACT, encoding="utf-8")
    cli("init")
    cli("load", str(tmp_path / "staff.yaml"))
    cli("grant", "registrar", "administrator", "--as", "registrar")
    cli("grant", "clerk", "depositary-officer", "--as", "registrar")
    for person in ("clerk", "ukrainian-delegate"):
        public = cli("keys", "generate", str(tmp_path / f"{person}.pem")).strip()
        cli("keys", "register", person, public, "--as", "registrar", "--from", "2025-01-01")
    cli("submit", str(tmp_path / "act.yaml"), "--as", "ukrainian-delegate",
        "--key", str(tmp_path / "ukrainian-delegate.pem"))
    act_id = "cis-charter/UKR/declaration/2026-01-12"
    assert act_id in cli("pending", "--format", "json")
    assert "admissible" in cli("examine", act_id, "--as", "clerk")
    assert "registered" in cli("register", act_id, "--as", "clerk",
                               "--key", str(tmp_path / "clerk.pem"))
    assert "ok:" in cli("verify")


def test_a_clerk_without_the_role_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An operation without its role exits 2 naming the role, and writes nothing."""
    monkeypatch.setenv("DEPOSITARY_HOME", str(tmp_path / "home"))
    result = runner.invoke(app, ["examine", "anything", "--as", "boris-yeltsin"])
    assert 2 == result.exit_code
    assert "needs the role depositary-officer" in result.output
