"""The membership timeline as SVG, drawn on the server from the data: readable without
JavaScript, each bar titled with its category and dates for screen readers and tooltips."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape

from depositary.domain.bodies import Category

COLOURS = {
    Category.FOUNDING_STATE: "#7a5195",
    Category.MEMBER_STATE: "#2f7d32",
    Category.ASSOCIATE_MEMBER: "#ef9f3b",
    Category.PARTICIPATING_NON_MEMBER: "#4a7fb5",
    Category.OBSERVER: "#9e9e9e",
}
ROW, LABEL, WIDTH = 18, 150, 860

Span = tuple[str, Category, date | None, date | None]


def timeline_svg(spans: Sequence[Span], names: dict[str, str], first: date, last: date,
                 marked: date | None = None) -> str:
    """One row per participant, one bar per period in a category, years along the top;
    `marked` draws the date the page is answering for."""
    codes = sorted({code for code, *_ in spans}, key=lambda c: names.get(c, c))
    height = 24 + ROW * len(codes)
    scale = (WIDTH - LABEL - 10) / max((last - first).days, 1)

    def x(day: date | None, default: date) -> float:
        return LABEL + ((day or default) - first).days * scale

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-labelledby="timeline-title" class="timeline">',
        '<title id="timeline-title">Membership over time</title>',
    ]
    for year in range(first.year + 1, last.year + 1, 2 if last.year - first.year > 20 else 1):
        left = x(date(year, 1, 1), first)
        parts.append(f'<line x1="{left:.1f}" y1="16" x2="{left:.1f}" y2="{height}" '
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
            tip = f"{names.get(code, code)}: {category.value}, {start or '…'} – {end or 'now'}"
            parts.append(
                f'<rect x="{left:.1f}" y="{top}" width="{max(right - left, 1):.1f}" '
                f'height="{ROW - 4}" fill="{COLOURS[category]}"><title>{escape(tip)}</title>'
                "</rect>"
            )
    if marked is not None and first <= marked <= last:
        at = x(marked, first)
        parts.append(f'<line x1="{at:.1f}" y1="16" x2="{at:.1f}" y2="{height}" class="mark"/>')
    parts.append("</svg>")
    return "\n".join(parts)
