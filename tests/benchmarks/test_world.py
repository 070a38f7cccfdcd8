"""The world benchmark in quick mode (issue 6): it still runs, and every system gives the
same answers as the register on a small synthetic world. No time is asserted."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import world  # noqa: E402
import world_corpus  # noqa: E402

SMALL = 800  # acts: enough for every question to have answers to compare
QUESTIONS = 11


def test_the_corpus_is_the_same_for_the_same_seed() -> None:
    first, again = world_corpus.generate(3000, seed=7), world_corpus.generate(3000, seed=7)
    assert first.acts == again.acts and first.instruments == again.instruments
    assert first.acts != world_corpus.generate(3000, seed=8).acts
    assert 250 == len(first.participants)
    assert {"on-signature", "threshold", "double-threshold", "none", "amendment"} == set(
        first.families.values())
    kinds = {a["kind"] for a in first.acts}
    assert {"signature", "ratification", "accession", "acceptance", "denunciation",
            "ceased-to-exist"} <= kinds
    # Conferences of the parties: the parties of a threshold instrument are its members.
    assert first.bodies == again.bodies and len(first.bodies) >= world_corpus.MIN_BODIES
    for body in first.bodies:
        charter = body["membership"]["charter"]
        assert first.families[charter] in ("threshold", "double-threshold")
        assert body["alias"] == f"cop-{charter}" and body["membership"]["founding"] == []
    entries = world_corpus.items(first)
    assert len(first.bodies) == sum(1 for kind, _, _ in entries if kind == "body")


def test_the_plain_files_hold_the_bodies(tmp_path: Path) -> None:
    import json

    corpus = world_corpus.generate(2000)
    world_corpus.write(corpus, tmp_path)
    written = json.loads((tmp_path / "bodies.json").read_text(encoding="utf-8"))
    assert [(b["alias"], b["membership"]["charter"]) for b in corpus.bodies] == [
        (b["alias"], b["instrument"]) for b in written]


def test_every_system_agrees_on_a_small_world(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Fewer questions than a measurement asks: enough to compare every system's answers.
    monkeypatch.setattr(world, "SAMPLES", QUESTIONS)
    run = world.Run()
    world.measure(SMALL, run, tmp_path)
    def checked(start: str, *within: str) -> int:
        return sum(c.startswith(start) and all(w in c for w in within) for c in run.checks)

    charts = checked("chart of")
    by_http, as_recorded = checked("chart of", "by HTTP"), checked("chart of", "as recorded")
    assert charts - by_http - as_recorded == world.SAMPLES
    assert checked("in force for") == world.SAMPLES
    # Each chart over HTTP three times: first asked, the day after, asked again.
    assert by_http == 3 * world.SAMPLES
    # A body's members: through the library, over HTTP, and once in a fresh process.
    assert checked("members of") == 2 * world.SAMPLES + 1
    # As recorded at T: the same share of the questions at each of two or three times.
    assert world.SAMPLES - 2 <= as_recorded <= world.SAMPLES
    measured = {(r.question, r.system) for r in run.rows}
    assert {("1 status chart", "DuckDB"), ("1 status chart", "Oxigraph"),
            ("1 status chart", "naive replay"), ("2 in force for a participant", "DuckDB"),
            ("4 rebuild", "depositary (SQLite)"), ("5 ingest, one by one",
                                                   "depositary (SQLite)"),
            ("1 status chart", "depositary HTTP API (SQLite), first asked"),
            ("1 status chart", "depositary HTTP API (SQLite), asked again"),
            ("3 members of a body", "depositary (SQLite)"),
            ("3 members of a body", "depositary (SQLite), with reasons"),
            ("5 ingest, one by one", "depositary (SQLite, synchronous=normal)"),
            ("3 members of a body", "DuckDB"), ("3 members of a body", "Oxigraph"),
            ("3 members of a body", "naive replay"),
            ("3 members of a body", "depositary (SQLite), first question in a fresh process"),
            ("6 status chart as recorded at T", "depositary (SQLite)"),
            ("6 status chart as recorded at T", "depositary (SQLite), first question at a T"),
            ("6 status chart as recorded at T", "Oxigraph"),
            ("6 status chart as recorded at T", "naive replay")} <= measured
    if os.environ.get("DEPOSITARY_TEST_POSTGRES_URL"):  # always in CI
        assert {("1 status chart", "depositary (PostgreSQL)"),
                ("3 members of a body", "depositary (PostgreSQL)"),
                ("6 status chart as recorded at T", "depositary (PostgreSQL)"),
                ("5 ingest, one by one", "depositary (PostgreSQL)")} <= measured
    [memory] = run.memory
    assert memory.size == SMALL
    assert 0 < memory.peaks["start and imports"] <= max(memory.peaks.values())
    assert list(memory.peaks.values()) == sorted(memory.peaks.values())  # peaks so far
    lines = world.report(run, [SMALL], quick=True)
    for section in ("1 status chart", "3 members of a body", "6 status chart as recorded at T",
                    "memory"):
        assert f"## {section}" in lines


def test_a_disagreement_stops_the_run() -> None:
    import pytest

    with pytest.raises(SystemExit, match="DuckDB differ from depositary's on SQLite"):
        world.agree(world.Run(), "chart of t1 on 2000-01-01",
                    {"depositary (SQLite)": [("RUS", "party")],
                     "DuckDB": [("RUS", "signatory")]})
