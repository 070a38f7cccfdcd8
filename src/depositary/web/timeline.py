"""Timelines as SVG, drawn on the server from the data: a body's membership by category,
an instrument's participation by status. Readable without JavaScript; each bar is titled
with its category and dates for screen readers and tooltips, and a legend names the
colours. A category or status is told by a hatch as well as a colour (WCAG 1.4.1), and
every bar is outlined in dark ink, so a pale one stands 3:1 apart from the page (1.4.11).
The hatches and the contrast arithmetic are shared with the world map (worldmap.py)."""

from __future__ import annotations

import zlib
from collections.abc import Mapping, Sequence
from datetime import date
from html import escape
from types import MappingProxyType

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
INK = "#1d1d1f"  # the site's --ink: outlines, dark hatches, text

# A hatch for each status but party, the strongest, which is solid: a status is told
# without its colour. Each is a tile: lines (rotated), a cross, dots or rings.
STATUS_HATCHES: Mapping[str, str] = MappingProxyType({
    Status.PARTY: "",
    Status.CONTRACTING: "lines-45",  # ///
    Status.PROVISIONALLY_APPLYING: "lines-90",  # ===
    Status.SIGNATORY: "dots",
    Status.UNKNOWN: "rings",
    Status.WITHDRAWING: "cross-45",  # xxx
    Status.WITHDRAWN: "lines-135",  # \\\
    Status.TERMINATED: "cross-0",  # +++
    Status.CEASED: "lines-0",  # |||
})
# The same for a body's categories: full membership solid, the others hatched.
CATEGORY_HATCHES: Mapping[str, str] = MappingProxyType({
    Category.FOUNDING_STATE: "lines-45",
    Category.SIGNATORY_STATE: "dots",
    Category.ACCEDING_STATE: "lines-135",
    Category.MEMBER_STATE: "",
    Category.ASSOCIATE_MEMBER: "cross-45",
    Category.PARTICIPATING_NON_MEMBER: "lines-90",
    Category.OBSERVER: "rings",
})
OTHER_HATCH = "rings"
TILE = 6

Span = tuple[str, str, date | None, date | None]  # participant, category or status, period


def timeline_svg(spans: Sequence[Span], names: dict[str, str], first: date, last: date,
                 marked: date | None = None, *,
                 colours: Mapping[str, str] = CATEGORY_COLOURS,
                 title: str = "Membership over time",
                 labels: Mapping[str, str] | None = None) -> str:
    """One row per participant, one bar per period in a category (or status), years along
    the top, the legend below; `marked` draws the date the page is answering for."""
    codes = sorted({code for code, *_ in spans}, key=lambda c: names.get(c, c))
    shown = [kind for kind in colours if any(s[1] == kind for s in spans)]
    rows_end = 24 + ROW * len(codes)
    legend = _legend(shown, labels or {})
    lines = 1 + max((line for _, line, _ in legend), default=0)
    height = rows_end + ((ROW + 6) * lines if shown else 0)
    scale = (WIDTH - LABEL - 10) / max((last - first).days, 1)

    def x(day: date | None, default: date) -> float:
        return LABEL + ((day or default) - first).days * scale

    hatches = STATUS_HATCHES if colours is STATUS_COLOURS else CATEGORY_HATCHES
    # Pattern ids unique to this drawing: a page may hold two timelines.
    prefix = f"hatch-{zlib.crc32('|'.join((title, *shown)).encode()):x}"
    fills = {kind: f"url(#{prefix}-{n})" if hatches.get(kind, OTHER_HATCH) else colours[kind]
             for n, kind in enumerate(shown)}

    def label(kind: str) -> str:
        return (labels or {}).get(kind, str(kind).replace("-", " "))

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-labelledby="timeline-title" class="timeline">',
        f'<title id="timeline-title">{escape(title)}</title>',
        "<defs>", *(hatch_pattern(f"{prefix}-{n}", colours[kind], hatches.get(kind, OTHER_HATCH))
                    for n, kind in enumerate(shown) if hatches.get(kind, OTHER_HATCH)),
        "</defs>",
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
            tip = f"{names.get(code, code)}: {label(category)}, {start or '…'} – {end or 'now'}"
            parts.append(
                f'<rect x="{left:.1f}" y="{top}" width="{max(right - left, 1):.1f}" '
                f'height="{ROW - 4}" fill="{fills[category]}" stroke="{INK}" '
                f'stroke-width=".6"><title>{escape(tip)}</title></rect>'
            )
    if marked is not None and first <= marked <= last:
        at = x(marked, first)
        parts.append(f'<line x1="{at:.1f}" y1="16" x2="{at:.1f}" y2="{rows_end}" class="mark"/>')
    for kind, line, left in legend:  # the legend: each colour used, with its name
        top = rows_end + 6 + line * (ROW + 6)
        parts.append(f'<rect x="{left:.1f}" y="{top}" width="12" height="12" '
                     f'fill="{fills[kind]}" stroke="{INK}" stroke-width=".6"/>')
        parts.append(f'<text x="{left + 16:.1f}" y="{top + 10}" class="label">'
                     f'{escape(label(kind))}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def _legend(kinds: Sequence[str], labels: Mapping[str, str]) -> list[tuple[str, int, float]]:
    """Where each name of the legend goes: (kind, line, left), wrapped to the width."""
    placed, line, left = [], 0, float(LABEL)
    for kind in kinds:
        width = 24 + 7 * len(labels.get(kind, str(kind)))
        if left + width > WIDTH and left > LABEL:
            line, left = line + 1, float(LABEL)
        placed.append((kind, line, left))
        left += width
    return placed


def hatch_ink(colour: str) -> str:
    """The hatch's colour on a fill: dark ink or white, whichever stands out more."""
    return INK if contrast_ratio(INK, colour) >= contrast_ratio("#ffffff", colour) else "#ffffff"


def hatch_pattern(pattern_id: str, colour: str, hatch: str) -> str:
    """A 6x6 tile: the colour under its hatch (`lines-45`, `cross-0`, `dots`, `rings`)."""
    ink = hatch_ink(colour)
    kind, _, angle = hatch.partition("-")
    lines = {"lines": f"M{TILE / 2} 0V{TILE}", "cross": f"M{TILE / 2} 0V{TILE}M0 {TILE / 2}H{TILE}"}
    if kind in lines:
        mark = f'<path d="{lines[kind]}" stroke="{ink}" stroke-width="1.2"/>'
    elif kind == "dots":
        mark = f'<circle cx="{TILE / 2}" cy="{TILE / 2}" r="1.2" fill="{ink}"/>'
    else:  # rings
        mark = (f'<circle cx="{TILE / 2}" cy="{TILE / 2}" r="1.6" fill="none" stroke="{ink}" '
                'stroke-width=".8"/>')
    rotate = f' patternTransform="rotate({angle})"' if angle and angle != "0" else ""
    return (f'<pattern id="{pattern_id}" patternUnits="userSpaceOnUse" width="{TILE}" '
            f'height="{TILE}"{rotate}><rect width="{TILE}" height="{TILE}" fill="{colour}"/>'
            f"{mark}</pattern>")


def contrast_ratio(first: str, second: str) -> float:
    """The WCAG 2.1 contrast ratio of two colours written #rrggbb, from 1 to 21."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _luminance(colour: str) -> float:
    def channel(hex_pair: str) -> float:
        value = int(hex_pair, 16) / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(colour[i:i + 2]) for i in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue
