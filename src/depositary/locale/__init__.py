"""The interface's languages: one gettext catalog per language (`<language>/LC_MESSAGES/
messages.po`, kept with Babel), read once per process. English is the source language:
its messages are the catalogs' ids, so an English page needs no catalog.

`tests/test_catalogs.py` extracts every message of the code and the templates and fails
when one has no translation; `./dev catalogs` brings the catalogs up to date with the code.
"""

from __future__ import annotations

import gettext
from functools import cache
from importlib.resources import files
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LANGUAGES = ("en", "ru")
# How the code marks a message for the catalogs (Babel's keyword specifications): gettext's
# own names in the templates, and these, whose message is not the first argument.
KEYWORDS = {
    "_": None, "pgettext": ((1, "c"), 2), "N_": None, "NP_": ((1, "c"), 2),
    "translate": (2,), "ptranslate": ((2, "c"), 3),
}
SOURCE_LANGUAGE = "en"
DOMAIN = "messages"


def catalog_path(language: str) -> str:
    """Where a language's catalog is kept, in the package."""
    return str(files("depositary.locale") / language / "LC_MESSAGES" / f"{DOMAIN}.po")


@cache
def translations(language: str) -> gettext.NullTranslations:
    """A language's translations; the source language's (and an unknown one's) are the
    messages themselves. A fuzzy entry is not a translation: it is left out."""
    if language == SOURCE_LANGUAGE or language not in LANGUAGES:
        return gettext.NullTranslations()
    with Path(catalog_path(language)).open("rb") as po:
        catalog = read_po(po, locale=language, domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def translate(language: str, message: str) -> str:
    """`message` in `language` (a catalog keyword: `translate(language, "...")`)."""
    return translations(language).gettext(message)


def ptranslate(language: str, context: str, message: str) -> str:
    """`message` in `language`, where the same English says different things (`context`:
    "change" for the From/To of a change, "person" for a person's title, ...; a catalog
    keyword: `ptranslate(language, "context", "...")`)."""
    return translations(language).pgettext(context, message)


def N_(message: str) -> str:  # noqa: N802 (gettext's name for a marker)
    """Marks `message` for extraction where it is translated later (a table of labels)."""
    return message
