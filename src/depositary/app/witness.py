"""Checkpoints from outside the database, and the witness a member state keeps.

`load` reads checkpoints from where someone kept them: a file (`depositary checkpoint >
cp.json`), a witness's folder, or a depositary's URL. `Witness` is what `depositary
witness URL` runs: it fetches the depositary's latest checkpoint, checks that it extends
the last one it kept (a consistency proof, RFC 9162), and keeps it. A depositary that cut,
rewrote or forked its log cannot give a proof that checks, so a witness that checks now and
then is an anchor outside the depositary's reach (docs/security.md).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx2

from depositary.log import merkle
from depositary.log.checkpoints import Checkpoint, CheckpointError, from_json

LATEST = "/api/checkpoints/latest"
TIMEOUT = 30.0


class WitnessError(ValueError):
    """A checkpoint that cannot be fetched or read: nothing was checked."""


class Inconsistent(ValueError):
    """The depositary's log does not extend what the witness kept: the message says how."""


def load(source: str, verifier: str | None = None) -> list[Checkpoint]:
    """The checkpoints in a file (one, or a list), a witness's folder (every one it kept)
    or at a URL (a depositary's address: its latest), each checked against `verifier` if
    given, else against the key it names."""
    if re.match(r"^https?://", source):
        return [_checked(fetch_json(_latest_url(source)), verifier, source)]
    path = Path(source)
    if path.is_dir():
        files = sorted(path.glob("*.json"))
        if not files:
            raise WitnessError(f"{path}: no checkpoint (*.json) in this folder")
        return [_checked(_read(file), verifier, str(file)) for file in files]
    data = _read(path)
    if isinstance(data, dict) and isinstance(data.get("checkpoints"), list):
        return [_checked(item, verifier, source) for item in data["checkpoints"]]
    return [_checked(data, verifier, source)]


def fetch_json(url: str) -> Any:
    try:
        answer = httpx2.get(url, timeout=TIMEOUT, follow_redirects=True)
    except httpx2.HTTPError as error:
        raise WitnessError(f"{url}: cannot be fetched: {error}") from None
    if answer.status_code != 200:
        raise WitnessError(f"{url}: answered {answer.status_code}: {answer.text[:200]}")
    try:
        return answer.json()
    except ValueError:
        raise WitnessError(f"{url}: did not answer JSON") from None


def _latest_url(address: str) -> str:
    """A depositary's address, or the URL of a checkpoint itself."""
    return address if "/api/" in address else address.rstrip("/") + LATEST


def _read(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise WitnessError(f"{path}: cannot be read: {error}") from None
    try:
        return json.loads(text)
    except ValueError:
        raise WitnessError(f"{path}: not a checkpoint (JSON, as `depositary checkpoint` "
                           "writes it)") from None


def _checked(data: Any, verifier: str | None, where: str) -> Checkpoint:
    try:
        return from_json(data, verifier)
    except CheckpointError as error:
        raise WitnessError(f"{where}: {error}") from None


@dataclass(frozen=True, slots=True)
class Witnessed:
    """What a witness run found: the checkpoint fetched, the one kept before (if any),
    and whether the new one was kept."""

    latest: Checkpoint
    before: Checkpoint | None
    kept: bool
    message: str


class Witness:
    """A member state's copy of a depositary's checkpoints, in a folder: the verifier key
    pinned on first contact (`key.txt`) and every checkpoint that checked."""

    def __init__(self, store: Path) -> None:
        self.store = store

    def pinned(self) -> str | None:
        path = self.store / "key.txt"
        return path.read_text(encoding="utf-8").strip() if path.exists() else None

    def kept(self) -> list[Checkpoint]:
        pinned = self.pinned()
        if pinned is None:
            return []
        files = sorted(self.store.glob("*.json"))
        return sorted((_checked(_read(f), pinned, str(f)) for f in files),
                      key=lambda c: c.tree_size)

    def witness(self, address: str, verifier: str | None = None) -> Witnessed:
        """Fetch the depositary's latest checkpoint and keep it if it extends the last one
        kept. Raises Inconsistent where it does not, WitnessError where nothing could be
        checked."""
        pinned = self.pinned()
        if pinned is not None and verifier is not None and verifier != pinned:
            raise WitnessError(f"{self.store}: this witness pinned the key {pinned}, not "
                               f"{verifier}")
        data = fetch_json(_latest_url(address))
        named = data.get("verifier") if isinstance(data, dict) else None
        if pinned is not None and named != pinned:
            raise Inconsistent(
                f"the depositary now signs with the key {named}, not the key {pinned} this "
                "witness pinned: a new key is accepted only by hand (remove key.txt)")
        latest = _checked(data, pinned or verifier, address)
        kept = self.kept()
        before = kept[-1] if kept else None
        if before is not None:
            self._check(address, before, latest)
        self.store.mkdir(parents=True, exist_ok=True)
        if pinned is None:
            (self.store / "key.txt").write_text(latest.verifier + "\n", encoding="utf-8")
        keep = before is None or latest.tree_size >= before.tree_size
        if keep:
            name = f"{latest.tree_size:012d}-{re.sub(r'[^0-9A-Za-z]', '', latest.signed_at)}"
            (self.store / f"{name}.json").write_text(
                json.dumps(latest.as_json(), indent=2) + "\n", encoding="utf-8")
        return Witnessed(latest, before, keep, _said(before, latest))

    @staticmethod
    def _check(address: str, before: Checkpoint, latest: Checkpoint) -> None:
        if latest.origin != before.origin:
            raise Inconsistent(f"the log is now named {latest.origin}, not {before.origin}")
        old, new = sorted((before, latest), key=lambda c: c.tree_size)
        if old.tree_size == new.tree_size:
            if old.root_hash != new.root_hash:
                raise Inconsistent(
                    f"two different logs of {old.tree_size} entries, both signed: the "
                    f"depositary's log forked (roots {old.root_hash.hex()[:16]} and "
                    f"{new.root_hash.hex()[:16]})")
            return
        base = address.split("/api/")[0].rstrip("/")
        url = (f"{base}/api/checkpoints/consistency?from={old.tree_size}"
               f"&to={new.tree_size}")
        data = fetch_json(url)
        try:
            proof = [bytes.fromhex(h) for h in data["proof"]]
        except (KeyError, TypeError, ValueError):
            raise WitnessError(f"{url}: not a consistency proof") from None
        if not merkle.verify_consistency(old.tree_size, new.tree_size, proof,
                                         old.root_hash, new.root_hash):
            raise Inconsistent(
                f"the log of {new.tree_size} entries does not begin with the log of "
                f"{old.tree_size} entries signed at {old.signed_at}: the depositary rewrote, "
                "cut or replaced entries the earlier checkpoint covered")


def _said(before: Checkpoint | None, latest: Checkpoint) -> str:
    if before is None:
        return (f"first checkpoint kept: {latest.tree_size} entries, root "
                f"{latest.root_hash.hex()[:16]}…; key pinned: {latest.verifier}")
    if latest.tree_size < before.tree_size:
        return (f"the depositary answered an older checkpoint ({latest.tree_size} entries) "
                f"than the one kept ({before.tree_size}); the two are consistent")
    grown = latest.tree_size - before.tree_size
    return (f"consistent: {latest.tree_size} entries ({grown} since the checkpoint kept "
            f"of {before.tree_size}), root {latest.root_hash.hex()[:16]}…")
