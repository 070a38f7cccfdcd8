"""Search across the register: instruments by title and by the words of their texts (in
every language the register holds them, Russian and English for the Commonwealth), and
participants by name or code. Case- and accent-insensitive, and Ё is Е, as readers type."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from depositary.locale import language_name, translate
from depositary.register.register import Register


@dataclass(frozen=True, slots=True)
class Hit:
    kind: str  # "instrument" or "participant"
    key: str  # an instrument's alias, a participant's code
    title: str
    where: str  # what matched, in the language asked: "in the text (Russian), art. 7"
    excerpt: str = ""


def fold(text: str) -> str:
    """Text as searched: lower case, without accents (ё → е, й stays й)."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    kept = "".join(c for c in decomposed if unicodedata.category(c) != "Mn"
                   or c == "\u0306")  # the breve of й is a letter of its own
    return unicodedata.normalize("NFC", kept)


def search(register: Register, query: str, language: str = "en", limit: int = 50) -> list[Hit]:
    """Every instrument and participant whose title, text or name holds all the words."""
    words = fold(query).split()
    if not words:
        return []
    hits: list[Hit] = []
    for code, participant in sorted(register.participants.items()):
        names = " ".join(n.text + " " + n.short for n in participant.names)
        if all(w in fold(f"{code} {names}") for w in words):
            hits.append(Hit("participant", code, participant.name(None, language),
                            translate(language, "in the name")))
    for instrument in sorted(register.instruments.values(), key=lambda i: i.alias):
        title = instrument.title(language)
        if all(w in fold(" ".join((instrument.alias, *instrument.titles.values())))
               for w in words):
            hits.append(Hit("instrument", instrument.alias, title,
                            translate(language, "in the title")))
            continue
        for text in instrument.texts.values():
            for article in text.articles:
                body = " ".join(article.paragraphs)
                if all(w in fold(body) for w in words):
                    in_language = language_name(text.language, language)
                    where = (translate(language, "in the text (%(language)s), art. %(article)s")
                             % {"language": in_language, "article": article.number}
                             if article.number else
                             translate(language, "in the text (%(language)s)")
                             % {"language": in_language})
                    hits.append(Hit("instrument", instrument.alias, title, where,
                                    _excerpt(body, words[0])))
                    break
            else:
                continue
            break
    return hits[:limit]


def _excerpt(body: str, word: str, width: int = 90) -> str:
    at = max(fold(body).find(word), 0)
    start = max(at - width // 2, 0)
    return ("…" if start else "") + body[start:start + width].strip() + "…"
