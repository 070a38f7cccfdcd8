"""The clauses library (depositary/data/clauses/): every shipped file reads, every rule is
stated by a quoted article, a treaty is found by its name, UN number or IEADB number, and
a file that breaks a rule of the library is refused, naming the rule."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from depositary.domain.provenance import Confidence
from depositary.formats.clauses_library import RULES, Library, read_entry
from depositary.formats.errors import FormatError

QUOTE = ("The present Convention shall enter into force on the thirtieth day following the "
         "date of deposit of the twentieth instrument of ratification or accession.")
ENTRY = {
    "treaty": {"title": "A convention", "concluded": "1989-11-20", "un": "IV-11",
               "ieadb": [9001]},
    "articles": [{"article": "49(1)", "quote": QUOTE, "source": "a test", "confidence": "V",
                  "states": ["entry_into_force"]}],
    "clauses": {"entry_into_force": {"threshold": {"count": 20, "days": 30}}},
}


def write(folder: Path, name: str, data: dict[str, object]) -> Path:
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def refused(path: Path, words: str) -> None:
    with pytest.raises(FormatError) as error:
        read_entry(path)
    assert words in str(error.value)


def test_the_shipped_library_reads_and_quotes_every_rule() -> None:
    library = Library.read()
    assert len(library) >= 1
    for entry in library:
        assert entry.articles, entry.name
        quoted = {rule for a in entry.articles for rule in a.states}
        assert quoted <= RULES
        assert (entry.clauses is None) == bool(entry.needs), entry.name
        if entry.clauses is not None:
            assert entry.clauses.provenance.confidence in (Confidence.VERIFIED,
                                                           Confidence.SECONDARY)
            assert entry.name in entry.clauses.provenance.source  # reasons cite the file
        assert library.find(entry.name) is entry
        for number in entry.ieadb:
            assert library.find(number) is entry and library.find(f"ieadb-{number}") is entry
        if entry.un:
            assert library.find(entry.un) is entry
            assert library.find(f"mtdsg-{entry.un.lower()}") is entry


def test_a_treaty_is_found_by_any_of_its_names(tmp_path: Path) -> None:
    write(tmp_path, "crc", ENTRY)
    library = Library.read(tmp_path)
    entry = library.find("crc")
    assert entry is not None and entry.title == "A convention"
    assert entry.cited() == "art. 49(1) (V)"
    for name in ("IV-11", "iv-11", "mtdsg-iv-11", "9001", "ieadb-9001"):
        assert library.find(name) is entry, name
    assert library.find("IV-12") is None and library.find("9002") is None


def test_a_rule_without_its_quoted_article_is_refused(tmp_path: Path) -> None:
    data = {**ENTRY, "clauses": {**ENTRY["clauses"], "later_entry_into_force": {"days": 30}}}
    refused(write(tmp_path, "x", data), "['later_entry_into_force'] are stated but no quoted "
            "article states them")


def test_a_quote_needs_its_source_and_a_confidence_of_v_or_s(tmp_path: Path) -> None:
    article = ENTRY["articles"][0]  # type: ignore[index]
    refused(write(tmp_path, "x", {**ENTRY, "articles": [{**article, "confidence": "U"}]}),
            "articles.0.confidence")
    unsourced = {k: v for k, v in article.items() if k != "source"}
    refused(write(tmp_path, "y", {**ENTRY, "articles": [unsourced]}), "articles.0.source")


def test_clauses_or_what_the_format_needs_never_both(tmp_path: Path) -> None:
    refused(write(tmp_path, "x", {**ENTRY, "needs": "a rule on organs' decisions"}),
            "give either clauses or needs")
    kept = write(tmp_path, "y", {k: v for k, v in ENTRY.items() if k != "clauses"}
                 | {"needs": "a rule on organs' decisions"})
    entry = read_entry(kept)
    assert entry.clauses is None and entry.needs == "a rule on organs' decisions"


def test_a_date_in_force_needs_its_source(tmp_path: Path) -> None:
    treaty = {**ENTRY["treaty"], "in_force": "1990-09-02"}  # type: ignore[dict-item]
    refused(write(tmp_path, "x", {**ENTRY, "treaty": treaty}), "in_force needs in_force_source")


def test_a_recorded_condition_is_dated_by_the_treatys_own_record(tmp_path: Path) -> None:
    """The day a `recorded` rule gives is the treaty's `in_force`, read with its source."""
    recorded = {"entry_into_force": {"recorded": {"day": "1990-09-02", "condition": "tonnage"}}}
    treaty = {**ENTRY["treaty"], "in_force": "1990-09-02",  # type: ignore[dict-item]
              "in_force_source": "the depositary's status list"}
    assert read_entry(write(tmp_path, "dated", {**ENTRY, "treaty": treaty,
                                                "clauses": recorded})).in_force is not None
    refused(write(tmp_path, "undated", {**ENTRY, "clauses": recorded}),
            "entry_into_force recorded on 1990-09-02, but treaty.in_force is None")
    other = {**treaty, "in_force": "1990-09-03"}
    refused(write(tmp_path, "other", {**ENTRY, "treaty": other, "clauses": recorded}),
            "the day a recorded condition gives is the treaty's date in force")


def test_two_files_cannot_claim_one_treaty(tmp_path: Path) -> None:
    write(tmp_path, "a", ENTRY)
    write(tmp_path, "b", ENTRY)
    with pytest.raises(FormatError) as error:
        Library.read(tmp_path)
    assert "un:iv-11 is claimed by a and b" in str(error.value)


def test_the_articles_carry_the_sources_and_bound_the_confidence(tmp_path: Path) -> None:
    clauses = ENTRY["clauses"]
    refused(write(tmp_path, "x", {**ENTRY, "clauses": {**clauses, "basis": "a book"}}),  # type: ignore[dict-item]
            "in the library the articles carry the sources")
    article = {**ENTRY["articles"][0], "confidence": "S"}  # type: ignore[index]
    refused(write(tmp_path, "y", {**ENTRY, "articles": [article],
                                  "clauses": {**clauses, "confidence": "V"}}),  # type: ignore[dict-item]
            "a reading is no surer than its text")
    entry = read_entry(write(tmp_path, "z", {**ENTRY, "articles": [article]}))
    assert entry.clauses is not None
    assert entry.clauses.provenance.confidence is Confidence.SECONDARY
    assert entry.clauses.provenance.source == "z.yaml: art. 49(1) (S)"
