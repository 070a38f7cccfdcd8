"""The documentation that is generated from the code stays in step with it: cog, run as
`./dev docs` runs it (tests/docs_cog.py), would leave every generated part as it stands."""

from __future__ import annotations

from pathlib import Path

import pytest
from cogapp import Cog

from tests.docs_cog import ROOT, cog_arguments, configuration_table, generated_files

GENERATED = generated_files()


def test_the_generated_parts_are_where_the_docs_say() -> None:
    """The README's transcripts, the CLI reference, the settings and chairs tables."""
    names = {str(path.relative_to(ROOT)) for path in GENERATED}
    assert {"README.md", "docs/cli.md", "docs/deployment.md", "docs/governance.md"} <= names


@pytest.mark.parametrize("path", GENERATED, ids=[path.name for path in GENERATED])
def test_generated_parts_are_current(path: Path) -> None:
    """Cog's check passes: each generated part is what its code writes now."""
    check = cog_arguments("--check", "--diff", "--verbosity=1",
                          "--check-fail-msg=run ./dev docs", files=[path])
    assert 0 == Cog().main(check)


def test_the_check_fails_on_a_stale_part(tmp_path: Path) -> None:
    """A generated part edited by hand (or left behind by the code) fails the check, and
    cog -r writes it anew."""
    page = tmp_path / "page.md"
    page.write_text("Before.\n\n<!-- [[[cog cog.out(configuration_table()) ]]] -->\n"
                    "| variable | default | meaning |\n<!-- [[[end]]] -->\nAfter.\n",
                    encoding="utf-8")
    assert 5 == Cog().main(cog_arguments("--check", "--verbosity=0", files=[page]))
    assert 0 == Cog().main(cog_arguments("-r", "--verbosity=0", files=[page]))
    expected = ("Before.\n\n<!-- [[[cog cog.out(configuration_table()) ]]] -->\n"
                f"{configuration_table()}<!-- [[[end]]] -->\nAfter.\n")
    assert expected == page.read_text(encoding="utf-8")


@pytest.mark.realdata
def test_the_python_example_of_the_clauses_guide_runs_as_written(
    real_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """docs/clauses.md's `pycon` block, run as a doctest with PATH the real-data folder and
    the checkout as the working directory: every line gives what the guide says."""
    import doctest
    import re

    page = (ROOT / "docs" / "clauses.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```pycon\n(.*?)```", page, flags=re.S)
    assert len(blocks) == 1
    monkeypatch.chdir(ROOT)
    example = blocks[0].replace('"PATH/', f'"{real_data}/')
    test = doctest.DocTestParser().get_doctest(example, {}, "clauses.md", "docs/clauses.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.failures == 0 and runner.tries >= 8
