"""Timelines as SVG, drawn on the server from the data: a body's membership by category,
an instrument's participation by status. Readable without JavaScript; each bar is titled
with its category and dates for screen readers and tooltips, and a legend names the
colours."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from html import escape

from depositary.domain.bodies import Category
from depositary.domain.status import Status

CATEGORY_COLOURS: dict[str, str] = {
    Category.FOUNDING_STATE: "#7a5195",
    Category.SIGNATORY_STATE: "#c5b0d5",
    Category.ACCEDING_STATE: "#8fbc8f",
    Category.MEMBER_STATE: "#2f7d32",
    Category.ASSOCIATE_MEMBER: "#ef9f3b",
    Category.PARTICIPATING_NON_MEMBER: "#4a7fb5",
    Category.OBSERVER: "#9e9e9e",
}
STATUS_COLOURS: dict[str, str] = {
    Status.SIGNATORY: "#b0bec5",
    Status.CONTRACTING: "#81c784",
    Status.PROVISIONALLY_APPLYING: "#ef9f3b",
    Status.PARTY: "#2f7d32",
    Status.UNKNOWN: "#ce93d8",
    Status.WITHDRAWING: "#c0ca33",
    Status.WITHDRAWN: "#e0e0e0",
    Status.TERMINATED: "#9e9e9e",
    Status.CEASED: "#757575",
}
ROW, LABEL, WIDTH = 18, 150, 860

Span = tuple[str, str, date | None, date | None]  # participant, category or status, period


def timeline_svg(spans: Sequence[Span], names: dict[str, str], first: date, last: date,
                 marked: date | None = None, *,
                 colours: Mapping[str, str] = CATEGORY_COLOURS,
                 title: str = "Membership over time") -> str:
    """One row per participant, one bar per period in a category (or status), years along
    the top, the legend below; `marked` draws the date the page is answering for."""
    codes = sorted({code for code, *_ in spans}, key=lambda c: names.get(c, c))
    shown = [kind for kind in colours if any(s[1] == kind for s in spans)]
    rows_end = 24 + ROW * len(codes)
    legend = _legend(shown)
    lines = 1 + max((line for _, line, _ in legend), default=0)
    height = rows_end + ((ROW + 6) * lines if shown else 0)
    scale = (WIDTH - LABEL - 10) / max((last - first).days, 1)

    def x(day: date | None, default: date) -> float:
        return LABEL + ((day or default) - first).days * scale

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-labelledby="timeline-title" class="timeline">',
        f'<title id="timeline-title">{escape(title)}</title>',
    ]
    for year in range(first.year + 1, last.year + 1, 2 if last.year - first.year > 20 else 1):
        left = x(date(year, 1, 1), first)
        parts.append(f'<line x1="{left:.1f}" y1="16" x2="{left:.1f}" y2="{rows_end}" '
                     'class="grid"/>')
        parts.append(f'<text x="{left:.1f}" y="12" class="year">{year}</text>')
    for row, code in enumerate(codes):
        top = 20 + row * ROW
        parts.append(f'<text x="0" y="{top + 12}" class="label">{escape(names.get(code, code))}'
                     "</text>")
        for span_code, category, start, end in spans:
            if span_code != code:
                continue
            left, right = x(start, first), x(end, last)
            tip = f"{names.get(code, code)}: {category}, {start or '…'} – {end or 'now'}"
            parts.append(
                f'<rect x="{left:.1f}" y="{top}" width="{max(right - left, 1):.1f}" '
                f'height="{ROW - 4}" fill="{colours[category]}"><title>{escape(tip)}</title>'
                "</rect>"
            )
    if marked is not None and first <= marked <= last:
        at = x(marked, first)
        parts.append(f'<line x1="{at:.1f}" y1="16" x2="{at:.1f}" y2="{rows_end}" class="mark"/>')
    for kind, line, left in legend:  # the legend: each colour used, with its name
        top = rows_end + 6 + line * (ROW + 6)
        parts.append(f'<rect x="{left:.1f}" y="{top}" width="12" height="12" '
                     f'fill="{colours[kind]}"/>')
        parts.append(f'<text x="{left + 16:.1f}" y="{top + 10}" class="label">'
                     f'{escape(str(kind))}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def _legend(kinds: Sequence[str]) -> list[tuple[str, int, float]]:
    """Where each name of the legend goes: (kind, line, left), wrapped to the width."""
    placed, line, left = [], 0, float(LABEL)
    for kind in kinds:
        width = 24 + 7 * len(str(kind))
        if left + width > WIDTH and left > LABEL:
            line, left = line + 1, float(LABEL)
        placed.append((kind, line, left))
        left += width
    return placed
