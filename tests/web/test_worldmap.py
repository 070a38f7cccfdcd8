"""The world map of participation: the bundled outlines (Natural Earth, converted by
scripts/natural_earth.py) and the SVG drawn from them, read back as XML."""

from __future__ import annotations

import re
from datetime import date
from importlib.resources import files

import pytest
from lxml import etree

from depositary.domain.status import Status
from depositary.web.timeline import STATUS_COLOURS, STATUS_HATCHES, contrast_ratio, hatch_ink
from depositary.web.worldmap import FORMER, LAND, outlines, participation_map

SVG = "{http://www.w3.org/2000/svg}"
USSR = ("ARM", "AZE", "BLR", "EST", "GEO", "KAZ", "KGZ", "LTU", "LVA", "MDA", "RUS", "TJK",
        "TKM", "UKR", "UZB")
# The numbers and commands scripts/natural_earth.py writes, as SVG reads them: a number
# ends where the next sign or a second point starts.
TOKEN = re.compile(r"[MlzZ]|-?(?:\d+(?:\.\d*)?|\.\d+)")


def rings(path: str) -> list[list[tuple[float, float]]]:
    """The absolute points of each ring of a path made of `M x y l dx dy ... z` rings;
    fails on anything else, so a malformed path fails the test that reads it."""
    tokens = TOKEN.findall(path)
    assert path.replace(" ", "") == "".join(tokens), "stray characters in the path"
    found: list[list[tuple[float, float]]] = []
    i = 0
    while i < len(tokens):
        assert "M" == tokens[i] and "l" == tokens[i + 3], tokens[i:i + 4]
        x, y = float(tokens[i + 1]), float(tokens[i + 2])
        points, i = [(x, y)], i + 4
        while tokens[i] != "z":
            x, y = x + float(tokens[i]), y + float(tokens[i + 1])
            points.append((x, y))
            i += 2
        found.append(points)
        i += 1
    return found


def element(svg: str, code: str) -> etree._Element:
    """The outline of `code` in a drawn map (exactly one)."""
    found = etree.fromstring(svg).findall(f".//{SVG}path[@data-code='{code}']")
    assert 1 == len(found), f"{len(found)} outlines of {code}"
    return found[0]


def title(node: etree._Element) -> str:
    return str(node.findtext(f"{SVG}title"))


def test_the_bundled_outlines_load_as_valid_paths_inside_the_view() -> None:
    shapes = outlines()
    assert len(shapes.paths) > 150
    assert 1000 == shapes.width and 300 < shapes.height < 600
    for code, path in shapes.paths.items():
        assert re.fullmatch(r"[A-Z]{3}", code), code
        assert shapes.names[code].strip()
        found = rings(path)
        assert found, code
        for points in found:
            assert len(points) >= 3
            assert all(-0.05 <= x <= shapes.width + 0.05 and -0.05 <= y <= shapes.height + 0.05
                       for x, y in points), code


def test_the_outlines_are_where_the_countries_are() -> None:
    """North is up and east is right: Russia lies north-east of Brazil, Australia
    south-east of India, and the United States west of France."""

    def centre(code: str) -> tuple[float, float]:
        points = [p for ring in rings(outlines().paths[code]) for p in ring]
        return (sum(x for x, _ in points) / len(points), sum(y for _, y in points) / len(points))

    (rus_x, rus_y), (bra_x, bra_y) = centre("RUS"), centre("BRA")
    assert rus_x > bra_x and rus_y < bra_y
    (aus_x, aus_y), (ind_x, ind_y) = centre("AUS"), centre("IND")
    assert aus_x > ind_x and aus_y > ind_y
    assert centre("USA")[0] < centre("FRA")[0]


def test_natural_earths_missing_codes_are_fixed_and_antarctica_dropped() -> None:
    """Natural Earth writes -99 for some countries (Kosovo, and France and Norway in some
    releases): the conversion codes them from their names."""
    shapes = outlines()
    for code, name in [("RUS", "Russia"), ("USA", "United States"), ("FRA", "France"),
                       ("NOR", "Norway"), ("XKX", "Kosovo"), ("CIV", "Côte d'Ivoire")]:
        assert name == shapes.names[code]
    assert "-99" not in shapes.paths
    assert {"ATA", "CYN", "SOL"}.isdisjoint(shapes.paths)  # dropped, or drawn with CYP, SOM


def test_the_bundled_file_is_small() -> None:
    size = len((files("depositary.data") / "world" / "countries.json").read_bytes())
    assert size < 150_000, size


def test_a_map_draws_the_ussr_as_its_successors_and_lists_what_it_cannot_draw() -> None:
    drawn = participation_map({"RUS": "party", "SUN": "withdrawn", "XXX": "party"},
                              title="Participation on 1 January 1990")
    svg = etree.fromstring(drawn.svg)
    assert f"{SVG}svg" == svg.tag and "img" == svg.get("role")
    assert "Participation on 1 January 1990" == svg.findtext(f"{SVG}title")
    description = str(svg.findtext(f"{SVG}desc"))
    assert "Not drawn" in description and "XXX" in description
    assert ("XXX",) == drawn.not_drawn
    assert () == drawn.approximate
    # Russia's own status takes precedence; the other fourteen are the USSR's.
    russia = element(drawn.svg, "RUS")
    assert "party" == russia.get("data-status")
    assert "Russia: party" == title(russia)
    ussr = element(drawn.svg, "SUN")
    assert "USSR: withdrawn" == title(ussr)
    shapes = outlines()
    for successor in USSR:
        assert (successor != "RUS") == (shapes.paths[successor] in str(ussr.get("d")))
    # The rest of the world is grey, each country titled.
    france = element(drawn.svg, "FRA")
    assert "France: not participating" == title(france)
    assert len(shapes.paths) - len(USSR) + 2 == len(svg.findall(f".//{SVG}path[@data-code]"))


def test_hatched_statuses_fill_with_a_pattern_and_party_with_its_colour() -> None:
    statuses = {"RUS": "party", "USA": "signatory", "FRA": "contracting", "BRA": "withdrawn",
                "IND": "provisionally-applying", "AUS": "withdrawing", "CAN": "unknown"}
    svg = participation_map(statuses, title="All statuses").svg
    patterns = {p.get("id"): p for p in etree.fromstring(svg).iter(f"{SVG}pattern")}
    assert STATUS_COLOURS[Status.PARTY] == element(svg, "RUS").get("fill")
    for code, status in statuses.items():
        if status == "party":
            continue
        fill = str(element(svg, code).get("fill"))
        found = re.fullmatch(r"url\(#(.+)\)", fill)
        assert found, f"{status}: {fill}"
        pattern = patterns[found.group(1)]
        # The status's colour under marks of the ink that stands out on it.
        assert [STATUS_COLOURS[status]] == [r.get("fill") for r in pattern.iter(f"{SVG}rect")]
        marks = [m for m in pattern if m.tag in (f"{SVG}path", f"{SVG}circle")]
        assert marks and {hatch_ink(STATUS_COLOURS[status])} == {
            m.get("stroke") or m.get("fill") for m in marks}
    # The legend shows each status's swatch with its fill, then the grey.
    legend = etree.fromstring(svg).findall(f"{SVG}text")
    assert [*[s for s in STATUS_COLOURS if s in statuses.values()], "not participating"] == [
        t.text for t in legend]


def test_statuses_are_told_apart_without_colour_and_stand_out_from_the_grey() -> None:
    """WCAG 1.4.1: each status has its own hatch (party alone solid). 1.4.11: a fill, or
    its hatch, contrasts 3:1 with the grey of the countries not participating, and the
    hatch contrasts 3:1 with the fill it is drawn on."""
    assert set(STATUS_COLOURS) <= set(STATUS_HATCHES)
    hatches = [STATUS_HATCHES[status] for status in STATUS_COLOURS]
    assert len(hatches) == len(set(hatches))
    assert [Status.PARTY] == [s for s in STATUS_COLOURS if not STATUS_HATCHES[s]]
    for status, colour in STATUS_COLOURS.items():
        ink = hatch_ink(colour)
        if STATUS_HATCHES[status]:
            assert contrast_ratio(ink, colour) >= 3, status
        assert max(contrast_ratio(colour, LAND),
                   contrast_ratio(ink, LAND) if STATUS_HATCHES[status] else 0) >= 3, status
    assert 21 == pytest.approx(contrast_ratio("#000000", "#ffffff"))
    assert 1 == pytest.approx(contrast_ratio("#2f7d32", "#2f7d32"))


def test_participants_are_outlined_in_ink() -> None:
    group = element(participation_map({"RUS": "withdrawn"}, title="t").svg, "RUS").getparent()
    assert group is not None
    assert contrast_ratio(str(group.get("stroke")), LAND) >= 3


def test_the_date_decides_where_a_former_state_is_drawn() -> None:
    shapes = outlines()

    def covers(code: str, on: date | None) -> set[str]:
        path = str(element(participation_map({code: "party"}, title="t", on=on).svg, code)
                   .get("d"))
        return {c for c in shapes.paths if shapes.paths[c] in path}

    sfry = {"SVN", "HRV", "BIH", "SRB", "MNE", "MKD", "XKX"}
    assert sfry == covers("YUG", date(1985, 1, 1))
    assert {"SRB", "MNE", "XKX"} == covers("YUG", date(1995, 1, 1))  # the FRY
    assert sfry == covers("YUG", None)  # without a date, the largest extent
    assert set(USSR) - {"EST", "LVA", "LTU", "MDA"} == covers("SUN", date(1930, 1, 1))
    assert set(USSR) == covers("SUN", date(1980, 1, 1))
    assert {"CZE", "SVK"} == covers("CSK", None)
    # After its end a former state is not drawn: the page lists it.
    gone = participation_map({"SUN": "party", "RUS": "party"}, title="t", on=date(2000, 1, 1))
    assert ("SUN",) == gone.not_drawn


def test_a_former_state_drawn_larger_than_it_was_says_so() -> None:
    drawn = participation_map({"DDR": "party"}, title="t", on=date(1980, 1, 1))
    assert ("DDR",) == drawn.approximate
    assert title(element(drawn.svg, "DDR")).startswith(
        "German Democratic Republic: party (drawn as all of Germany")
    assert "DEU" in FORMER["DDR"].extents[0].successors
    # Germany's own status takes its outline: the GDR is then not drawn.
    both = participation_map({"DDR": "party", "DEU": "signatory"}, title="t")
    assert ("DDR",) == both.not_drawn and () == both.approximate


def test_names_labels_and_ids_come_from_the_page() -> None:
    drawn = participation_map(
        {"RUS": "party", "EU": "signatory", "FRA": "not-involved"}, title="Участие",
        labels={"party": "участник", "signatory": "подписант",
                "not-involved": "не участвует"},
        names={"RUS": "Россия", "EU": "Европейский союз", "FRA": "Франция"},
        ids="map2",
    )
    svg = etree.fromstring(drawn.svg)
    assert "Россия: участник" == title(element(drawn.svg, "RUS"))
    assert "Франция: не участвует" == title(element(drawn.svg, "FRA"))
    assert ("EU",) == drawn.not_drawn  # a status but no outline; FRA's is not one
    assert "Европейский союз" in str(svg.findtext(f"{SVG}desc"))
    assert "map2-title map2-desc" == svg.get("aria-labelledby")
    # The legend names what is drawn: the EU's status is in words only.
    assert ["участник", "не участвует"] == [t.text for t in svg.findall(f"{SVG}text")]
    assert ["map2-title"] == [t.get("id") for t in svg.findall(f"{SVG}title")]
