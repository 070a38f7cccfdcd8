"""The cost-growth chart of the world benchmark (issue 6): how each question's median time
grows with the size of the corpus, one small log-log panel per question, one line per
system, and a dotted line of linear growth to read the slopes against (questions 1 to 3
are expected flat, 4 and 5 linear).

    growth_svg(run.rows)                 # the SVG, as text
    write_growth_chart(run.rows, path)   # written; returns the markdown that embeds it

Drawn with matplotlib (the SVG backend, no display), deterministic: the same rows give
the same bytes (fixed ids, no date), so the file can be committed beside RESULTS.md.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

TITLE = "How the time of each question grows with the corpus"
# Colour-blind safe (Okabe and Ito), one per system, the same in every panel.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000",
           "#F0E442"]
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]


def growth_series(rows: Iterable[Any],
                  questions: Sequence[str] | None = None) -> dict[str, dict[str, list[tuple[
                      int, float]]]]:
    """question -> system -> [(size, median ms)], sizes ascending. By default every
    question measured at two sizes or more (the IEADB's, at one size, are left out)."""
    found: dict[str, dict[str, dict[int, float]]] = {}
    for row in rows:
        found.setdefault(row.question, {}).setdefault(row.system, {})[row.size] = row.median_ms
    if questions is None:
        questions = sorted(q for q, systems in found.items()
                           if len({s for points in systems.values() for s in points}) > 1)
    return {q: {system: sorted(points.items()) for system, points in sorted(found[q].items())}
            for q in questions if q in found}


def series_id(question: str, system: str) -> str:
    """The id of a line in the SVG: `series-<question>--<system>`, lower case, dashed."""
    def slug(text: str) -> str:
        return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return f"series-{slug(question)}--{slug(system)}"


def size_label(size: int) -> str:
    for unit, name in ((1_000_000, "M"), (1_000, "k")):
        if size >= unit:
            return f"{size / unit:g}{name}"
    return str(size)


def growth_svg(rows: Iterable[Any], questions: Sequence[str] | None = None) -> str:
    """The chart as SVG text: a panel per question, log-log, sizes (acts) across and the
    median time (ms) up; a line per system, a shared legend below. Text stays text (no
    glyph outlines): small, searchable, and readable at any zoom on a GitHub page."""
    import matplotlib

    out = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": "depositary", "svg.fonttype": "none"}):
        growth_figure(rows, questions).savefig(out, format="svg", metadata={"Date": None})
    return out.getvalue()


def growth_figure(rows: Iterable[Any], questions: Sequence[str] | None = None) -> Any:
    """The chart as a matplotlib Figure (no pyplot, no display)."""
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.ticker import FixedLocator, NullLocator

    series = growth_series(rows, questions)
    if not series:
        raise ValueError("no question measured at two sizes or more: nothing to chart")
    systems = sorted({s for by_system in series.values() for s in by_system},
                     key=lambda s: (not s.startswith("depositary"), s))
    # A colour per system, and past the palette's end another marker: no two alike.
    style = {s: (PALETTE[n % len(PALETTE)], MARKERS[(n // len(PALETTE)) % len(MARKERS)])
             for n, s in enumerate(systems)}
    sizes = sorted({size for by_system in series.values() for points in by_system.values()
                    for size, _ in points})
    columns = min(3, len(series))
    lines = math.ceil(len(series) / columns)
    with matplotlib.rc_context({"font.size": 9, "axes.titlesize": 10}):
        figure = Figure(figsize=(4.0 * columns, 3.1 * lines + 1.0), layout="constrained")
        axes = figure.subplots(lines, columns, squeeze=False)
        for n, (question, by_system) in enumerate(series.items()):
            ax = axes[n // columns][n % columns]
            ax.set_xscale("log")
            ax.set_yscale("log")
            for system, points in by_system.items():
                colour, marker = style[system]
                (line,) = ax.plot([s for s, _ in points], [ms for _, ms in points],
                                  color=colour, marker=marker, markersize=4, linewidth=1.5,
                                  label=system)
                line.set_gid(series_id(question, system))
            # Linear growth from the geometric mean of the smallest size's times.
            first = [points[0] for points in by_system.values()]
            low = min(s for s, _ in first)
            at = math.exp(sum(math.log(ms) for s, ms in first if s == low and ms > 0)
                          / max(1, sum(1 for s, ms in first if s == low and ms > 0)))
            high = max(s for points in by_system.values() for s, _ in points)
            (guide,) = ax.plot([low, high], [at, at * high / low], color="#999999",
                               linestyle=":", linewidth=1)
            guide.set_gid(series_id(question, "linear growth"))
            ax.xaxis.set_major_locator(FixedLocator(sizes))
            ax.xaxis.set_minor_locator(NullLocator())
            ax.set_xticklabels([size_label(s) for s in sizes])
            ax.set_title(question)
            ax.set_xlabel("acts in the corpus (log)")
            ax.set_ylabel("median ms (log)")
            ax.grid(True, which="major", color="#dddddd", linewidth=0.6)
        for n in range(len(series), lines * columns):
            axes[n // columns][n % columns].set_visible(False)
        handles = [Line2D([], [], color=style[s][0], marker=style[s][1], markersize=4,
                          label=s) for s in systems]
        handles.append(Line2D([], [], color="#999999", linestyle=":", label="linear growth"))
        figure.legend(handles=handles, loc="outside lower center",
                      ncols=min(len(handles), columns), frameon=False)
        figure.suptitle(TITLE)
    return figure


def write_growth_chart(rows: Iterable[Any], path: Path,
                       questions: Sequence[str] | None = None) -> str:
    """Write the chart to `path`; returns the markdown line that shows it from a page in
    the same folder (RESULTS.md beside world-growth.svg)."""
    path.write_text(growth_svg(rows, questions), encoding="utf-8")
    return growth_markdown(path.name)


def growth_markdown(name: str = "world-growth.svg") -> str:
    return f"![{TITLE}: median ms against acts, log-log, one line per system]({name})"
