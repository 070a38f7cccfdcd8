"""The catalogs kept up to date with the code: every message the code and the templates
mark is extracted (Babel), each language's catalog gains the new ones (untranslated) and
loses those no longer used, and what is missing is listed. `./dev catalogs` runs it;
`tests/test_catalogs.py` fails while a message has no translation.

    python -m depositary.locale.catalogs          # update the catalogs, list what is missing
    python -m depositary.locale.catalogs --check  # only list; exit 1 if anything is missing
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from depositary.locale import DOMAIN, KEYWORDS, LANGUAGES, SOURCE_LANGUAGE, catalog_path

PACKAGE = Path(__file__).resolve().parent.parent
# Python everywhere; the pages' and the notifications' templates.
METHODS = [
    ("**/templates/**.html", "jinja2.ext:babel_extract"),
    ("**/templates/**.txt", "jinja2.ext:babel_extract"),
    ("**.py", "python"),
]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]")


@dataclass(frozen=True, slots=True)
class Message:
    """One message the code marks: its id (a counted message's is its singular and plural
    English), its context, and where it is."""

    id: str | tuple[str, str]
    context: str | None
    locations: tuple[tuple[str, int], ...]


def extracted() -> list[Message]:
    """Every message marked in the package, once, with all its locations."""
    found: dict[tuple[str | None, str | tuple[str, str]], list[tuple[str, int]]] = {}
    for filename, line, message, _comments, context in extract_from_dir(
        PACKAGE, METHODS, keywords=KEYWORDS, strip_comment_tags=True,
    ):
        if isinstance(message, tuple):  # counted: (singular, plural)
            message = (message[0], message[1])
        if not message or not message[0]:
            continue
        found.setdefault((context, message), []).append((filename, line))
    return [Message(m, c, tuple(where)) for (c, m), where in found.items()]


def read(language: str) -> Catalog:
    with Path(catalog_path(language)).open("rb") as po:
        return read_po(po, locale=language, domain=DOMAIN)


def missing(
    language: str, messages: list[Message] | None = None, catalog: Catalog | None = None,
) -> list[str]:
    """What the catalog of `language` (or `catalog`) lacks: a message with no translation
    (or a fuzzy one), or whose translation has other placeholders than the message."""
    catalog = catalog if catalog is not None else read(language)
    problems = []
    for message in messages if messages is not None else extracted():
        entry = catalog.get(message.id, context=message.context)
        where = "{}:{}".format(*message.locations[0])
        english = message.id if isinstance(message.id, str) else message.id[0]
        label = f"{english!r}" + (f" (context {message.context})" if message.context else "")
        said = entry.string if entry is not None else ""
        forms = [form or "" for form in (said if isinstance(said, tuple | list) else [said])]
        if entry is None or not all(forms) or entry.fuzzy:
            problems.append(f"{where}: {label} has no {language} translation")
        elif any(sorted(set(PLACEHOLDER.findall(english))) != sorted(set(
                PLACEHOLDER.findall(form))) for form in forms):
            problems.append(f"{where}: {label}: the translation's placeholders differ")
    return problems


def update(language: str, messages: list[Message]) -> Catalog:
    """The catalog of `language` with every message extracted: translations kept, new
    messages untranslated, messages no longer in the code dropped."""
    old = read(language)
    new = Catalog(
        locale=language, domain=DOMAIN, header_comment=old.header_comment, project=old.project,
        version=old.version, msgid_bugs_address=old.msgid_bugs_address,
        creation_date=old.creation_date, revision_date=old.revision_date,
        last_translator=old.last_translator, language_team=old.language_team, fuzzy=False,
    )
    for message in sorted(messages, key=lambda m: (m.locations[0], m.context or "")):
        kept = old.get(message.id, context=message.context)
        empty = ("",) * new.num_plurals if isinstance(message.id, tuple) else ""
        new.add(message.id, kept.string if kept is not None else empty,
                locations=[(Path(f).as_posix(), n) for f, n in message.locations],
                context=message.context,
                flags=["fuzzy"] if kept is not None and kept.fuzzy else [])
    return new


def _write(catalog: Catalog, language: str) -> None:
    with Path(catalog_path(language)).open("wb") as po:
        write_po(po, catalog, width=100, sort_output=False, omit_header=False)


def languages() -> Iterator[str]:
    return (language for language in LANGUAGES if language != SOURCE_LANGUAGE)


def main(argv: list[str]) -> int:
    messages = extracted()
    problems = []
    for language in languages():
        if "--check" not in argv:
            _write(update(language, messages), language)
        problems += missing(language, messages)
    for problem in problems:
        print(problem)
    print(f"{len(messages)} messages; {len(problems)} to translate or fix")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
