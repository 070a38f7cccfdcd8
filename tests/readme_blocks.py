"""The README's transcripts are real: each ```console block that starts with
`$ depositary ...` holds that command's output. `./dev readme` rewrites them from the
current code; tests/test_readme.py fails when they drift."""

from __future__ import annotations

import os
import re
import shlex
import sys
import tempfile
from pathlib import Path

from typer.testing import CliRunner

from depositary.cli import app

README = Path(__file__).resolve().parents[1] / "README.md"
BLOCK = re.compile(r"```console\n\$ depositary (?P<args>[^\n]*)\n(?P<output>.*?)```", re.S)
# Transcripts are rendered at a fixed width so they read the same on every machine.
WIDTH = "88"


def run(args: str) -> str:
    result = CliRunner().invoke(app, shlex.split(args), env={"COLUMNS": WIDTH})
    return "\n".join(line.rstrip() for line in result.stdout.splitlines()) + "\n"


def blocks(text: str) -> list[tuple[str, str]]:
    """(arguments, recorded output) for every transcript in the README."""
    return [(m["args"], m["output"]) for m in BLOCK.finditer(text)]


def rewrite(text: str) -> str:
    def fresh(match: re.Match[str]) -> str:
        return f"```console\n$ depositary {match['args']}\n{run(match['args'])}```"

    return BLOCK.sub(fresh, text)


if __name__ == "__main__":
    # From the bundled register as it ships, never a register kept from an earlier version.
    with tempfile.TemporaryDirectory() as home:
        os.environ["DEPOSITARY_HOME"] = home
        os.environ.pop("DEPOSITARY_DATABASE_URL", None)
        README.write_text(rewrite(README.read_text(encoding="utf-8")), encoding="utf-8")
    sys.exit(0)
