"""The README shows real output of real commands: every transcript is a part cog
generates (tests/docs_cog.py), checked by tests/test_docs.py."""

from __future__ import annotations

import re

from tests.docs_cog import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
MARKED = re.compile(r'<!-- \[\[\[cog cog\.out\(transcript\("(?P<args>[^"]*)"\)\) \]\]\] -->\n'
                    r"```console\n\$ depositary (?P=args)\n")


def test_readme_has_transcripts() -> None:
    """The README carries at least a handful of CLI transcripts."""
    assert len(MARKED.findall(README)) >= 4


def test_every_transcript_is_generated() -> None:
    """No `$ depositary` console block is typed by hand: each is under a cog marker that
    runs the same command."""
    assert README.count("```console\n$ depositary ") == len(MARKED.findall(README))
