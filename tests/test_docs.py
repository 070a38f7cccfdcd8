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


def chairs_table() -> str:
    """The chair's terms of the Council of Heads of State as docs/governance.md shows them:
    the record, the gaps in it, and the next term the rule proposes."""
    from datetime import date

    from depositary.app.bundled import load_commonwealth

    register = load_commonwealth()
    councils = register.councils
    rows = ["| from | until | chair | head of state | co-chairs | record | conf. |",
            "|---|---|---|---|---|---|---|"]
    post = "chair-council-of-heads-of-state"
    for term in councils.chairs("council-of-heads-of-state", date(2027, 1, 2)):
        person = councils.person_for(post, term.person, term.participant, term.start) if (
            term.recorded) else None
        chair = (f"{register.participant(term.participant).name(term.start, 'ru')} "
                 f"({term.participant})") if term.participant else "unknown"
        record = "recorded" if term.recorded else (
            "unknown" if term.participant is None else "by the rule, not recorded")
        confidence = term.provenance.confidence.value if term.recorded else ""
        rows.append(
            f"| {term.start} | {term.end} | {chair} | {person.name('en') if person else ''} "
            f"| {', '.join(term.co_chairs)} | {record} | {confidence} |"
        )
    return "\n".join(rows)


def test_the_chairs_in_the_governance_chapter_are_what_the_code_gives() -> None:
    text = (ROOT / "docs" / "governance.md").read_text(encoding="utf-8")
    shown = text.split("<!-- chairs:begin -->\n")[1].split("\n<!-- chairs:end -->")[0]
    assert chairs_table() == shown


def settings_table() -> str:
    from depositary.app.settings import Settings

    rows = ["| variable | default | meaning |", "|---|---|---|"]
    for name, field in Settings.model_fields.items():
        variable = field.validation_alias or f"DEPOSITARY_{name.upper()}"
        shown = field.json_schema_extra["shown_default"]  # type: ignore[index]
        rows.append(f"| `{variable}` | {shown} | {field.description} |")
    return "\n".join(rows)


def test_the_configuration_reference_is_the_settings_object() -> None:
    text = (ROOT / "docs" / "deployment.md").read_text(encoding="utf-8")
    shown = text.split("<!-- settings:begin -->\n")[1].split("\n<!-- settings:end -->")[0]
    assert settings_table() == shown
