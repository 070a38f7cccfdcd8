"""`depositary clauses list|show`: the library of real treaties' final clauses
(docs/clauses.md, "The library"), each rule with the article it is read from."""

from __future__ import annotations

from typing import Annotated, Any

import typer
import yaml

from depositary.cli import console
from depositary.cli.support import Format, FormatOption, _emit, _user_errors
from depositary.formats.clause_text import draft
from depositary.formats.clauses_file import clauses_payload
from depositary.formats.clauses_library import Library, LibraryEntry, entry_payload

clauses_app = typer.Typer(
    help="The library of real treaties' final clauses, each rule with its article.",
    no_args_is_help=True,
)

Treaty = Annotated[str, typer.Argument(
    help="A library name (`clauses list`), a UN number (XXVII-8) or an IEADB number (3128).",
    metavar="TREATY",
)]


def _summary(entry: LibraryEntry) -> dict[str, Any]:
    return {
        "name": entry.name,
        "title": entry.title,
        "concluded": entry.concluded.isoformat(),
        "un": entry.un or "",
        "ieadb": ", ".join(entry.ieadb),
        "articles": ", ".join(a.article for a in entry.articles),
        "confidence": entry.confidence.value,
        "clauses": "needs: " + entry.needs if entry.needs else "stated",
    }


@clauses_app.command("list")
def list_(fmt: FormatOption = Format.table) -> None:
    """Every treaty of the library: its numbers, the articles read, how sure the reading
    is (V: read in the treaty's text; S: from a secondary source), and whether the clauses
    format can state it yet."""
    with _user_errors():
        rows = [_summary(e) for e in Library.read()]
        _emit(rows, fmt, lambda: console.rows_table(f"Clauses library: {len(rows)} treaties",
                                                    rows), rows)


@clauses_app.command()
def show(treaty: Treaty, fmt: FormatOption = Format.table) -> None:
    """One treaty of the library: each article quoted with its source, then the clauses
    read from them as the clauses format states them (docs/clauses.md)."""
    with _user_errors():
        entry = Library.read().get(treaty)
        data = entry_payload(entry)
        if fmt is not Format.table:
            _emit(data, fmt, lambda: None, [_summary(entry)])
            return
        typer.echo(f"{entry.title} ({entry.concluded.isoformat()}): {entry.path.name}")
        numbers = [f"UN {entry.un}" if entry.un else "", *(f"IEADB {n}" for n in entry.ieadb)]
        typer.echo("  " + "; ".join(n for n in numbers if n))
        if entry.in_force is not None:
            typer.echo(f"  in force {entry.in_force.isoformat()} ({entry.in_force_source})")
        for article in entry.articles:
            states = (f"states {', '.join(article.states)}" if article.states
                      else "quoted for context")
            typer.echo(f"\nArt. {article.article} ({article.confidence.value}, "
                       f"{article.source}): {states}")
            typer.echo(f'  "{article.quote}"')
        typer.echo("")
        if entry.needs:
            typer.echo(f"Not stated yet: the clauses format needs {entry.needs}")
        else:
            typer.echo(yaml.safe_dump({"clauses": data["clauses"]}, sort_keys=False,
                                      allow_unicode=True).rstrip())
        if entry.not_stated:
            typer.echo(f"The treaty has no article on {', '.join(entry.not_stated)}: the "
                       "format's default (VCLT) applies.")


@clauses_app.command("draft")
def draft_(
    text: Annotated[typer.FileText, typer.Argument(
        help="A file with the treaty's final clauses in English (`-`: standard input).",
        metavar="TEXT")],
    fmt: FormatOption = Format.table,
) -> None:
    """Propose the entry-into-force clauses a text states, for a library file: each rule
    beside the sentence it was read from, quoted, with confidence S until someone reads it
    against the treaty. Refuses, naming the sentence, where a sentence about the entry into
    force cannot be read whole (a share of tonnage, a qualifier, two alternatives): a wrong
    clause is worse than none. Nothing is written: the draft goes to standard output."""
    with _user_errors():
        source = "standard input" if text.name == "<stdin>" else text.name
        found = draft(text.read(), source)
        articles = [{"article": "?", "quote": found.general, "source": source,
                     "confidence": "S", "states": ["entry_into_force", "signature"]}]
        if found.later is not None:
            articles.append({"article": "?", "quote": found.later, "source": source,
                             "confidence": "S",
                             "states": ["later_entry_into_force", "later_participants"]})
        stated = clauses_payload(found.clauses)
        clauses = {key: stated[key] for key in DRAFTED if key in stated}
        if found.later is None:
            del clauses["later_entry_into_force"], clauses["later_participants"]
        data = {"articles": articles, "clauses": clauses}
        if fmt is Format.json:
            _emit(data, fmt, lambda: None, [])
        else:  # the table format is the library's own: YAML to paste into a file
            typer.echo(f"# Drafted from {source} by `depositary clauses draft`: read each rule "
                       "against the article, give its number, source and confidence, before "
                       "it enters the library.")
            typer.echo(yaml.safe_dump(data, sort_keys=False, allow_unicode=True).rstrip())


# The keys a draft states (the extractor reads entry into force only).
DRAFTED = ("entry_into_force", "later_entry_into_force", "later_participants", "signature")
