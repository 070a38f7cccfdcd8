"""The README shows real output of real commands."""

from __future__ import annotations

import pytest

from tests.readme_blocks import README, blocks, run

TRANSCRIPTS = blocks(README.read_text(encoding="utf-8"))


def test_readme_has_transcripts() -> None:
    """The README carries at least a handful of CLI transcripts."""
    assert len(TRANSCRIPTS) >= 4


@pytest.mark.parametrize(("args", "recorded"), TRANSCRIPTS, ids=[a for a, _ in TRANSCRIPTS])
def test_transcript_is_current(args: str, recorded: str) -> None:
    """Each transcript equals what the command prints now (./dev readme rewrites them)."""
    assert recorded == run(args)
