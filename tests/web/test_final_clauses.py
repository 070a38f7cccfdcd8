"""An imported treaty's page shows its final clauses as the library reads them: each
article quoted, with its source and confidence (issue 16)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from depositary.cli import app
from depositary.formats.clauses_library import Library
from tests.web.conftest import in_process
from tests.web.html import one, page, text, texts

pytestmark = pytest.mark.realdata


def test_an_imported_treaty_shows_the_articles_its_clauses_are_read_from(
    real_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DEPOSITARY_HOME", str(tmp_path))
    monkeypatch.delenv("DEPOSITARY_DATABASE_URL", raising=False)
    table = real_data / "untc-zmjones" / "treaties" / "18-15.csv"
    assert CliRunner().invoke(app, ["import", "table", str(table)]).exit_code == 0
    entry = Library.read().get("nuclear-terrorism-convention")
    for site in in_process(f"sqlite:///{tmp_path / 'register.sqlite3'}", tmp_path):
        with site.visitor() as visitor:
            answer = visitor.get("/instruments/mtdsg-xviii-15?as_of=2008-01-01")
            bundled = visitor.get("/instruments/cis-charter")
        assert 200 == answer.status_code, answer.text
        document = page(answer.text)
        section = one(document, "section[aria-labelledby=final-clauses]")
        assert "nuclear-terrorism-convention.yaml" in text(section)
        assert texts(section, "blockquote") == [a.quote for a in entry.articles]
        assert texts(section, "cite") == [a.source for a in entry.articles]
        assert not page(bundled.text).cssselect("section[aria-labelledby=final-clauses]")


def test_a_register_of_un_treaties_gets_a_home_page_of_its_own(
    real_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 17, item 6: no Commonwealth on a register that holds none of it."""
    monkeypatch.setenv("DEPOSITARY_HOME", str(tmp_path))
    monkeypatch.delenv("DEPOSITARY_DATABASE_URL", raising=False)
    runner = CliRunner()
    assert runner.invoke(app, ["init", "--empty"]).exit_code == 0
    for name in ("18-15.csv", "18-5.csv"):
        table = real_data / "untc-zmjones" / "treaties" / name
        assert runner.invoke(app, ["import", "table", str(table)]).exit_code == 0
    for site in in_process(f"sqlite:///{tmp_path / 'register.sqlite3'}", tmp_path):
        with site.visitor() as visitor:
            answer = visitor.get("/?as_of=2015-01-01")
        assert 200 == answer.status_code, answer.text
        document = page(answer.text)
        assert "Treaty register" == text(one(document, "h1"))
        assert "Commonwealth" not in answer.text
        assert not document.cssselect("section[aria-labelledby=members]")
        listed = texts(document, "section[aria-labelledby=instruments] li a")
        assert 2 == len(listed) and all("Convention" in t for t in listed)
