"""The benchmark of single appends in quick mode (issue 18): it still runs on SQLite, both
paths (the register's, and the whole-instrument peer) leave projections `verify` agrees
with, and its report holds a row per path. No time is asserted."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import appends  # noqa: E402

from depositary.register.register import Register  # noqa: E402


def test_the_appends_benchmark_runs_and_reports_both_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "appends.md"
    monkeypatch.setattr(sys, "argv", ["appends.py", "--quick", "--engines", "sqlite",
                                      "--out", str(out)])
    appends.main()
    rows = [line for line in out.read_text(encoding="utf-8").splitlines()
            if line.startswith("| 2,000 |")]
    assert [f"SQLite: {appends.PEER}", "SQLite: depositary"] == [
        row.split(" | ")[1] for row in rows]
    assert rows[1].rstrip(" |").endswith("x")  # the ratio to the peer measured beside it
    assert Register._invalidate is not None and "forget" != Register._invalidate.__name__
