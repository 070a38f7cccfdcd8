"""The world benchmark in quick mode (issue 6): it still runs, and every system gives the
same answers as the register on a small synthetic world. No time is asserted."""

from __future__ import annotations

import os
import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import world  # noqa: E402
import world_corpus  # noqa: E402


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


def test_every_system_agrees_on_a_small_world(tmp_path: Path) -> None:
    run = world.Run()
    world.measure(3000, run, tmp_path)
    assert len(run.checks) == 2 * world.SAMPLES  # the charts and the participants' views
    measured = {(r.question, r.system) for r in run.rows}
    assert {("1 status chart", "DuckDB"), ("1 status chart", "Oxigraph"),
            ("1 status chart", "naive replay"), ("2 in force for a participant", "DuckDB"),
            ("4 rebuild", "depositary (SQLite)"), ("5 ingest, one by one",
                                                   "depositary (SQLite)")} <= measured
    if os.environ.get("DEPOSITARY_TEST_POSTGRES_URL"):  # always in CI
        assert {("1 status chart", "depositary (PostgreSQL)"),
                ("5 ingest, one by one", "depositary (PostgreSQL)")} <= measured
    lines = world.report(run, [3000], quick=True)
    assert any(line.startswith("## 1 status chart") for line in lines)


def test_a_disagreement_stops_the_run() -> None:
    import pytest

    with pytest.raises(SystemExit, match="DuckDB differ from depositary's on SQLite"):
        world.agree(world.Run(), "chart of t1 on 2000-01-01",
                    {"depositary (SQLite)": [("RUS", "party")],
                     "DuckDB": [("RUS", "signatory")]})
