"""A world map of participation in an instrument on a date, drawn on the server as SVG.

Why on the server, from a bundled file: the pages work without JavaScript and offline
(no tile server, no CDN), and the same SVG is the one a user downloads. The outlines are
Natural Earth's public-domain 1:110m countries, projected and written as SVG path data
once, by `scripts/natural_earth.py` (data/world/README.md): drawing a map is joining
strings.

Participants are coded as in the register (docs/data-format.md, "Identifiers"): ISO 3166-1
alpha-3 for states that exist, which have an outline of their own; ISO 3166-3 for states
that no longer exist, which are drawn as the outlines of the states now on their territory
(`FORMER`), for the years they existed. Organisations (EU, CIS) and states too small for
1:110m (most island states, Andorra, Monaco...) have no outline: the map names them in its
description and returns them (`WorldMap.not_drawn`) for the page to list as text.

Accessible (WCAG 2.1): the SVG is an image with a title and a description that summarises
it in words; each participant's outline has a title with its name and status; a status is
told by a hatch as well as a colour (1.4.1, use of colour), the colours being the site's
own (`timeline.STATUS_COLOURS`); and every participant is outlined in dark ink, so a pale
colour still stands 3:1 apart from the grey of the countries that do not participate
(1.4.11, non-text contrast)."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from html import escape
from importlib.resources import files
from types import MappingProxyType

from depositary.domain.status import Status
from depositary.web.timeline import (
    INK,
    OTHER_HATCH,
    STATUS_COLOURS,
    STATUS_HATCHES,
    hatch_pattern,
)

LAND = "#e6e6e6"  # a country that does not participate
BORDER = "#a0a0a0"  # between countries that do not participate
SEA = "#ffffff"
NOT_PARTICIPATING = Status.NOT_INVOLVED.value  # the key of its label in `labels`
OTHER_COLOUR = "#ce93d8"  # a status this module does not know (the site's "unknown")



@dataclass(frozen=True, slots=True)
class Extent:
    """Where a former state is drawn during [start, end): the outlines of today's states
    on its territory. `approximate` says why the outline is larger than the state was,
    when it is."""

    start: date | None
    end: date | None
    successors: tuple[str, ...]
    approximate: str = ""


@dataclass(frozen=True, slots=True)
class Former:
    """A state that no longer exists, by its English short name and its extents."""

    name: str
    extents: tuple[Extent, ...]


_USSR_1940 = ("ARM", "AZE", "BLR", "GEO", "KAZ", "KGZ", "RUS", "TJK", "TKM", "UKR", "UZB")
_SFRY = ("SVN", "HRV", "BIH", "SRB", "MNE", "MKD", "XKX")
_FRY = ("SRB", "MNE", "XKX")  # Kosovo: under UN administration from 1999 (UNSCR 1244)
_UNSEPARATED = "drawn as all of {}: this map's outlines do not separate its territory"
# The former states of ISO 3166-3 that the register's sources use, drawn as today's
# states on their territory. Natural Earth draws only today's borders, so a state is the
# union of whole outlines: where a former state had only part of a country (the GDR,
# South Yemen, North Vietnam) the whole country is drawn and `approximate` says so; where
# borders moved at the edges (the USSR's west before 1945, Carpathian Ruthenia) the map
# cannot show it. The dates are those the register and formats/ieadb.py use.
FORMER: Mapping[str, Former] = MappingProxyType({
    "SUN": Former("USSR", (
        Extent(None, date(1940, 8, 3), _USSR_1940),
        # The Baltic states and Bessarabia were annexed on 2-6 August 1940: drawn within
        # the USSR as it was in fact, though most Western states never recognised the
        # annexation of the Baltic states (whose own record, where the register keeps one,
        # takes precedence on the map: see `participation_map`).
        Extent(date(1940, 8, 3), date(1991, 12, 26),
               (*_USSR_1940, "EST", "LVA", "LTU", "MDA")),
    )),
    # YUG is the Kingdom, the SFRY and, from 27 April 1992, the Federal Republic of
    # Yugoslavia (ISO 3166-3 and the UN used the code until the FRY's rename in 2003).
    "YUG": Former("Yugoslavia", (
        Extent(None, date(1992, 4, 27), _SFRY),
        Extent(date(1992, 4, 27), date(2003, 2, 4), _FRY),
    )),
    "SCG": Former("Serbia and Montenegro", (Extent(date(2003, 2, 4), date(2006, 6, 3), _FRY),)),
    "CSK": Former("Czechoslovakia", (Extent(None, date(1993, 1, 1), ("CZE", "SVK")),)),
    "DDR": Former("German Democratic Republic", (
        Extent(date(1949, 10, 7), date(1990, 10, 3), ("DEU",),
               _UNSEPARATED.format("Germany")),
    )),
    "YMD": Former("South Yemen", (
        Extent(date(1967, 11, 30), date(1990, 5, 22), ("YEM",), _UNSEPARATED.format("Yemen")),
    )),
    "VDR": Former("North Vietnam", (
        Extent(date(1945, 9, 2), date(1976, 7, 2), ("VNM",), _UNSEPARATED.format("Vietnam")),
    )),
    # Renamed with the same territory: ISO gave a new code with the new name, while the
    # register keeps one code through a change of name; a source may still use the old.
    "AFI": Former("French Territory of the Afars and the Issas", (Extent(None, None, ("DJI",)),)),
    "BUR": Former("Burma", (Extent(None, None, ("MMR",)),)),
    "DHY": Former("Dahomey", (Extent(None, None, ("BEN",)),)),
    "HVO": Former("Upper Volta", (Extent(None, None, ("BFA",)),)),
    "NHB": Former("New Hebrides", (Extent(None, None, ("VUT",)),)),
    "RHO": Former("Southern Rhodesia", (Extent(None, None, ("ZWE",)),)),
    "TMP": Former("East Timor", (Extent(None, None, ("TLS",)),)),
    "ZAR": Former("Zaire", (Extent(None, None, ("COD",)),)),
})


@dataclass(frozen=True, slots=True)
class Outlines:
    """The bundled outlines: the viewBox's size, and each country's name and SVG path."""

    width: int
    height: int
    names: Mapping[str, str]
    paths: Mapping[str, str]


@cache
def outlines() -> Outlines:
    """The outlines of data/world/countries.json, read once per process (they never change
    while it runs: a bundled file, not the register)."""
    text = (files("depositary.data") / "world" / "countries.json").read_text(encoding="utf-8")
    data = json.loads(text)
    countries: dict[str, list[str]] = data["countries"]
    _, _, width, height = data["viewBox"]
    return Outlines(int(width), int(height),
                    MappingProxyType({code: name for code, (name, _) in countries.items()}),
                    MappingProxyType({code: path for code, (_, path) in countries.items()}))


@dataclass(frozen=True, slots=True)
class WorldMap:
    """A drawn map: the SVG document, the participants with a status that it could not
    draw (no outline, or a former state on a date it did not exist), and the former states
    drawn larger than they were (`FORMER`'s `approximate`), for the page to say so."""

    svg: str
    not_drawn: tuple[str, ...]
    approximate: tuple[str, ...] = ()


def extent_of(code: str, on: date | None) -> Extent | None:
    """Where the former state `code` is drawn on the date (its largest extent without a
    date); None if it is not a former state this module knows or did not exist then."""
    former = FORMER.get(code)
    if former is None:
        return None
    if on is None:
        return max(former.extents, key=lambda extent: len(extent.successors))
    return next((e for e in former.extents
                 if (e.start is None or e.start <= on) and (e.end is None or on < e.end)), None)


def _placed(statuses: Mapping[str, str], on: date | None
            ) -> tuple[dict[str, str], dict[str, Extent], dict[str, list[str]]]:
    """Who takes part (code -> status), the extents of the former states among them, and
    the outlines each participant is drawn on."""
    shapes = outlines()
    # "not-involved" is not participation: such a code is drawn grey, not "not drawn".
    taking_part = {code: str(status) for code, status in statuses.items()
                   if str(status) != NOT_PARTICIPATING}
    extents = {code: extent for code in taking_part
               if (extent := extent_of(code, on)) is not None}
    owner: dict[str, str] = {}  # outline -> the participant drawn on it
    for code in sorted(extents, key=lambda c: (extents[c].start or date.min, c)):
        for successor in extents[code].successors:
            if successor in shapes.paths and successor not in taking_part:
                owner[successor] = code
    owner.update((code, code) for code in taking_part if code in shapes.paths)
    drawn: dict[str, list[str]] = {}
    for outline, code in sorted(owner.items()):
        drawn.setdefault(code, []).append(outline)
    return taking_part, extents, drawn


def not_drawn(statuses: Mapping[str, str], on: date | None = None) -> tuple[str, ...]:
    """The participants the map of `statuses` on `on` cannot draw (`WorldMap.not_drawn`),
    without drawing it: what the page lists under the map it shows as an image."""
    taking_part, _, drawn = _placed(statuses, on)
    return _unplaced(taking_part, drawn)


def _unplaced(taking_part: Mapping[str, str], drawn: Mapping[str, list[str]]
              ) -> tuple[str, ...]:
    return tuple(sorted(code for code in taking_part if code not in drawn))


def participation_map(
    statuses: Mapping[str, str],
    *,
    title: str,
    labels: Mapping[str, str] | None = None,
    legend_order: Sequence[str] = tuple(STATUS_COLOURS),
    names: Mapping[str, str] | None = None,
    on: date | None = None,
    ids: str = "worldmap",
) -> WorldMap:
    """The map of `statuses` (participant code -> status value, e.g. "party"): each
    participant's outline in its status's colour and hatch, every other country grey.

    `labels` names the statuses in the page's language (default: the status values, and
    "not participating" for "not-involved"); `legend_order` orders the legend (statuses
    not in it follow, by value); `names` names the participants (default: the outlines'
    English names); `on` is the date, which decides the extent of a former state (without
    it, its largest); `ids` (letters, digits, hyphens) prefixes the SVG's ids, to keep
    them unique if a page shows two maps.

    A state's own status takes precedence over a former state's on its territory (Russia
    a party, the USSR withdrawn: Russia is drawn as a party, the other fourteen as the
    USSR), and of two former states on the same outline, the later."""
    shapes = outlines()
    labels, names = labels or {}, names or {}
    taking_part, extents, drawn = _placed(statuses, on)
    missing = _unplaced(taking_part, drawn)
    notes = {code: extents[code].approximate for code in sorted(drawn)
             if code in extents and extents[code].approximate}

    def name(code: str) -> str:
        if code in names:
            return names[code]
        return FORMER[code].name if code in FORMER else shapes.names.get(code, code)

    def label(status: str) -> str:
        default = "not participating" if status == NOT_PARTICIPATING else status
        return labels.get(status, default)

    used = {taking_part[code] for code in drawn}  # the legend shows only what is drawn
    shown = [str(s) for s in legend_order if str(s) in used]
    shown += sorted(used - set(shown))
    patterns = {status: f"{ids}-hatch-{n}" for n, status in enumerate(shown) if _hatch(status)}
    fills = {status: f"url(#{patterns[status]})" if status in patterns else _colour(status)
             for status in shown}
    fills[NOT_PARTICIPATING] = LAND
    legend = _legend([*shown, NOT_PARTICIPATING], label, shapes.width)
    height = shapes.height + 8 + 22 * (1 + max(line for _, line, _ in legend))
    by_status = {status: sorted(name(c) for c in drawn if taking_part[c] == status)
                 for status in shown}
    words = ["A world map.", *(f"{label(s)} ({len(who)}): {', '.join(who)}."
                               for s, who in by_status.items() if who)]
    if missing:
        words.append("Not drawn (no outline on this map, or not existing on the date): "
                     f"{', '.join(name(code) for code in missing)}.")
    if any(code in FORMER for code in drawn):
        words.append("A former state is drawn as the states now on its territory.")
    words.extend(f"{name(code)}: {note}." for code, note in notes.items())

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {shapes.width} {height}" '
        f'role="img" aria-labelledby="{ids}-title {ids}-desc" class="worldmap" '
        'font-family="system-ui, sans-serif" font-size="12">',
        f'<title id="{ids}-title">{escape(title)}</title>',
        f'<desc id="{ids}-desc">{escape(" ".join(words))}</desc>',
        "<defs>",
        *(_pattern(pattern, status) for status, pattern in patterns.items()),
        "</defs>",
        f'<rect width="{shapes.width}" height="{height}" fill="{SEA}"/>',
        f'<g fill="{LAND}" stroke="{BORDER}" stroke-width=".3" stroke-linejoin="round">',
    ]
    owned = {outline for outlines_of in drawn.values() for outline in outlines_of}
    for outline in sorted(set(shapes.paths) - owned, key=lambda c: shapes.names[c]):
        tip = f"{name(outline)}: {label(NOT_PARTICIPATING)}"
        parts.append(f'<path d="{shapes.paths[outline]}" data-code="{outline}">'
                     f"<title>{escape(tip)}</title></path>")
    # The participants over the grey, outlined in ink: one path each, a former state's
    # being its successors' outlines joined (the union, its inner borders still stroked).
    parts.append(f'</g><g stroke="{INK}" stroke-width=".5" stroke-linejoin="round">')
    for code in sorted(drawn, key=name):
        status = taking_part[code]
        tip = f"{name(code)}: {label(status)}"
        tip += f" ({notes[code]})" if code in notes else ""
        path = "".join(shapes.paths[outline] for outline in drawn[code])
        parts.append(f'<path d="{path}" fill="{fills[status]}" data-code="{escape(code)}" '
                     f'data-status="{escape(status)}"><title>{escape(tip)}</title></path>')
    parts.append("</g>")
    for status, line, left in legend:  # each status shown, then the grey, with its name
        top = shapes.height + 8 + line * 22
        stroke = BORDER if status == NOT_PARTICIPATING else INK
        parts.append(f'<rect x="{left}" y="{top}" width="14" height="14" '
                     f'fill="{fills[status]}" stroke="{stroke}"/>')
        parts.append(f'<text x="{left + 19}" y="{top + 11}" fill="{INK}">'
                     f"{escape(label(status))}</text>")
    parts.append("</svg>")
    return WorldMap("\n".join(parts), missing, tuple(notes))


def _hatch(status: str) -> str:
    return STATUS_HATCHES.get(status, OTHER_HATCH)


def _colour(status: str) -> str:
    return STATUS_COLOURS.get(status, OTHER_COLOUR)


def _pattern(pattern_id: str, status: str) -> str:
    """A tile: the status's colour under its hatch."""
    return hatch_pattern(pattern_id, _colour(status), _hatch(status))


def _legend(kinds: Sequence[str], label: Callable[[str], str],
            width: int) -> list[tuple[str, int, int]]:
    """Where each entry of the legend goes: (status, line, left), wrapped to the width."""
    placed, line, left = [], 0, 10
    for kind in kinds:
        room = 32 + 7 * len(label(kind))  # swatch, gap, about 7 units a character
        if left + room > width and left > 10:
            line, left = line + 1, 10
        placed.append((kind, line, left))
        left += room
    return placed
