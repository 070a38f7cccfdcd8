"""The interface's languages: one gettext catalog per language (`<language>/LC_MESSAGES/
messages.po`, kept with Babel), read once per process. English is the source language:
its messages are the catalogs' ids, so an English page needs no catalog.

`tests/test_catalogs.py` extracts every message of the code and the templates and fails
when one has no translation; `./dev catalogs` brings the catalogs up to date with the code.
"""

from __future__ import annotations

import gettext
from functools import lru_cache
from importlib.resources import files
from io import BytesIO
from pathlib import Path

import pycountry
from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from jinja2 import pass_context
from jinja2.runtime import Context

from depositary.domain.phrases import Joined, Named, Ordinal, Phrase, Quote, Rule, Value, said_of

LANGUAGES = ("en", "ru")
# How a language quotes words it does not translate (a note the record gives in English).
QUOTES = {"ru": "«{}»"}
# How the code marks a message for the catalogs (Babel's keyword specifications): gettext's
# own names in the templates, and these, whose message is not the first argument.
KEYWORDS = {
    "_": None, "pgettext": ((1, "c"), 2), "N_": None, "NP_": ((1, "c"), 2),
    "translate": (2,), "ptranslate": ((2, "c"), 3),
    "say": None, "say_n": (1, 2), "done": (2,),
}
SOURCE_LANGUAGE = "en"
DOMAIN = "messages"


def catalog_path(language: str) -> str:
    """Where a language's catalog is kept, in the package."""
    return str(files("depositary.locale") / language / "LC_MESSAGES" / f"{DOMAIN}.po")


# One per language: a process reads each catalog once.
@lru_cache(maxsize=8)
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


def translate(language: str, message: str, **values: object) -> str:
    """`message` in `language`, its `%(name)s` placeholders filled from `values` after
    translation (a catalog keyword: `translate(language, "...", name=...)`)."""
    said = translations(language).gettext(message)
    return said % values if values else said


def ptranslate(language: str, context: str, message: str) -> str:
    """`message` in `language`, where the same English says different things (`context`:
    "change" for the From/To of a change, "person" for a person's title, ...; a catalog
    keyword: `ptranslate(language, "context", "...")`)."""
    return translations(language).pgettext(context, message)


def spoken(value: Value, language: str) -> str:
    """What the engine said (`depositary.domain.phrases`), in `language`: each phrase from
    the catalog, filled with its values said the same way; a quotation from the record as
    it is, in the language's quotation marks where that is another."""
    match value:
        case Phrase(english, values, plural, count, context):
            found = translations(language)
            if plural:
                template = found.ngettext(english, plural, count or 0)
            else:
                template = found.pgettext(context, english) if context else found.gettext(english)
            return template % {name: v if isinstance(v, int) else spoken(v, language)
                               for name, v in values}
        case Joined(parts, separator):
            return separator.join(spoken(part, language) for part in parts)
        case Quote(text):
            return text if language == SOURCE_LANGUAGE else QUOTES.get(language, "{}").format(text)
        case Named():
            return value.name(language)
        case Ordinal(n):
            # "%(n)d-th" is no English: it is the id of the other languages' ordinals.
            return str(value) if language == SOURCE_LANGUAGE else translate(
                language, "%(n)d-th", n=n)
        case Rule(text):
            from depositary.locale.reasons import rule_in  # it reads the labels, made here

            return rule_in(text, language)
    return str(value)


def refusal_in(error: BaseException, language: str) -> str:
    """What a refusal says (depositary.domain.phrases.PhrasedError), in `language`."""
    return spoken(said_of(error), language)


def language_name(code: str, language: str) -> str:
    """A language's name (ISO 639-1 or 639-3 `code`) in `language`: ISO 639's English name
    ("Kirghiz", as the treaties' texts name it) in English, the CLDR's (Babel) in the
    others; the code where neither has one."""
    found = (pycountry.languages.get(alpha_2=code) if len(code) == 2
             else pycountry.languages.get(alpha_3=code))
    if language == SOURCE_LANGUAGE:
        return str(found.name) if found is not None else code
    try:
        names = Locale.parse(language).languages
    except (ValueError, UnknownLocaleError):
        return code
    short = getattr(found, "alpha_2", None) or code
    return str(names.get(short) or code)


@pass_context
def template_gettext(context: Context, message: str, **values: object) -> str:
    """`_("...")` in a template: the message in the language of the template's context
    (`language`), its `%(name)s` placeholders filled from `values` after translation."""
    return translate(context.get("language", SOURCE_LANGUAGE), message, **values)


@pass_context
def template_pgettext(context: Context, message_context: str, message: str) -> str:
    """`pgettext("change", "From")` in a template: where the same English says two things."""
    return ptranslate(context.get("language", SOURCE_LANGUAGE), message_context, message)


def N_(message: str) -> str:  # noqa: N802 (gettext's name for a marker)
    """Marks `message` for extraction where it is translated later (a table of labels)."""
    return message
