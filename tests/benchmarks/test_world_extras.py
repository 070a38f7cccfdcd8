"""The world benchmark's extras (issue 6): the IEADB measured in quick mode (it still runs,
and every system gives the register's answers on a slice of the real corpus), and the
cost-growth chart (valid SVG, a line per question and system). No time is asserted."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from lxml import etree

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import world  # noqa: E402
import world_chart  # noqa: E402
import world_ieadb  # noqa: E402

SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.realdata
def test_every_system_agrees_on_a_slice_of_the_ieadb(real_data: Path, tmp_path: Path) -> None:
    folder = real_data / "ieadb"
    if not (folder / "db_members.csv.gz").is_file():
        pytest.skip(f"no IEADB dump at {folder}: set DEPOSITARY_REAL_DATA to run this test")
    run = world.Run()
    acts = world_ieadb.measure_ieadb(run, tmp_path, limit=300)
    assert acts > 300  # the first 300 agreements: 595 acts in the January 2026 dump
    assert len(run.checks) == 2 * world.SAMPLES  # the charts and the participants' views
    measured = {(r.question, r.system) for r in run.rows}
    assert {("IEADB 5 import", "depositary (SQLite)"), ("IEADB 4 rebuild", "depositary (SQLite)"),
            ("IEADB 1 status chart", "depositary (SQLite)"),
            ("IEADB 1 status chart", "naive replay"), ("IEADB 1 status chart", "Oxigraph"),
            ("IEADB 2 in force for a participant", "depositary (SQLite)"),
            ("IEADB 2 in force for a participant", "Oxigraph")} <= measured
    if os.environ.get("DEPOSITARY_TEST_POSTGRES_URL"):  # always in CI
        assert {("IEADB 5 import", "depositary (PostgreSQL)"),
                ("IEADB 1 status chart", "depositary (PostgreSQL)"),
                ("IEADB 2 in force for a participant", "depositary (PostgreSQL)")} <= measured
    assert {acts} == {r.size for r in run.rows}
    assert all(r.median_ms > 0 for r in run.rows)
    lines = world.report(run, [acts], quick=True)
    assert any(line.startswith("## IEADB 1 status chart") for line in lines)


def test_the_samples_are_the_same_for_the_same_corpus() -> None:
    import random

    items = [("instrument", "/t/1", {"alias": "t1"}), ("instrument", "/t/2", {"alias": "t2"}),
             *[("act", f"a{n}", {"instrument": "/t/1", "participant": "AUT"})
               for n in range(3)],
             ("act", "b", {"instrument": "/t/2", "participant": "FRA"}),
             ("participant", "DEU", {"code": "DEU"})]
    first = world_ieadb.sample(items, random.Random(1))
    assert first == world_ieadb.sample(items, random.Random(1))
    charts, views = first
    assert world.SAMPLES == len(charts) == len(views)
    assert {a for a, _ in charts} <= {"t1", "t2"}
    assert {c for c, _ in views} <= {"AUT", "FRA"}  # DEU has no act


def test_without_the_data_the_measurement_is_skipped_and_says_why(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("DEPOSITARY_REAL_DATA", str(tmp_path / "nowhere"))
    run = world.Run()
    assert 0 == world_ieadb.measure_ieadb(run, tmp_path)
    assert [] == run.rows
    assert f"no IEADB dump at {tmp_path / 'nowhere' / 'ieadb'}" in capsys.readouterr().err


def rows() -> list[world.Row]:
    found = []
    for size in (10_000, 100_000, 1_000_000):
        grown = size / 10_000
        found += [world.Row(size, "1 status chart", "depositary (SQLite)", 0.2, 0.3),
                  world.Row(size, "1 status chart", "DuckDB", 4 * grown ** 0.3, 5),
                  world.Row(size, "4 rebuild", "depositary (SQLite)", 2000 * grown, 2000),
                  world.Row(size, "4 rebuild", "DuckDB", 300 * grown, 300)]
    # Measured at one size only: not a growth, left out.
    return [*found, world.Row(40_612, "IEADB 1 status chart", "depositary (SQLite)", 1, 1)]


def test_the_growth_chart_is_svg_with_a_line_per_question_and_system() -> None:
    svg = world_chart.growth_svg(rows())
    root = etree.fromstring(svg.encode())
    assert f"{SVG}svg" == root.tag
    ids = {g.get("id") for g in root.iter(f"{SVG}g")}
    expected = {world_chart.series_id(q, s) for q in ("1 status chart", "4 rebuild")
                for s in ("depositary (SQLite)", "DuckDB", "linear growth")}
    assert expected <= ids
    assert not any("ieadb" in (i or "") for i in ids)
    text = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    for label in ("1 status chart", "4 rebuild", "depositary (SQLite)", "DuckDB", "10k", "1M",
                  "acts in the corpus (log)", "median ms (log)"):
        assert label in text
    # Three points per line.
    line = next(g for g in root.iter(f"{SVG}g")
                if g.get("id") == world_chart.series_id("4 rebuild", "DuckDB"))
    path = next(line.iter(f"{SVG}path")).get("d") or ""
    assert 3 == len([c for c in path.split() if c in {"M", "L"}])
    assert svg == world_chart.growth_svg(rows())  # deterministic: committed beside RESULTS.md


def test_the_chart_is_written_and_embedded(tmp_path: Path) -> None:
    markdown = world_chart.write_growth_chart(rows(), tmp_path / "world-growth.svg")
    assert markdown.startswith("![") and markdown.endswith("](world-growth.svg)")
    etree.parse(str(tmp_path / "world-growth.svg"))
    with pytest.raises(ValueError, match="nothing to chart"):
        world_chart.growth_svg(rows()[-1:])
