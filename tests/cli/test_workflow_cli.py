"""The workflow from the command line, as a depositary's staff would run it."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from depositary.app.stored import utc_today
from depositary.bootstrap import open_register
from depositary.cli import app
from depositary.formats.register_file import signed_message

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
    # The id is the depositary's: the act's instrument, participant, kind, day of receipt.
    act_id = f"cis-charter/UKR/declaration/{utc_today()}"
    assert act_id in cli("pending", "--format", "json")
    assert "admissible" in cli("examine", act_id, "--as", "clerk")
    assert "registered" in cli("register", act_id, "--as", "clerk",
                               "--key", str(tmp_path / "clerk.pem"))
    assert "ok:" in cli("verify")
    # `sign` signs where the key is: Ed25519 is deterministic, so signing the act again
    # gives the very signature the submission carried, and the countersignature too.
    entry = next(e for e in open_register().database.entries() if e.key == act_id
                 and e.kind == "act").data()
    assert entry["signature"] == cli("sign", "--key", str(tmp_path / "ukrainian-delegate.pem"),
                                     "--act", str(tmp_path / "act.yaml")).strip()
    (tmp_path / "message.txt").write_text(signed_message(entry) + "\n", encoding="utf-8")
    assert entry["countersignature"] == cli(
        "sign", "--key", str(tmp_path / "clerk.pem"), str(tmp_path / "message.txt")).strip()


def test_sign_needs_one_text_and_never_a_guess(tmp_path: Path) -> None:
    """`sign` with neither a text nor an act, or with both, says what it needs (exit 2)."""
    key = tmp_path / "k.pem"
    cli("keys", "generate", str(key))
    (tmp_path / "m.txt").write_text("x", encoding="utf-8")
    for args in (["sign", "--key", str(key)],
                 ["sign", "--key", str(key), str(tmp_path / "m.txt"), "--act", str(key)]):
        result = runner.invoke(app, args)
        assert 2 == result.exit_code and "--act FILE" in result.output


def test_a_clerk_without_the_role_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An operation without its role exits 2 naming the role, and writes nothing."""
    monkeypatch.setenv("DEPOSITARY_HOME", str(tmp_path / "home"))
    result = runner.invoke(app, ["examine", "anything", "--as", "boris-yeltsin"])
    assert 2 == result.exit_code
    assert "needs the role depositary-officer" in result.output


def test_accounts_from_the_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """password, token, revoke-token: at the database, for anyone, with no password asked
    again; a refusal exits 2 naming its rule and changes nothing."""
    from depositary.app.accounts import Accounts

    monkeypatch.setenv("DEPOSITARY_HOME", str(tmp_path / "home"))
    (tmp_path / "staff.yaml").write_text(STAFF, encoding="utf-8")
    cli("init")
    cli("load", str(tmp_path / "staff.yaml"))
    short = runner.invoke(app, ["password", "clerk"], input="too short\ntoo short\n")
    assert short.exit_code == 2 and "password: String should have at least 12" in short.output
    passphrase = "a passphrase for the clerk"
    said = runner.invoke(app, ["password", "clerk"], input=f"{passphrase}\n{passphrase}\n")
    assert said.exit_code == 0 and "password set for clerk: 0 sessions ended" in said.output
    token = cli("token", "clerk", "--name", "script").strip()
    accounts = Accounts(open_register())
    assert accounts.check_password("clerk", passphrase)
    assert accounts.person_for_token(token) == "clerk"
    token_id = next(t["id"] for t in accounts.tokens() if t["person"] == "clerk")
    assert f"token {token_id} of clerk revoked" in cli("revoke-token", str(token_id))
    assert accounts.person_for_token(token) is None
    again = runner.invoke(app, ["revoke-token", str(token_id)])
    assert again.exit_code == 2 and f"no token {token_id!r} in use" in again.output
    unknown = runner.invoke(app, ["token", "nobody"])
    assert unknown.exit_code == 2 and "no person 'nobody'" in unknown.output
