"""F2: a register changed behind the program's back is found, against a checkpoint kept
outside its database: a rewritten unsigned entry with the chain recomputed, a cut tail
(rebuilt), an unsigned act appended (listed as new since the checkpoint), a file emptied
or replaced, an archive cut with its header rewritten. F18, F21 on the way. Each on SQLite
and PostgreSQL where the engine allows the change."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError
from typer.testing import CliRunner

from depositary.app.settings import Settings
from depositary.app.stored import Refusal, StoredRegister
from depositary.app.workflow import SECRETARIAT, Workflow
from depositary.bootstrap import open_register
from depositary.cli import app
from depositary.log.entries import EntryKind
from depositary.store.database import Database
from tests.security.tampering import cut, rewrite

runner = CliRunner()


@pytest.fixture
def staffed(bundled_url: str, tmp_path: Path) -> StoredRegister:
    """The bundled register with an administrator and a clerk of the secretariat: the
    clerk's grant is the unsigned entry F2(a) rewrites."""
    ledger = open_register(Settings(tmp_path, bundled_url))
    ledger.append([(EntryKind.PERSON, p, {"id": p, "names": {"en": p}})
                   for p in ("admin", "clerk")], "setup")
    workflow = Workflow(ledger)
    workflow.grant("admin", "administrator", "admin")
    workflow.grant("clerk", SECRETARIAT, "admin")
    return ledger


def grant_of(ledger: StoredRegister, role: str) -> int:
    return next(e.seq for e in ledger.database.entries()
                if e.kind == EntryKind.ROLE and e.data()["role"] == role
                and e.data()["person"] == "clerk")


def test_an_untouched_register_holds_what_its_checkpoint_covers(staffed: StoredRegister) -> None:
    signed = staffed.checkpoint()
    assert signed.tree_size == staffed.size()
    found = staffed.verify([signed])
    assert found.ok, found


def test_every_append_is_checkpointed(staffed: StoredRegister) -> None:
    """The depositary signs a checkpoint of the log each time it grows, so that what a
    notification announces is covered by a signature as it is published."""
    assert staffed.size() == staffed.checkpoints(limit=1)[0].tree_size
    sizes = [c.tree_size for c in staffed.checkpoints()]
    assert sizes == sorted(sizes, reverse=True) and len(set(sizes)) >= 3


def test_a_rewritten_entry_with_its_chain_recomputed_is_named(staffed: StoredRegister) -> None:
    """F2(a): the clerk's grant becomes an administrator's; the chain is recomputed."""
    published = staffed.checkpoint()
    seq = grant_of(staffed, SECRETARIAT)
    rewrite(staffed, seq, SECRETARIAT, "administrator")
    assert Workflow(staffed).roles("clerk") == {"administrator"}  # the forgery reads well
    found = staffed.verify([published])
    assert found.broken_entry is None  # the chain holds: only the checkpoint tells
    assert found.checkpoint_mismatch is not None
    assert f"entry {seq} (role 'clerk'" in found.checkpoint_mismatch
    # A rebuild makes the stored tree agree with the forged log; the checkpoint, kept
    # outside, still does not, and the range it names holds the entry.
    staffed.rebuild()
    found = staffed.verify([published])
    assert found.tree_mismatch is None and found.checkpoint_mismatch is not None
    assert "rewritten, inserted or removed" in found.checkpoint_mismatch


def test_a_cut_tail_is_named_even_after_a_rebuild(staffed: StoredRegister) -> None:
    """F2(b): the last entries deleted and the projections rebuilt."""
    published = staffed.checkpoint()
    size = staffed.size()
    cut(staffed, size - 3)
    staffed.rebuild()
    found = staffed.verify([published])
    assert found.checkpoint_mismatch is not None
    assert f"entries {size - 3} to {size} are gone" in found.checkpoint_mismatch
    # The checkpoints the depositary kept say so too, without one from outside.
    assert not staffed.verify().ok


def test_an_unsigned_act_appended_since_is_listed_for_the_witness(
    staffed: StoredRegister, bundled_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """F2(c): an act appended through the library is a real append: the checkpoint still
    holds, and `verify --checkpoint` lists it among what was recorded since, for anyone to
    see (and, signed into the next checkpoint, it can never be taken back)."""
    published = tmp_path / "cp.json"
    published.write_text(json.dumps(staffed.checkpoint().as_json()), encoding="utf-8")
    staffed.append([(EntryKind.ACT, "forged-geo", {
        "id": "forged-geo", "instrument": "cis-charter", "participant": "GEO",
        "kind": "accession", "dated": "2026-01-05", "received": "2026-01-05"})],
        "depositary-officer")
    monkeypatch.setenv("DEPOSITARY_HOME", str(tmp_path))
    monkeypatch.setenv("DEPOSITARY_DATABASE_URL", bundled_url)
    result = runner.invoke(app, ["verify", "--checkpoint", str(published)])
    assert 0 == result.exit_code, result.output
    assert "recorded since that checkpoint (2):" in result.output
    assert "act 'forged-geo' by depositary-officer" in result.output


def test_an_emptied_register_file_is_refused_not_replaced(tmp_path: Path) -> None:
    """F2(d): a SQLite file emptied to 0 bytes is not taken for a new register."""
    path = tmp_path / "register.sqlite3"
    settings = Settings(tmp_path, f"sqlite:///{path}")
    open_register(settings)
    Database(settings.database_url).engine.dispose()
    path.write_bytes(b"")
    for extra in ("-wal", "-shm"):
        Path(f"{path}{extra}").unlink(missing_ok=True)
    with pytest.raises(Refusal, match=r"is empty \(0 bytes\).*restore"):
        open_register(settings)
    assert 0 == path.stat().st_size  # and nothing was written into it


def test_a_register_replaced_by_another_is_another_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """F2(d), the file removed instead: a new register is made, but it is not the log the
    published checkpoint covered, and verify says so (exit 1)."""
    monkeypatch.setenv("DEPOSITARY_HOME", str(tmp_path))
    monkeypatch.delenv("DEPOSITARY_DATABASE_URL", raising=False)
    published = runner.invoke(app, ["checkpoint"])
    assert 0 == published.exit_code, published.output
    (tmp_path / "cp.json").write_text(published.stdout, encoding="utf-8")
    (tmp_path / "register.sqlite3").unlink()
    result = runner.invoke(app, ["verify", "--checkpoint", str(tmp_path / "cp.json")])
    assert 1 == result.exit_code
    assert "is not of this log" in result.output and "replaced by another" in result.output


def test_an_archive_cut_with_its_header_rewritten_is_refused(
    staffed: StoredRegister, tmp_path: Path,
) -> None:
    """F2(e): the archive carries the checkpoints signed of it; one cut short with a header
    made to match is refused, and one stripped of them is caught by the published one."""
    archive = tmp_path / "a.jsonl"
    staffed.export(archive)
    lines = archive.read_text(encoding="utf-8").splitlines()
    header, entries = json.loads(lines[0]), lines[1:-5]
    assert header["checkpoints"][-1]["tree_size"] == len(lines) - 1
    published = staffed.checkpoints(limit=1)
    header |= {"entries": len(entries), "head": json.loads(entries[-1])["hash"]}
    cut_short = tmp_path / "b.jsonl"
    cut_short.write_text("\n".join([json.dumps(header), *entries]) + "\n", encoding="utf-8")
    target = open_register(Settings(tmp_path, f"sqlite:///{tmp_path / 'b.db'}"),
                         load_bundled=False)
    with pytest.raises(Refusal, match="gone"):
        target.restore(cut_short)
    assert target.database.head() is None
    stripped = tmp_path / "c.jsonl"
    header["checkpoints"] = []
    stripped.write_text("\n".join([json.dumps(header), *entries]) + "\n", encoding="utf-8")
    with pytest.raises(Refusal, match="gone"):
        target.restore(stripped, published)
    target.restore(stripped)  # accepted alone: only a checkpoint from outside can tell
    assert not target.verify(published).ok


def test_restore_keeps_the_checkpoints_and_the_name_of_the_log(
    staffed: StoredRegister, tmp_path: Path,
) -> None:
    archive = tmp_path / "a.jsonl"
    staffed.export(archive)
    target = open_register(Settings(tmp_path / "other", f"sqlite:///{tmp_path / 'r.db'}"),
                         load_bundled=False)
    target.restore(archive)
    assert target.origin == staffed.origin
    assert {c.note for c in target.checkpoints()} == {c.note for c in staffed.checkpoints()}
    assert target.verify(staffed.checkpoints(limit=1)).ok


def test_insert_or_replace_cannot_get_past_the_triggers(tmp_path: Path) -> None:
    """F21: SQLite's REPLACE deletes without firing DELETE triggers; a BEFORE INSERT
    trigger refuses an entry number or hash already used."""
    ledger = open_register(Settings(tmp_path, f"sqlite:///{tmp_path / 'r.db'}"))
    with pytest.raises(IntegrityError, match="append-only"):
        ledger.database.execute_raw(
            "INSERT OR REPLACE INTO entries SELECT seq, kind, key, recorded_at, author, "
            "replace(payload, 'a', 'b'), prev_hash, hash FROM entries WHERE seq = 5")
    assert ledger.verify().ok


def test_a_schema_left_by_a_failed_first_init_gets_the_bundled_register(
    database_url: str, tmp_path: Path,
) -> None:
    """F18: a log left empty by a failed first init is given the bundled register; one made
    empty on purpose (`init --empty`) stays empty."""
    Database(database_url).migrate()  # the schema, and nothing else: as the failed init
    assert open_register(Settings(tmp_path, database_url)).size() > 300


def test_init_empty_means_empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEPOSITARY_HOME", str(tmp_path))
    monkeypatch.delenv("DEPOSITARY_DATABASE_URL", raising=False)
    assert "0 entries" in runner.invoke(app, ["init", "--empty"]).output
    result = runner.invoke(app, ["verify"])
    assert (0, "ok: 0 entries") == (result.exit_code, result.stdout.split(",")[0])


@pytest.mark.postgres
def test_postgresql_refuses_to_change_a_signed_checkpoint(postgres_url: str,
                                                          tmp_path: Path) -> None:
    ledger = open_register(Settings(tmp_path, postgres_url))
    with pytest.raises(IntegrityError, match="signed checkpoints cannot be deleted"):
        ledger.database.execute_raw("DELETE FROM checkpoints")
