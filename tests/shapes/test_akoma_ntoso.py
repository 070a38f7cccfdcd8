"""The Akoma Ntoso export: every bundled instrument, in every language it has a text in
and in English, is valid against the official Akoma Ntoso 3.0 schema (bundled), on dates
before and after it entered into force."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from lxml import etree

from depositary.app.settings import Settings
from depositary.app.stored import StoredRegister
from depositary.bootstrap import open_register
from depositary.shapes.akoma_ntoso import AKN, STATUS, akoma_ntoso, validate

GENERATED = date(2026, 11, 27)


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> StoredRegister:
    home: Path = tmp_path_factory.mktemp("akn")
    return open_register(Settings(home, f"sqlite:///{home / 'register.sqlite3'}"))


@pytest.mark.parametrize("day", [date(1991, 12, 22), date(1994, 6, 30), date(2020, 1, 1)])
def test_every_bundled_instrument_validates(ledger: StoredRegister, day: date) -> None:
    checked = 0
    for instrument in ledger.register().instruments.values():
        chart = ledger.status_chart(instrument.id, day)
        for language in sorted({*instrument.texts, "en", "ru"}):
            document = akoma_ntoso(instrument, language, chart, GENERATED)
            assert [] == validate(document), (instrument.alias, language)
            checked += 1
    assert checked >= 26


def test_the_export_carries_identification_text_and_status(ledger: StoredRegister) -> None:
    instrument = ledger.register().instrument("belovezha-agreement")
    chart = ledger.status_chart(instrument.id, date(1994, 6, 30))
    root = etree.fromstring(akoma_ntoso(instrument, "en", chart, GENERATED))
    ns = {"a": AKN, "s": STATUS}
    assert instrument.id == root.xpath("string(//a:FRBRWork/a:FRBRuri/@value)", namespaces=ns)
    assert "eng" == root.xpath("string(//a:FRBRlanguage/@language)", namespaces=ns)
    assert len(instrument.texts["en"].articles) == len(root.xpath("//a:article",
                                                                  namespaces=ns))
    rows = root.xpath("//s:participant", namespaces=ns)
    assert [(r.participant, r.status.value) for r in chart.rows] == [
        (r.get("code"), r.get("status")) for r in rows
    ]


def test_the_schema_refuses_a_broken_document(ledger: StoredRegister) -> None:
    """The check can fail: a document without its identification is refused, by line."""
    instrument = ledger.register().instrument("alma-ata-protocol")
    chart = ledger.status_chart(instrument.id, date(1994, 6, 30))
    root = etree.fromstring(akoma_ntoso(instrument, "en", chart, GENERATED))
    for found in root.xpath("//a:FRBRWork", namespaces={"a": AKN}):
        found.getparent().remove(found)
    problems = validate(etree.tostring(root))
    assert problems and "FRBRWork" in " ".join(problems)


def test_control_characters_and_an_undated_instrument_still_give_a_valid_document(
    ledger: StoredRegister,
) -> None:
    from dataclasses import replace

    from depositary.domain.instruments import Article, Text

    instrument = ledger.register().instrument("alma-ata-protocol")
    pasted = Text("en", articles=(Article("1", ("A text pasted\x0c with a form feed\x0b.",)),))
    undated = replace(instrument, adopted=None, texts={"en": pasted})
    chart = ledger.status_chart(instrument.id, date(1994, 6, 30))
    document = akoma_ntoso(undated, "en", chart, GENERATED)
    assert [] == validate(document)
    root = etree.fromstring(document)
    assert root.xpath("string(//a:FRBRExpression/a:FRBRuri/@value)",
                      namespaces={"a": AKN}).endswith("/eng@")
