"""Search across the bundled register: titles and texts in Russian and English, names."""

from __future__ import annotations

from depositary.app.bundled import load_commonwealth
from depositary.register.search import fold, search


def test_folding_is_what_readers_type() -> None:
    assert "елка" == fold("Ёлка")
    assert "йод" == fold("Йод")  # й is a letter, not и with a mark
    assert "ecole" == fold("École")


def test_titles_in_either_language_and_participants_by_name() -> None:
    register = load_commonwealth()
    assert {"cis-charter", "charter-adoption-decision-1993"} == {
        h.key for h in search(register, "устав")
    }
    assert [("participant", "UKR")] == [(h.kind, h.key) for h in search(register, "Украина")]


def test_the_words_of_a_text_are_found_with_the_article() -> None:
    hits = search(load_commonwealth(), "nuclear weapons")
    belovezha = next(h for h in hits if h.key == "belovezha-agreement")
    assert "in the text (English), art. 6" == belovezha.where
    assert "nuclear" in belovezha.excerpt.lower()
    assert [] == search(load_commonwealth(), "   ")
