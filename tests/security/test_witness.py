"""The log as outsiders check it, over HTTP: the checkpoints, an entry's inclusion proof
and the consistency proof between two checkpoints verify with RFC 9162's algorithms; the
feed carries the newest checkpoint; a member state's witness (`depositary witness URL`)
keeps checkpoints and catches a depositary that cut, rewrote or forked its log."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import httpx2
import pytest
from typer.testing import CliRunner

from depositary.app.settings import Settings
from depositary.app.stored import StoredRegister
from depositary.bootstrap import open_register
from depositary.cli import app
from depositary.log import merkle
from depositary.log.checkpoints import from_json
from depositary.log.entries import EntryKind
from tests.security.tampering import cut
from tests.web.conftest import serve

runner = CliRunner()


@pytest.fixture
def site(bundled_url: str, tmp_path: Path) -> tuple[str, StoredRegister]:
    for base in serve(bundled_url, tmp_path):
        yield base, open_register(Settings(tmp_path, bundled_url))


def person(ledger: StoredRegister, who: str) -> None:
    ledger.append([(EntryKind.PERSON, who, {"id": who, "names": {"en": who}})], "test")


def test_proofs_from_the_api_verify_against_the_signed_checkpoints(
    site: tuple[str, StoredRegister],
) -> None:
    base, ledger = site
    with httpx2.Client(base_url=base) as web:
        first = from_json(web.get("/api/checkpoints/latest").json())
        person(ledger, "someone")
        latest = from_json(web.get("/api/checkpoints/latest").json())
        assert latest.tree_size == first.tree_size + 1
        listed = web.get("/api/checkpoints", params={"limit": 2}).json()["checkpoints"]
        assert [latest.tree_size, first.tree_size] == [c["tree_size"] for c in listed]
        # Entry 7, in the newest checkpoint's tree.
        entry = web.get("/api/entries/7").json()
        proof = web.get("/api/entries/7/proof").json()
        assert (proof["tree_size"], proof["checkpoint"]["note"]) == (latest.tree_size,
                                                                     latest.note)
        leaf = merkle.leaf_hash(bytes.fromhex(entry["hash"]))
        assert merkle.verify_inclusion(6, latest.tree_size, leaf,
                                       [bytes.fromhex(h) for h in proof["proof"]],
                                       latest.root_hash)
        # The log of the first checkpoint is the beginning of the latest one's.
        consistency = web.get("/api/checkpoints/consistency",
                              params={"from": first.tree_size, "to": latest.tree_size}).json()
        assert merkle.verify_consistency(first.tree_size, latest.tree_size,
                                         [bytes.fromhex(h) for h in consistency["proof"]],
                                         first.root_hash, latest.root_hash)
        for path, status in (("/api/entries/0", 422), ("/api/entries/999999", 404),
                             ("/api/entries/99999999999", 422),
                             ("/api/checkpoints/consistency?from=9&to=999999", 422),
                             ("/api/checkpoints/consistency?from=5&to=4", 422)):
            assert status == web.get(path).status_code, path


def test_the_feed_publishes_the_newest_checkpoint(site: tuple[str, StoredRegister]) -> None:
    base, ledger = site
    feed = ElementTree.fromstring(httpx2.get(f"{base}/feeds/notifications.atom").content)
    found = feed.find("{urn:depositary:checkpoint}checkpoint")
    assert found is not None and found.text is not None
    signed = from_json({"note": found.text, "verifier": found.get("verifier")})
    assert signed.tree_size == ledger.size()


def test_a_witness_keeps_the_log_honest(
    site: tuple[str, StoredRegister], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    base, ledger = site
    monkeypatch.setenv("DEPOSITARY_HOME", str(tmp_path / "witness-home"))
    store = tmp_path / "witness"

    def witness() -> tuple[int, str]:
        result = runner.invoke(app, ["witness", base, "--store", str(store)])
        return result.exit_code, result.output

    code, said = witness()
    assert 0 == code and "first checkpoint kept" in said and "key pinned" in said
    person(ledger, "a-new-person")
    code, said = witness()
    assert 0 == code and "consistent:" in said and "(1 since the checkpoint kept" in said
    assert 2 == len(list(store.glob("*.json")))
    # The depositary cuts its last entry and grows again from there: it signs the new
    # log (whoever holds the server holds its key), but cannot prove it extends the old.
    cut(ledger, ledger.size())
    ledger.rebuild()
    person(ledger, "another-person")
    code, said = witness()
    assert (1, "two different logs of") == (code, said[8:29])  # as many entries: a fork
    person(ledger, "a-third-person")
    code, said = witness()
    assert 1 == code
    assert "does not begin with the log of" in said and "rewrote, cut or replaced" in said
    assert 2 == len(list(store.glob("*.json")))  # the inconsistent ones are not kept


def test_a_witness_refuses_a_new_key(
    site: tuple[str, StoredRegister], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    base, _ = site
    store = tmp_path / "witness"
    assert 0 == runner.invoke(app, ["witness", base, "--store", str(store)]).exit_code
    pinned = (store / "key.txt").read_text(encoding="utf-8")
    (store / "key.txt").write_text(pinned.replace("+", "x", 1), encoding="utf-8")
    result = runner.invoke(app, ["witness", base, "--store", str(store)])
    assert 1 == result.exit_code and "not the key" in result.output


def test_a_witness_that_cannot_reach_the_depositary_says_so(tmp_path: Path) -> None:
    result = runner.invoke(app, ["witness", "http://127.0.0.1:9", "--store",
                                 str(tmp_path / "w")])
    assert 2 == result.exit_code and "cannot be fetched" in result.output


def test_verify_against_a_depositarys_url(
    site: tuple[str, StoredRegister], bundled_url: str, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`verify --checkpoint URL`: the published checkpoint, fetched."""
    base, _ = site
    monkeypatch.setenv("DEPOSITARY_HOME", str(tmp_path))
    monkeypatch.setenv("DEPOSITARY_DATABASE_URL", bundled_url)
    result = runner.invoke(app, ["verify", "--checkpoint", base])
    assert 0 == result.exit_code, result.output
    assert "holds exactly the" in result.output
