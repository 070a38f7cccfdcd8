"""The README's transcripts are real: each ```console block that starts with
`$ depositary ...` holds that command's output. `./dev readme` rewrites them from the
current code; tests/test_readme.py fails when they drift."""

from __future__ import annotations

import re
import shlex
import sys
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
    README.write_text(rewrite(README.read_text(encoding="utf-8")), encoding="utf-8")
    sys.exit(0)
