"""Convert Natural Earth's 1:110m Admin 0 countries into the bundled world map,
`src/depositary/data/world/countries.json`, that `depositary.web.worldmap` draws from.

Kept in the repository so the bundled file can be regenerated and checked: the web app
never reads a shapefile, it reads outlines already projected and written as SVG path
data, which keeps the renderer a few string joins and the file small (see the README
next to the output for the source and its licence).

The source is the copy of Natural Earth v5.1.1 that geopandas bundled before its 1.0
(reachable from a machine whose only network is the package registries); it is read
with pyshp, a one-off tool that is not a dependency of the project:

    python -m pip download geopandas==0.14.4 --no-deps -d /tmp/gpd
    python -m pip install --target /tmp/shp pyshp
    PYTHONPATH=/tmp/shp .venv/bin/python scripts/natural_earth.py \\
        /tmp/gpd/geopandas-0.14.4-py3-none-any.whl

The argument is the geopandas wheel or the `.shp` file of an unpacked copy. The output
is deterministic: the same input gives the same bytes.
"""

from __future__ import annotations

import argparse
import io
import itertools
import json
import math
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pycountry  # a dependency of the project: checks the codes written
import shapefile  # type: ignore[import-not-found, unused-ignore]  # pyshp, see above

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "src" / "depositary" / "data" / "world" / "countries.json"
IN_WHEEL = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
SOURCE = ("Natural Earth 1:110m Cultural Vectors, Admin 0 - Countries, v5.1.1 "
          "(public domain), as bundled by geopandas 0.14.4 (naturalearth_lowres)")

WIDTH = 1000  # the viewBox is 0 0 WIDTH HEIGHT; HEIGHT follows from the projection
NORTH, SOUTH = 84.0, -58.0  # latitudes kept: Antarctica is dropped, nothing else is cut

# Natural Earth writes iso_a3 "-99" where ISO has no code or where the admin-0 unit is
# not the ISO country (France and Norway in some releases, because of their overseas
# parts; geopandas copied ADM0_A3 into them already, Kosovo it left at -99). The code is
# then taken from the name. Kosovo gets XKX, the user-assigned code the register uses
# (docs/data-format.md, "Identifiers").
BY_NAME = {"France": "FRA", "Norway": "NOR", "Kosovo": "XKX"}
# Units Natural Earth draws apart that ISO 3166 does not code: drawn as part of the state
# whose territory ISO counts them in, the register's participants being ISO-coded.
# Their internal border stays visible, as each ring is kept.
MERGED = {"CYN": "CYP", "SOL": "SOM"}  # Northern Cyprus, Somaliland
DROPPED = {"ATA"}  # Antarctica: no state's territory, and half the height of the map
USER_ASSIGNED = {"XKX"}  # not in ISO 3166-1, so not in pycountry
# Natural Earth's short labels, spelled out for tooltips and screen readers.
NAMES = {
    "BIH": "Bosnia and Herzegovina", "CAF": "Central African Republic",
    "COD": "Democratic Republic of the Congo", "DOM": "Dominican Republic",
    "ESH": "Western Sahara", "FLK": "Falkland Islands", "GNQ": "Equatorial Guinea",
    "ATF": "French Southern Territories", "SLB": "Solomon Islands", "SSD": "South Sudan",
    "SWZ": "Eswatini", "USA": "United States",
}

# The Robinson projection, from its defining table (Robinson 1974; Snyder, Map
# Projections: A Working Manual, table 32): for each 5° of latitude, the length of the
# parallel (X) and its distance from the equator (Y). Interpolated linearly, which at
# this scale differs from the usual spline by less than the rounding.
ROBINSON = (
    (1.0000, 0.0000), (0.9986, 0.0620), (0.9954, 0.1240), (0.9900, 0.1860),
    (0.9822, 0.2480), (0.9730, 0.3100), (0.9600, 0.3720), (0.9427, 0.4340),
    (0.9216, 0.4958), (0.8962, 0.5571), (0.8679, 0.6176), (0.8350, 0.6769),
    (0.7986, 0.7346), (0.7597, 0.7903), (0.7186, 0.8435), (0.6732, 0.8936),
    (0.6213, 0.9394), (0.5722, 0.9761), (0.5322, 1.0000),
)


def robinson(lon: float, lat: float) -> tuple[float, float]:
    """Unscaled Robinson coordinates of a point, y up."""
    step = min(abs(lat) / 5, 17.999999)
    row, part = int(step), step - int(step)
    (x0, y0), (x1, y1) = ROBINSON[row], ROBINSON[row + 1]
    length, height = x0 + (x1 - x0) * part, y0 + (y1 - y0) * part
    return 0.8487 * length * math.radians(lon), math.copysign(1.3523 * height, lat)


SCALE = WIDTH / (2 * robinson(180, 0)[0])
TOP = robinson(0, NORTH)[1]
HEIGHT = math.ceil(SCALE * (TOP - robinson(0, SOUTH)[1]))


def project(lon: float, lat: float) -> tuple[int, int]:
    """A point in tenths of a unit of the viewBox (integers, so the relative steps of a
    path add up exactly to the absolute points)."""
    x, y = robinson(lon, max(SOUTH, min(NORTH, lat)))
    return round(10 * (WIDTH / 2 + SCALE * x)), round(10 * SCALE * (TOP - y))


def number(tenths: int) -> str:
    """A coordinate in tenths as SVG path text: 12.5, .5, -3, no needless zero."""
    sign, whole, tenth = "-" if tenths < 0 else "", abs(tenths) // 10, abs(tenths) % 10
    if not tenth:
        return f"{sign}{whole}"
    return f"{sign}{whole or ''}.{tenth}"


def numbers(values: Iterable[int]) -> str:
    """Numbers separated as SVG allows: a space, or nothing before a minus sign."""
    text = ""
    for value in values:
        word = number(value)
        text += word if not text or word.startswith("-") else " " + word
    return text


def ring_path(points: Sequence[tuple[float, float]]) -> str:
    """One closed ring: an absolute move, then relative lines; points that round onto
    the one before are dropped, and so is a ring left with fewer than three."""
    kept: list[tuple[int, int]] = []
    for lon, lat in points:
        point = project(lon, lat)
        if not kept or point != kept[-1]:
            kept.append(point)
    if len(kept) > 1 and kept[0] == kept[-1]:
        kept.pop()  # the shapefile repeats the first point; `z` closes the ring
    if len(kept) < 3:
        return ""
    steps = [value for (x0, y0), (x1, y1) in itertools.pairwise(kept)
             for value in (x1 - x0, y1 - y0)]
    return f"M{numbers(kept[0])}l{numbers(steps)}z"


def shape_path(shape: Any) -> str:
    bounds = [*shape.parts, len(shape.points)]
    rings = (ring_path(shape.points[start:end]) for start, end in itertools.pairwise(bounds))
    return "".join(ring for ring in rings if ring)


def reader(source: Path) -> Any:
    """The shapefile, from the wheel or from disk, its text in the encoding its `.cpg`
    names (ISO-8859-1 in geopandas' copy: "Côte d'Ivoire")."""
    if source.suffix == ".whl":
        with zipfile.ZipFile(source) as wheel:
            encoding = wheel.read(f"{IN_WHEEL}.cpg").decode("ascii").strip()
            parts = {kind: io.BytesIO(wheel.read(f"{IN_WHEEL}.{kind}"))
                     for kind in ("shp", "shx", "dbf")}
    else:
        encoding = source.with_suffix(".cpg").read_text(encoding="ascii").strip()
        parts = {kind: io.BytesIO(source.with_suffix(f".{kind}").read_bytes())
                 for kind in ("shp", "shx", "dbf")}
    return shapefile.Reader(shp=parts["shp"], shx=parts["shx"], dbf=parts["dbf"],
                            encoding=encoding)


def code_of(record: Any) -> str:
    code = str(record["iso_a3"])
    if code == "-99":
        code = BY_NAME[record["name"]]  # a KeyError names a -99 this script does not know
    return MERGED.get(code, code)


def convert(source: Path) -> dict[str, Any]:
    names: dict[str, str] = {}
    paths: dict[str, str] = {}
    for item in reader(source).iterShapeRecords():
        code = code_of(item.record)
        if code in DROPPED:
            continue
        if code not in USER_ASSIGNED and pycountry.countries.get(alpha_3=code) is None:
            raise SystemExit(f"{code} ({item.record['name']}) is not an ISO 3166-1 code")
        if item.record["iso_a3"] == code or code not in names:
            names[code] = NAMES.get(code, str(item.record["name"]))
        paths[code] = paths.get(code, "") + shape_path(item.shape)
    return {
        "source": SOURCE,
        "projection": f"Robinson, latitudes {SOUTH:g} to {NORTH:g}, scaled to the viewBox",
        "viewBox": [0, 0, WIDTH, HEIGHT],
        "countries": {code: [names[code], paths[code]] for code in sorted(paths)},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="the geopandas wheel, or a .shp file")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    arguments = parser.parse_args()
    data = convert(arguments.source)
    arguments.output.parent.mkdir(parents=True, exist_ok=True)
    # One country a line: compact, yet a change shows in a diff as the countries it moved.
    lines = [f"{json.dumps(code)}:{json.dumps(value, ensure_ascii=False, separators=(',', ':'))}"
             for code, value in data["countries"].items()]
    head = {key: value for key, value in data.items() if key != "countries"}
    text = (json.dumps(head, ensure_ascii=False, separators=(",", ":"))[:-1]
            + ',"countries":{\n' + ",\n".join(lines) + "\n}}\n")
    arguments.output.write_text(text, encoding="utf-8")
    print(f"{arguments.output}: {len(lines)} countries, {len(text.encode())} bytes")


if __name__ == "__main__":
    main()
