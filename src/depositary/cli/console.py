"""Human output of the read side: Rich tables in the UN's layout."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from depositary.app.table import TableEvaluation
from depositary.domain.instruments import Instrument
from depositary.register.queries import (
    Change,
    Chart,
    ChartRow,
    Infobox,
    Overview,
    ParticipantView,
    State,
    has_concurrences,
)
from depositary.shapes.public import iso


def instruments_table(instruments: Sequence[Instrument], language: str = "en") -> Table:
    table = Table(title="Instruments", title_justify="left")
    for column in ("alias", "kind", "adopted", "title"):
        table.add_column(column)
    for instrument in instruments:
        _row(
            table, instrument.alias, instrument.kind.value, iso(instrument.adopted) or "",
            instrument.title(language),
        )
    return table


def infobox_panel(box: Infobox) -> Panel:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    _row(grid, "Type", box.kind)
    _row(grid, "Date signed", iso(box.signed) or "")
    _row(grid, "Location signed", box.place)
    _row(grid, "Date effective", _effective(box))
    signatories = "\n".join(
        (f"{p}: {r}" if r else p) + f" [{source.confidence.value}]"
        for p, r, source in box.signatories
    )
    _row(grid, "Signatories", signatories)
    _row(grid, "Depositary", box.depositary)
    authentic = ", ".join(box.languages)
    if box.working_language:
        authentic = f"{box.working_language} (working); authentic: {authentic}"
    _row(grid, "Language", authentic)
    return Panel(grid, title=box.title, title_align="left")


def _effective(box: Infobox) -> Text:
    """The effective date with how sure it is, where it is less than read in the text."""
    text = Text(iso(box.effective) or _STATES[box.state][0])
    evidence = box.effective_evidence
    if box.effective is not None and evidence is not None and evidence.confidence.value != "V":
        text.append(f" [{evidence.confidence.value}: {evidence.confidence.label}"
                    + (f"; {evidence.sources[-1]}" if evidence.sources else "") + "]",
                    style="yellow")
    return text


_STATES = {
    State.NOT_YET_ADOPTED: ("not yet adopted", "dim"),
    State.NOT_YET_IN_FORCE: ("not yet in force", "yellow"),
    State.UNKNOWN: ("unknown", "magenta"),
    State.IN_FORCE: ("in force", "green"),
    State.TERMINATED: ("terminated", "dim"),
}
CONFIDENCE_NOTE = (
    "Conf.: what the status rests on, at its weakest: V read in the primary text, S secondary "
    "source, U unverified (sources: --format json or csv)."
)


def chart_table(chart: Chart, *, reasons: bool = False) -> Group:
    counts = chart.counts
    header = Text()
    header.append(f"{chart.instrument.title(chart.language)}\n", style="bold")
    header.append(f"Status as of {chart.as_of.isoformat()}. Entry into force: ")
    header.append(*_in_force_text(chart.entry_into_force, chart.as_of, chart.instrument,
                                  chart.state))
    if chart.entry_into_force_reason:
        header.append(f"\n  {chart.entry_into_force_reason}", style="dim")
    if chart.state is State.NOT_YET_ADOPTED:
        return Group(header)
    header.append(
        f"\nSignatories: {counts.signatures}. Parties: {counts.parties + counts.withdrawing}."
        f" Contracting: {counts.contracting}."
    )
    if counts.unknown:
        header.append(f" Unknown: {counts.unknown}.")
    if counts.still_needed:
        header.append(f" Instruments still needed: {counts.still_needed}.")
    table = Table(title_justify="left")
    for column in ("Participant", "Signature", "Consent", "Entry into force", "Status",
                   "Conf."):
        table.add_column(column)
    if reasons:
        table.add_column("Reasons")
    for row in chart.rows:
        cells = [
            f"{row.name} ({row.participant})", iso(row.signature) or "", row.consent_cell,
            iso(row.in_force_from) or "", _status_cell(row), row.evidence.confidence.value,
        ]
        if reasons:
            cells.append("\n".join(row.reasons + row.reservations))
        _row(table, *cells)
    footnote = Text(
        "Consent symbols (UN Treaty Collection): a accession, A acceptance, AA approval, "
        "c formal confirmation, d succession, n notification, s definitive signature"
        + (", D concurrence in a body's decision" if has_concurrences(chart.rows) else "")
        + "; none: ratification. " + CONFIDENCE_NOTE,
        style="dim",
    )
    return Group(header, table, footnote)


def _status_cell(row: ChartRow) -> str:
    """The status, and for a withdrawn participant the day its withdrawal took effect."""
    if row.in_force_until is None:
        return row.status.value
    return f"{row.status.value} {row.in_force_until.isoformat()}"


def _in_force_text(
    eif: date | None, as_of: date, instrument: Instrument, state: State
) -> tuple[str, str]:
    """Return how an instrument stands on the date asked, as (text, style).

    It never tells of a later date as if it had already come.
    """
    if state is State.TERMINATED and instrument.terminated is not None:
        return f"terminated {instrument.terminated.isoformat()}", "dim"
    if state is State.IN_FORCE and eif is not None:
        return eif.isoformat(), "green"
    text, style = _STATES[state]
    return ("not yet" if state is State.NOT_YET_IN_FORCE else text), style


def participant_tables(view: ParticipantView) -> Group:
    title = Text(f"{view.name} ({view.code}) on {view.as_of.isoformat()}", style="bold")
    parts: list[Text | Table] = [title]
    for label, holdings in (("In force", view.in_force), ("Other statuses", view.other)):
        table = Table(title=label, title_justify="left")
        for column in ("Instrument", "Status", "Since", "Conf.", "Reasons"):
            table.add_column(column)
        for h in holdings:
            _row(
                table, h.instrument.alias, h.status.value, iso(h.in_force_from or h.since) or "",
                h.evidence.confidence.value, "\n".join(map(str, h.reasons)),
            )
        if not holdings:
            _row(table, "(none)", "", "", "", "")
        parts.append(table)
    if view.events:
        events = Table(title="Events", title_justify="left")
        for column in ("Date", "Kind", "What", "Conf."):
            events.add_column(column)
        for e in view.events:
            _row(events, e.shown_date, e.kind.value, e.text, e.provenance.confidence.value)
        parts.append(events)
    parts.append(Text(CONFIDENCE_NOTE, style="dim"))
    return Group(*parts)


def changes_table(changes: Sequence[Change]) -> Table:
    table = Table(title="Changes of status", title_justify="left")
    for column in ("Date", "Instrument", "Participant", "From", "To"):
        table.add_column(column)
    for c in changes:
        _row(table, iso(c.day) or "", c.instrument, c.participant, c.before.value, c.after.value)
    return table


def notifications_table(rows: Sequence[dict[str, Any]]) -> Table:
    table = Table(title="Depositary notifications", title_justify="left")
    for column in ("No.", "Date", "Instrument", "Participant", "Act", "Conf.", "Consequences"):
        table.add_column(column, overflow="fold")
    for n in rows:
        _row(
            table, n["number"], n["date"], n["instrument"], n["participant"], n["act"],
            n.get("confidence") or "", "\n".join(n["consequences"]),
        )
    return table


def rows_table(title: str, rows: Sequence[dict[str, Any]]) -> Table:
    table = Table(title=title, title_justify="left")
    for column in rows[0] if rows else ["(none)"]:
        table.add_column(column)
    for row in rows:
        _row(table, *(str(v) for v in row.values()))
    return table


def _row(table: Table, *cells: str | Text) -> None:
    """Add a row of plain text: the register's words are never read as Rich markup.

    A reason citing "[no final clauses; VCLT 12(1)(a)]" would otherwise vanish as a style
    tag.
    """
    table.add_row(*(Text(c) if isinstance(c, str) else c for c in cells))


def console() -> Console:
    return Console(soft_wrap=False)


# One or two letters per status, so the matrix fits a terminal; the legend spells them out.
_MARKS = {
    "signatory": ("S", "yellow"),
    "contracting": ("C", "cyan"),
    "provisionally-applying": ("PA", "cyan"),
    "party": ("P", "green"),
    "unknown": ("?", "magenta"),
    "withdrawing": ("W", "magenta"),
    "withdrawn": ("X", "red"),
    "terminated": ("T", "dim"),
    "ceased": ("†", "dim"),
}


def overview_tables(view: Overview) -> Group:
    instruments = Table(
        title=f"Instruments on {view.as_of.isoformat()}", title_justify="left"
    )
    for column in ("#", "alias", "adopted", "in force since", "parties", "signed only"):
        # Aliases fold rather than truncate: the matrix below refers to them by number.
        instruments.add_column(column, overflow="fold")
    for number, i in enumerate(view.instruments, start=1):
        counts = view.counts[i.id]
        _row(instruments,
            str(number), i.alias, iso(i.adopted) or "",
            Text(*_in_force_text(view.entry_into_force[i.id], view.as_of, i, view.states[i.id])),
            str(counts.parties + counts.withdrawing), str(counts.signatories),
        )
    matrix = Table(title="Who is bound by what", title_justify="left")
    matrix.add_column("participant")
    for number in range(1, len(view.instruments) + 1):
        matrix.add_column(str(number), justify="center")
    for code, statuses in view.matrix.items():
        cells = []
        for i in view.instruments:
            status = statuses.get(i.id)
            mark, style = _MARKS.get(status.value, ("", "")) if status else ("·", "dim")
            cell = Text(mark, style=style)
            if status is not None:  # how sure the status is, in small: P S, ? V
                cell.append(f" {view.evidence[code][i.id].confidence.value}", style="dim")
            cells.append(cell)
        _row(matrix, f"{view.names[code]} ({code})", *cells)
    legend = Text(
        "P party · W withdrawing · X withdrawn · C contracting (consented, not yet in force) · "
        "PA provisionally applying · S signatory · ? unknown (not established) · T instrument "
        "terminated · † ceased to exist · · not involved; after each, in small, how sure it "
        "is: V read in the primary text, S secondary source, U unverified",
        style="dim",
    )
    return Group(instruments, matrix, legend)


def table_evaluation(result: TableEvaluation) -> Group:
    header = Text()
    header.append(f"{result.instrument}: status as of {result.as_of.isoformat()}. ")
    eif = iso(result.entry_into_force)
    header.append("Entry into force: ")
    header.append(eif or "not yet", style="green" if eif else "yellow")
    if result.entry_into_force_reason:
        header.append(f"\n  {result.entry_into_force_reason}", style="dim")
    table = Table(title_justify="left")
    for column in ("Participant", "Status", "Entry into force"):
        table.add_column(column)
    for row in result.rows:
        _row(table, f"{row.name} ({row.code})", row.status.value, iso(row.in_force_from) or "")
    parts: list[Text | Table] = [header, table]
    if result.errors:
        count = len(result.errors)
        parts.append(Text(
            f"{count} act{'s' if count != 1 else ''} the register refused "
            f"{'were' if count != 1 else 'was'} left out: see standard error.", style="yellow",
        ))
    return Group(*parts)
