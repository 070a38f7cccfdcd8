"""The world-scale benchmark (issue 6): the synthetic world of world_corpus.py at several
sizes, the same questions put to this register and to the tools people use today, the
answers cross-checked before any time counts.

    python benchmarks/world.py [--quick] [--sizes 10000,100000] [--out benchmarks/RESULTS.md]

Systems, in the same run:
- depositary, the library on SQLite, and on PostgreSQL where DEPOSITARY_TEST_POSTGRES_URL
  names a server (a database is created and dropped): the normal write path (validation,
  hash chain, projections), then reads from the projections;
- naive: the same engine replaying one instrument's log for every question, without
  projections;
- DuckDB over the plain CSV of acts, with the SQL of world_sql.py;
- Oxigraph (pyoxigraph) holding the statuses as Wikidata holds treaty participation: a
  statement per status with start-time (P580) and end-time (P582) qualifiers, asked in
  SPARQL.

Questions: (1) the status chart of one instrument on a day; (2) everything in force for a
participant on a day; (4) the rebuild of all projections from the log (DuckDB: the whole
rule evaluation in SQL); (5) ingest, acts per second, in batches and one by one.
Questions 3 (a body's members) and 6 (status as recorded at a transaction time) are
not measured yet. --quick runs small sizes and checks that the systems agree (CI).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import world_corpus  # noqa: E402
import world_sql  # noqa: E402

SAMPLES = 41  # questions per measurement: the median and the spread of these
ONE_BY_ONE = 100  # acts appended one transaction each


@dataclass
class Row:
    size: int
    question: str
    system: str
    median_ms: float
    p90_ms: float
    note: str = ""


@dataclass
class Run:
    rows: list[Row] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)

    def timed(self, size: int, question: str, system: str, calls: Sequence[Callable[[], Any]],
              note: str = "") -> None:
        times = []
        for call in calls:
            start = time.perf_counter()
            call()
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        self.rows.append(Row(size, question, system, statistics.median(times),
                             times[int(len(times) * 0.9)], note))


def questions(corpus: world_corpus.Corpus, rng: random.Random) -> tuple[
        list[tuple[str, date]], list[tuple[str, date]]]:
    """The same sample of (instrument, day) and (participant, day) for every system: days
    from 1960 to 2025, instruments weighted by their acts (the charts people look at)."""
    weights: dict[str, int] = {}
    for act in corpus.acts:
        weights[act["instrument"]] = weights.get(act["instrument"], 0) + 1
    instruments = rng.choices(list(weights), weights=list(weights.values()), k=SAMPLES)
    days = [date(1960, 1, 1) + timedelta(days=rng.randrange(66 * 365)) for _ in range(SAMPLES)]
    codes = [p.code for p in corpus.participants]
    return (list(zip(instruments, days, strict=True)),
            list(zip(rng.choices(codes, k=SAMPLES), reversed(days), strict=True)))


def measure(size: int, run: Run, work: Path) -> None:

    rng = random.Random(size)
    corpus = world_corpus.generate(size)
    folder = work / f"world-{size}"
    world_corpus.write(corpus, folder)
    entries = world_corpus.items(corpus)
    charts, views = questions(corpus, rng)

    # DuckDB: the CSV loaded, the rules evaluated in SQL (question 4), then asked.
    start = time.perf_counter()
    con = world_sql.connect(folder)
    world_sql.rebuild(con)
    duck_rebuild = time.perf_counter() - start

    run.rows.append(Row(size, "4 rebuild", "DuckDB", duck_rebuild * 1000, duck_rebuild * 1000,
                        "load of the CSV and the rules in SQL"))
    # The register on each engine: SQLite always, PostgreSQL where a server is given.
    with contextlib.ExitStack() as stack:
        ledgers = {"SQLite": register(size, run, "SQLite", entries,
                                      f"sqlite:///{folder / 'register.sqlite3'}", folder)}
        if os.environ.get("DEPOSITARY_TEST_POSTGRES_URL"):
            from storage import postgres_database

            url = stack.enter_context(postgres_database(f"world{size}"))
            ledgers["PostgreSQL"] = register(size, run, "PostgreSQL", entries, url, folder)
        ask(size, run, corpus, entries, ledgers, con, charts, views)


def register(size: int, run: Run, engine: str, entries: list[Any], url: str,
             folder: Path) -> Any:
    """The register on one engine: the normal write path, in batches, then one by one
    (question 5), then the rebuild of its projections (question 4)."""
    from depositary.ledger import Ledger
    from depositary.settings import Settings

    held_back = [e for e in entries if e[0] == "act"][-ONE_BY_ONE:]
    later = {id(e) for e in held_back}
    first = [e for e in entries if id(e) not in later]
    ledger = Ledger.open(Settings(folder, url), load_bundled=False)
    start = time.perf_counter()
    ledger.append_in_batches(first, "benchmark", 5000)
    batched = time.perf_counter() - start
    start = time.perf_counter()
    for entry in held_back:
        ledger.append([entry], "benchmark")
    single = time.perf_counter() - start
    start = time.perf_counter()
    ledger.rebuild()
    rebuild = time.perf_counter() - start
    acts = sum(1 for e in entries if e[0] == "act")
    system = f"depositary ({engine})"
    run.rows += [
        Row(size, "4 rebuild", system, rebuild * 1000, rebuild * 1000,
            "the full engine, every clause family, with reasons"),
        Row(size, "5 ingest, batches of 5,000", system,
            batched * 1000, batched * 1000, f"{(acts - ONE_BY_ONE) / batched:,.0f} acts/s"),
        Row(size, "5 ingest, one by one", system, single * 1000 / ONE_BY_ONE,
            single * 1000 / ONE_BY_ONE, f"{ONE_BY_ONE / single:,.0f} acts/s"),
    ]
    return ledger


def ask(size: int, run: Run, corpus: world_corpus.Corpus, entries: list[Any],
        ledgers: dict[str, Any], con: Any, charts: list[tuple[str, date]],
        views: list[tuple[str, date]]) -> None:
    """Questions 1 and 2 to every system: the answers compared first, then timed."""
    from depositary.formats.register_file import apply_items
    from depositary.register import Register
    from depositary.register.queries import status_chart

    # Oxigraph: the statuses as Wikidata-style statements.
    store, oxigraph_load = oxigraph_store(con)
    run.rows.append(Row(size, "load", "Oxigraph", oxigraph_load * 1000, oxigraph_load * 1000,
                        "statements from DuckDB's statuses"))

    # The naive way: one instrument's log replayed for each question.
    people = [e for e in entries if e[0] == "participant"]
    by_instrument: dict[str, list[Any]] = {}
    current = ""
    for entry in entries:
        if entry[0] == "instrument":
            current = entry[2]["alias"]
        if entry[0] in ("instrument", "act"):
            by_instrument.setdefault(current, []).append(entry)

    # An amendment's clause reads the instrument it amends: replayed with it.
    bases = {i["alias"]: i["clauses"]["entry_into_force"]["all_parties_of"]["instrument"]
             for i in corpus.instruments if corpus.families[i["alias"]] == "amendment"}

    def naive_chart(alias: str, day: date) -> list[tuple[str, str]]:
        register = Register()
        base = by_instrument[bases[alias]] if alias in bases else []
        apply_items(register, [*people, *base, *by_instrument[alias]], "naive")
        rows = status_chart(register, alias, day).rows
        return sorted((r.participant, r.status.value) for r in rows)

    def charter(ledger: Any) -> Callable[[str, date], list[tuple[str, str]]]:
        def chart(alias: str, day: date) -> list[tuple[str, str]]:
            rows = ledger.status_chart(alias, day).rows
            return sorted((r.participant, r.status.value) for r in rows)
        return chart

    def viewer(ledger: Any) -> Callable[[str, date], list[str]]:
        def in_force(code: str, day: date) -> list[str]:
            view = ledger.participant_view(code, day)
            return sorted(h.instrument.alias for h in view.in_force)
        return in_force

    chart_by = {
        **{f"depositary ({engine})": charter(ledger) for engine, ledger in ledgers.items()},
        "naive replay": naive_chart,
        "DuckDB": lambda a, d: world_sql.chart(con, a, d),
        "Oxigraph": lambda a, d: oxigraph_chart(store, a, d),
    }
    view_by = {
        **{f"depositary ({engine})": viewer(ledger) for engine, ledger in ledgers.items()},
        "DuckDB": lambda c, d: world_sql.in_force(con, c, d),
        "Oxigraph": lambda c, d: oxigraph_in_force(store, c, d),
    }
    # The answers first: every system must give the same as the register on SQLite.
    for alias, day in charts:
        answers = {name: found(alias, day) for name, found in chart_by.items()}
        agree(run, f"chart of {alias} on {day}", answers)
    for code, day in views:
        answers = {name: found(code, day) for name, found in view_by.items()}
        agree(run, f"in force for {code} on {day}", answers)

    for system, found in chart_by.items():
        run.timed(size, "1 status chart", system,
                  [lambda a=a, d=d, found=found: found(a, d) for a, d in charts])
    for system, found in view_by.items():
        run.timed(size, "2 in force for a participant", system,
                  [lambda c=c, d=d, found=found: found(c, d) for c, d in views])


def agree(run: Run, question: str, answers: dict[str, Any]) -> None:
    """Every system's answer equal to the register's, or the run stops, saying where."""
    expected = answers["depositary (SQLite)"]
    wrong = [system for system, answer in answers.items() if answer != expected]
    if wrong:
        raise SystemExit(f"the systems disagree on the {question}: {', '.join(wrong)} "
                         f"differ from depositary's on SQLite {expected!r}: "
                         + "; ".join(f"{s}: {answers[s]!r}" for s in wrong))
    run.checks.append(question)


# -- Oxigraph: treaty participation as Wikidata models it --------------------------------

WD = "http://www.wikidata.org/entity/"
P = "http://www.wikidata.org/prop/"
PARTICIPANT, START, END, ROLE = "P710", "P580", "P582", "P3831"  # participant, qualifiers
PREFIXES = (f"PREFIX wd: <{WD}> PREFIX p: <{P}> PREFIX ps: <{P}statement/> "
            f"PREFIX pq: <{P}qualifier/> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> ")


def oxigraph_store(con: Any) -> tuple[Any, float]:
    """Each status interval as a statement: the instrument `p:P710` a statement node,
    whose value is the participant, with the status as its role (P3831) and the period as
    start (P580) and end (P582) qualifiers."""
    import pyoxigraph as ox

    start = time.perf_counter()
    lines = []
    rows = con.execute('SELECT instrument, participant, status, start, "end" '
                       "FROM statuses").fetchall()
    xsd_date = "^^<http://www.w3.org/2001/XMLSchema#date>"
    for n, (instrument, participant, status, begin, end) in enumerate(rows):
        node = f"<{WD}statement/s{n}>"
        lines.append(f"<{WD}{instrument}> <{P}{PARTICIPANT}> {node} .")
        lines.append(f"{node} <{P}statement/{PARTICIPANT}> <{WD}{participant}> .")
        lines.append(f"{node} <{P}qualifier/{ROLE}> <{WD}{status}> .")
        lines.append(f'{node} <{P}qualifier/{START}> "{begin}"{xsd_date} .')
        if end is not None:
            lines.append(f'{node} <{P}qualifier/{END}> "{end}"{xsd_date} .')
    store = ox.Store()
    store.bulk_load("\n".join(lines).encode(), format=ox.RdfFormat.N_TRIPLES)
    return store, time.perf_counter() - start


def oxigraph_chart(store: Any, instrument: str, day: date) -> list[tuple[str, str]]:
    query = PREFIXES + f"""
        SELECT ?participant ?role WHERE {{
          wd:{instrument} p:{PARTICIPANT} ?s .
          ?s ps:{PARTICIPANT} ?participant ; pq:{ROLE} ?role ; pq:{START} ?start .
          OPTIONAL {{ ?s pq:{END} ?end }}
          FILTER(?start <= "{day}"^^xsd:date && (!BOUND(?end) || ?end > "{day}"^^xsd:date))
        }}"""
    return sorted((_local(row["participant"]), _local(row["role"]))
                  for row in store.query(query))


def oxigraph_in_force(store: Any, participant: str, day: date) -> list[str]:
    query = PREFIXES + f"""
        SELECT ?instrument WHERE {{
          ?s ps:{PARTICIPANT} wd:{participant} ; pq:{ROLE} ?role ; pq:{START} ?start .
          ?instrument p:{PARTICIPANT} ?s .
          OPTIONAL {{ ?s pq:{END} ?end }}
          FILTER(?role IN (wd:party, wd:withdrawing))
          FILTER(?start <= "{day}"^^xsd:date && (!BOUND(?end) || ?end > "{day}"^^xsd:date))
        }}"""
    return sorted(_local(row["instrument"]) for row in store.query(query))


def _local(node: Any) -> str:
    return str(node.value).rsplit("/", 1)[-1]


# -- the report --------------------------------------------------------------------------

def report(run: Run, sizes: Sequence[int], quick: bool) -> list[str]:
    from storage import machine

    lines = ["# World-scale benchmark" + (" (quick)" if quick else ""), "", *machine(),
             "- command: `python benchmarks/world.py" + (" --quick" if quick else "")
             + f" --sizes {','.join(map(str, sizes))}`", "",
             f"Answers cross-checked before timing: {len(run.checks)} questions, every "
             "system the same answer. Medians of 41 questions (instruments weighted by "
             "their acts, days from 1960 to 2025); 'vs depositary' is a system's time as a "
             "multiple of the register's (above 1: slower than it). Reads go through the "
             "library, each instrument's or participant's projection parsed once per log "
             "head and kept.", ""]
    for question in sorted({r.question for r in run.rows}):
        found = [r for r in run.rows if r.question == question]
        lines += [f"## {question}", "", "| acts | system | median ms | p90 ms | vs depositary "
                  "| note |", "|---:|---|---:|---:|---:|---|"]
        for row in found:
            ours = next((r.median_ms for r in found if r.size == row.size
                         and r.system.startswith("depositary")), None)
            ratio = f"{row.median_ms / ours:.2f}x" if ours else ""
            lines.append(f"| {row.size:,} | {row.system} | {row.median_ms:.3f} | "
                         f"{row.p90_ms:.3f} | {ratio} | {row.note} |")
        lines.append("")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--sizes", default="")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "RESULTS.md")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s] or (
        [2_000, 10_000] if args.quick else [10_000, 100_000])
    run = Run()
    with tempfile.TemporaryDirectory() as work:
        for size in sizes:
            print(f"world: {size:,} acts", file=sys.stderr)
            measure(size, run, Path(work))
    lines = report(run, sizes, args.quick)
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
