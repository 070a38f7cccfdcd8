"""Human output of the read side: Rich tables in the UN's layout."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from depositary.domain.instruments import Instrument
from depositary.presenters import iso
from depositary.register.queries import Change, Chart, Infobox, Overview, ParticipantView
from depositary.register.table import TableEvaluation


def instruments_table(instruments: Sequence[Instrument], language: str = "en") -> Table:
    table = Table(title="Instruments", title_justify="left")
    for column in ("alias", "kind", "adopted", "title"):
        table.add_column(column)
    for instrument in instruments:
        table.add_row(
            instrument.alias, instrument.kind.value, iso(instrument.adopted) or "",
            instrument.title(language),
        )
    return table


def infobox_panel(box: Infobox) -> Panel:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    grid.add_row("Type", box.kind)
    grid.add_row("Date signed", iso(box.signed) or "")
    grid.add_row("Location signed", box.place)
    grid.add_row("Date effective", iso(box.effective) or "not in force")
    signatories = "\n".join(f"{p}: {r}" if r else p for p, r in box.signatories)
    grid.add_row("Signatories", signatories)
    grid.add_row("Depositary", box.depositary)
    authentic = ", ".join(box.languages)
    if box.working_language:
        authentic = f"{box.working_language} (working); authentic: {authentic}"
    grid.add_row("Language", authentic)
    return Panel(grid, title=box.title, title_align="left")


def chart_table(chart: Chart, *, reasons: bool = False) -> Group:
    counts = chart.counts
    header = Text()
    header.append(f"{chart.instrument.title(chart.language)}\n", style="bold")
    header.append(f"Status as of {chart.as_of.isoformat()}. Entry into force: ")
    header.append(*_in_force_text(chart.entry_into_force, chart.as_of, chart.instrument))
    if chart.entry_into_force_reason:
        header.append(f"\n  {chart.entry_into_force_reason}", style="dim")
    header.append(
        f"\nSignatories: {counts.signatures}. Parties: {counts.parties + counts.withdrawing}."
        f" Contracting: {counts.contracting}."
    )
    if counts.still_needed:
        header.append(f" Instruments still needed: {counts.still_needed}.")
    table = Table(title_justify="left")
    for column in ("Participant", "Signature", "Consent", "Entry into force", "Status"):
        table.add_column(column)
    if reasons:
        table.add_column("Reasons")
    for row in chart.rows:
        cells = [
            f"{row.name} ({row.participant})", iso(row.signature) or "", row.consent_cell,
            iso(row.in_force_from) or "", row.status.value,
        ]
        if reasons:
            cells.append("\n".join(row.reasons + row.reservations))
        table.add_row(*cells)
    footnote = Text(
        "Consent symbols (UN Treaty Collection): a accession, A acceptance, AA approval, "
        "c formal confirmation, d succession, n notification, s definitive signature; "
        "none: ratification.",
        style="dim",
    )
    return Group(header, table, footnote)


def _in_force_text(eif: date | None, as_of: date, instrument: Instrument) -> tuple[str, str]:
    """How an instrument stands on the date asked, never telling of a later date as if
    it had already come: (text, style)."""
    if instrument.terminated is not None and instrument.terminated <= as_of:
        return f"terminated {instrument.terminated.isoformat()}", "dim"
    if eif is None:
        return "not yet", "yellow"
    if eif > as_of:
        return f"not yet (from {eif.isoformat()})", "yellow"
    return eif.isoformat(), "green"


def participant_tables(view: ParticipantView) -> Group:
    title = Text(f"{view.name} ({view.code}) on {view.as_of.isoformat()}", style="bold")
    parts: list[Text | Table] = [title]
    for label, holdings in (("In force", view.in_force), ("Other statuses", view.other)):
        table = Table(title=label, title_justify="left")
        for column in ("Instrument", "Status", "Since", "Reasons"):
            table.add_column(column)
        for h in holdings:
            table.add_row(
                h.instrument.alias, h.status.value, iso(h.in_force_from or h.since) or "",
                "\n".join(h.reasons),
            )
        if not holdings:
            table.add_row("(none)", "", "", "")
        parts.append(table)
    if view.events:
        events = Table(title="Events", title_justify="left")
        for column in ("Date", "Kind", "What", "Source"):
            events.add_column(column)
        for e in view.events:
            events.add_row(iso(e.day) or "", e.kind.value, e.text, e.provenance.cite())
        parts.append(events)
    return Group(*parts)


def changes_table(found: Sequence[Change]) -> Table:
    table = Table(title="Changes of status", title_justify="left")
    for column in ("Date", "Instrument", "Participant", "From", "To"):
        table.add_column(column)
    for c in found:
        table.add_row(iso(c.day) or "", c.instrument, c.participant, c.before.value, c.after.value)
    return table


def notifications_table(rows: Sequence[dict[str, Any]]) -> Table:
    table = Table(title="Depositary notifications", title_justify="left")
    for column in ("No.", "Date", "Instrument", "Participant", "Act", "Consequences"):
        table.add_column(column, overflow="fold")
    for n in rows:
        table.add_row(
            n["number"], n["date"], n["instrument"], n["participant"], n["act"],
            "\n".join(n["consequences"]),
        )
    return table


def rows_table(title: str, rows: Sequence[dict[str, Any]]) -> Table:
    table = Table(title=title, title_justify="left")
    for column in rows[0] if rows else ["(none)"]:
        table.add_column(column)
    for row in rows:
        table.add_row(*(str(v) for v in row.values()))
    return table


def console() -> Console:
    return Console(soft_wrap=False)


# One or two letters per status, so the matrix fits a terminal; the legend spells them out.
_MARKS = {
    "signatory": ("S", "yellow"),
    "contracting": ("C", "cyan"),
    "provisionally-applying": ("PA", "cyan"),
    "party": ("P", "green"),
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
        instruments.add_row(
            str(number), i.alias, iso(i.adopted) or "",
            Text(*_in_force_text(view.entry_into_force[i.id], view.as_of, i)),
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
            cells.append(Text(mark, style=style))
        matrix.add_row(f"{view.names[code]} ({code})", *cells)
    legend = Text(
        "P party · W withdrawing · X withdrawn · C contracting (consented, not yet in force) · "
        "PA provisionally applying · S signatory · T instrument terminated · † ceased to exist · "
        "· not involved",
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
        table.add_row(f"{row.name} ({row.code})", row.status.value, iso(row.in_force_from) or "")
    parts: list[Text | Table] = [header, table]
    if result.errors:
        count = len(result.errors)
        parts.append(Text(
            f"{count} cell{'s' if count != 1 else ''} or row{'s' if count != 1 else ''} could "
            "not be used and were left out: see standard error.", style="yellow",
        ))
    return Group(*parts)
