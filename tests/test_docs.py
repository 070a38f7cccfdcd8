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


def rotation_table() -> str:
    """The chair's terms of the Council of Heads of State as docs/governance.md shows them."""
    from datetime import date

    from depositary.bundled import load_commonwealth

    register = load_commonwealth()
    rows = ["| from | until | chair | co-chairs | why |", "|---|---|---|---|---|"]
    for term in register.councils.chairs("council-of-heads-of-state", date(2016, 1, 1)):
        name = register.participant(term.participant).name(term.start, "ru")
        why = (
            "recorded: " + term.reason.removeprefix("named by ")
            if term.reason.startswith("named by ") else "computed: next in the order"
        )
        co_chairs = ", ".join(term.co_chairs)
        rows.append(
            f"| {term.start} | {term.end} | {name} ({term.participant}) | {co_chairs} | {why} |"
        )
    return "\n".join(rows)


def test_the_rotation_in_the_governance_chapter_is_what_the_code_computes() -> None:
    text = (ROOT / "docs" / "governance.md").read_text(encoding="utf-8")
    shown = text.split("<!-- rotation:begin -->\n")[1].split("\n<!-- rotation:end -->")[0]
    assert rotation_table() == shown


def settings_table() -> str:
    from depositary.settings import VARIABLES

    rows = ["| variable | default | meaning |", "|---|---|---|"]
    rows += [f"| `{name}` | {default} | {meaning} |" for name, default, meaning in VARIABLES]
    return "\n".join(rows)


def test_the_configuration_reference_is_the_settings_object() -> None:
    text = (ROOT / "docs" / "deployment.md").read_text(encoding="utf-8")
    shown = text.split("<!-- settings:begin -->\n")[1].split("\n<!-- settings:end -->")[0]
    assert settings_table() == shown
