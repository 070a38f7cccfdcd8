"""The documentation that is generated from the code stays in step with it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_cli_reference_matches_help(tmp_path: Path) -> None:
    """docs/cli.md is what `typer ... utils docs` makes of the CLI now (./dev docs)."""
    out = tmp_path / "cli.md"
    subprocess.run(
        [sys.executable, "-m", "typer", "depositary.cli", "utils", "docs",
         "--name", "depositary", "--output", str(out)],
        check=True, capture_output=True,
    )
    expected = out.read_text(encoding="utf-8")
    actual = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert expected == actual, "docs/cli.md is stale: run ./dev docs"
