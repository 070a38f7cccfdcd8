"""The world benchmark on the real corpus (issue 6): the full IEADB dump imported through
the normal import path, then questions 1 and 2 asked of it, the answers cross-checked
before any time counts.

    python benchmarks/world_ieadb.py [--limit N] [--out FILE]

The dump is read from DEPOSITARY_REAL_DATA (default ../shared/data beside the checkout),
never copied into the project; where it is absent the measurement is skipped, saying why.
--limit N imports only the first N agreements (by IEADB id): the quick mode of CI.

What is measured, on SQLite and, where DEPOSITARY_TEST_POSTGRES_URL names a server, on
PostgreSQL (a scratch database is created and dropped):
- "IEADB 5 import": what `depositary import ieadb` does, `plan_ieadb` (the engine screens
  every act) then the plan appended in batches of 5,000 (validation, hash chain,
  projections); acts per second. Reading the CSV files is timed apart, not counted;
- "IEADB 4 rebuild": `StoredRegister.rebuild()`, every projection recomputed from the log;
- "IEADB 1 status chart" and "IEADB 2 in force for a participant": 41 questions each,
  instruments weighted by their acts, participants drawn among those with an act, days
  from 1960 to 2025, asked of:
  - the register's projections on each engine (`StoredRegister.status_chart`,
    `StoredRegister.participant_view(...).in_force`);
  - the naive way (question 1 only): the instrument's entries (and those of any
    instrument its clauses read) and every participant replayed into a fresh `Register`
    for each question, as world.py's naive replay does;
  - Oxigraph, holding the statuses as Wikidata holds treaty participation (a statement
    per status, start and end qualifiers), asked in SPARQL. Its facts come from the
    register itself (the status intervals the engine projected into SQLite): it checks
    and times the querying, not the rules, which Oxigraph does not have.

Rows go into world.py's `Run`, with size = the number of acts imported.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from depositary.bootstrap import open_register

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

SEED = 6  # issue 6: the same sample in every run
BATCH = 5000  # entries per transaction, as `depositary import ieadb` appends by default
# What the IEADB's terms ask of any published result based on it (its SOURCE.md).
CITATION = ("Data: International Environmental Agreements Database Project (Ronald B. "
            "Mitchell), hosted by Université Laval; Mitchell et al. 2020, Global "
            "Environmental Politics 20(1):103-121.")


def data_folder() -> Path:
    """The IEADB folder, read from the environment at each call (tests set it)."""
    base = Path(os.environ.get("DEPOSITARY_REAL_DATA", ROOT.parent / "shared" / "data"))
    return base / "ieadb"


def measure_ieadb(run: Any, work: Path, engines: dict[str, str] | None = None,
                  limit: int | None = None) -> int:
    """Import the IEADB into each engine, rebuild, ask questions 1 and 2 and append the
    rows to `run` (world.Run). `engines` maps an engine's name to a database URL (empty
    databases, left to the caller); by default SQLite in `work`, and PostgreSQL in a
    scratch database where DEPOSITARY_TEST_POSTGRES_URL is set. `limit`: only the first
    agreements. Returns the number of acts imported, 0 (said on standard error) where the
    data is absent."""
    from depositary.formats import ieadb

    folder = data_folder()
    if not (folder / "db_members.csv.gz").is_file():
        print(f"IEADB benchmark skipped: no IEADB dump at {folder} (db_members.csv.gz); set "
              "DEPOSITARY_REAL_DATA to the folder holding ieadb/", file=sys.stderr)
        return 0
    start = time.perf_counter()
    reading = ieadb.read(folder)
    read_s = time.perf_counter() - start
    if limit is not None:
        keep = sorted(reading.agreements, key=int)[:limit]
        reading.agreements = {k: reading.agreements[k] for k in keep}
    with contextlib.ExitStack() as stack:
        if engines is None:
            engines = {"SQLite": f"sqlite:///{work / 'ieadb.sqlite3'}"}
            if os.environ.get("DEPOSITARY_TEST_POSTGRES_URL"):
                from storage import postgres_database

                engines["PostgreSQL"] = stack.enter_context(postgres_database("ieadb"))
        ledgers, plan = {}, None
        for engine, url in engines.items():
            ledgers[engine], plan = imported(run, engine, url, reading, read_s, work)
        assert plan is not None, "no engine given"
        size = sum(1 for kind, _, _ in plan.items if kind == "act")
        ask(run, size, plan.items, ledgers)
        for ledger in ledgers.values():
            ledger.database.engine.dispose()  # before a scratch database is dropped
    return size


def imported(run: Any, engine: str, url: str, reading: Any, read_s: float,
             work: Path) -> tuple[Any, Any]:
    """The IEADB into one empty database as the CLI imports it, then a rebuild: the
    ledger and the plan."""
    from world import Row

    from depositary.app.imports import plan_ieadb
    from depositary.app.settings import Settings

    ledger = open_register(Settings(work, url), load_bundled=False)
    start = time.perf_counter()
    plan = plan_ieadb(reading, ledger.register())
    planned = time.perf_counter()
    ledger.append_in_batches(plan.items, "benchmark", BATCH)
    appended = time.perf_counter()
    ledger.rebuild()
    rebuilt = time.perf_counter()
    acts = sum(1 for kind, _, _ in plan.items if kind == "act")
    import_s, system = appended - start, f"depositary ({engine})"
    run.rows += [
        Row(acts, "IEADB 5 import", system, import_s * 1000, import_s * 1000,
            f"{acts / import_s:,.0f} acts/s: {len(plan.items):,} entries ({plan.instruments:,} "
            f"agreements), {len(plan.refused):,} acts left out by the engine; screening "
            f"{planned - start:.1f} s, appending {appended - planned:.1f} s; reading the "
            f"CSV files ({read_s:.1f} s) not counted"),
        Row(acts, "IEADB 4 rebuild", system, (rebuilt - appended) * 1000,
            (rebuilt - appended) * 1000, "every projection recomputed from the log"),
    ]
    return ledger, plan


def sample(items: list[Any], rng: random.Random) -> tuple[
        list[tuple[str, date]], list[tuple[str, date]]]:
    """The same (instrument, day) and (participant, day) for every system: instruments
    weighted by their acts, participants among those with an act, days 1960 to 2025."""
    from world import SAMPLES

    alias = {key: data["alias"] for kind, key, data in items if kind == "instrument"}
    weights: dict[str, int] = {}
    acting: set[str] = set()
    for kind, _, data in items:
        if kind == "act":
            weights[alias[data["instrument"]]] = weights.get(alias[data["instrument"]], 0) + 1
            acting.add(data["participant"])
    instruments = rng.choices(sorted(weights), weights=[weights[k] for k in sorted(weights)],
                              k=SAMPLES)
    days = [date(1960, 1, 1) + timedelta(days=rng.randrange(66 * 365)) for _ in range(SAMPLES)]
    return (list(zip(instruments, days, strict=True)),
            list(zip(rng.choices(sorted(acting), k=SAMPLES), reversed(days), strict=True)))


def ask(run: Any, size: int, items: list[Any], ledgers: dict[str, Any]) -> None:
    """Questions 1 and 2 to every system: the answers compared first, then timed."""
    from world import Row, agree

    from depositary.domain.clauses import instruments_read
    from depositary.formats.register_file import instrument_from
    from depositary.register import Register
    from depositary.register.queries import status_chart
    from depositary.register.replay import apply_items

    charts, views = sample(items, random.Random(SEED))
    store, load_s = oxigraph_store(ledgers["SQLite"], items)
    run.rows.append(Row(size, "IEADB load", "Oxigraph", load_s * 1000, load_s * 1000,
                        "statements from the register's status intervals (SQLite)"))

    # The naive way: an instrument's own entries, and those of the instruments its
    # clauses read (none in the IEADB as imported today), replayed for each question.
    people = [e for e in items if e[0] == "participant"]
    ids = {data["alias"]: key for kind, key, data in items if kind == "instrument"}
    own: dict[str, list[Any]] = {}
    reads: dict[str, list[str]] = {}
    for entry in items:
        kind, key, data = entry
        if kind == "instrument":
            own[key] = [entry]
            reads[key] = [ids.get(t, t) for t in
                          instruments_read(instrument_from(data).clauses.entry_into_force)]
        elif kind == "act":
            own[data["instrument"]].append(entry)

    def needed(key: str) -> list[Any]:
        seen: list[str] = []
        todo = [key]
        while todo:
            found = todo.pop()
            if found not in seen:
                seen.append(found)
                todo += reads[found]
        return [e for k in reversed(seen) for e in own[k]]

    def naive_chart(alias: str, day: date) -> list[tuple[str, str]]:
        register = Register()
        apply_items(register, [*people, *needed(ids[alias])], "naive")
        return sorted((r.participant, r.status.value)
                      for r in status_chart(register, alias, day).rows)

    def charter(ledger: Any) -> Callable[[str, date], list[tuple[str, str]]]:
        def chart(alias: str, day: date) -> list[tuple[str, str]]:
            return sorted((r.participant, r.status.value)
                          for r in ledger.status_chart(alias, day).rows)
        return chart

    def viewer(ledger: Any) -> Callable[[str, date], list[str]]:
        def in_force(code: str, day: date) -> list[str]:
            return sorted(h.instrument.alias for h in ledger.participant_view(code, day).in_force)
        return in_force

    chart_by = {
        **{f"depositary ({engine})": charter(ledger) for engine, ledger in ledgers.items()},
        "naive replay": naive_chart,
        "Oxigraph": lambda a, d: oxigraph_chart(store, a, d),
    }
    view_by = {
        **{f"depositary ({engine})": viewer(ledger) for engine, ledger in ledgers.items()},
        "Oxigraph": lambda c, d: oxigraph_in_force(store, c, d),
    }
    for alias, day in charts:
        agree(run, f"IEADB chart of {alias} on {day}",
              {name: found(alias, day) for name, found in chart_by.items()})
    for code, day in views:
        agree(run, f"IEADB in force for {code} on {day}",
              {name: found(code, day) for name, found in view_by.items()})

    for system, found in chart_by.items():
        run.timed(size, "IEADB 1 status chart", system,
                  [lambda a=a, d=d, found=found: found(a, d) for a, d in charts])
    for system, found in view_by.items():
        run.timed(size, "IEADB 2 in force for a participant", system,
                  [lambda c=c, d=d, found=found: found(c, d) for c, d in views])


# -- Oxigraph: the register's statuses as Wikidata-style statements -----------------------

def oxigraph_store(ledger: Any, items: list[Any]) -> tuple[Any, float]:
    """Each status interval the register projected as a statement: the instrument
    `p:P710` a statement node, whose value is the participant, with the status as its role
    (P3831) and the period as start (P580) and end (P582) qualifiers, either left out
    where the interval is open on that side."""
    import pyoxigraph as ox
    from sqlalchemy import select
    from world import statements

    from depositary.store.schema import status_intervals

    alias = {key: data["alias"] for kind, key, data in items if kind == "instrument"}
    start = time.perf_counter()
    c = status_intervals.c
    with ledger.database.engine.connect() as connection:
        rows = connection.execute(
            select(c.instrument, c.participant, c.status, c.valid_from, c.valid_to)).all()
    lines = statements([(alias[i], p, s, begin, end) for i, p, s, begin, end in rows], "s")
    store = ox.Store()
    store.bulk_load(lines.encode(), format=ox.RdfFormat.N_TRIPLES)
    return store, time.perf_counter() - start


def oxigraph_chart(store: Any, instrument: str, day: date) -> list[tuple[str, str]]:
    """world.py's question, a statement without a start holding from the beginning."""
    from world import oxigraph_chart as chart

    return chart(store, instrument, day, open_start=True)


def oxigraph_in_force(store: Any, participant: str, day: date) -> list[str]:
    from world import oxigraph_in_force as in_force

    return in_force(store, participant, day, open_start=True)


# -- alone ---------------------------------------------------------------------------------

def table(rows: list[Any]) -> Iterator[str]:
    yield "| acts | question | system | median ms | p90 ms | note |"
    yield "|---:|---|---|---:|---:|---|"
    for r in rows:
        yield (f"| {r.size:,} | {r.question} | {r.system} | {r.median_ms:.3f} | "
               f"{r.p90_ms:.3f} | {r.note} |")


def main() -> None:
    import world

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None,
                        help="import only the first N agreements (quick mode)")
    parser.add_argument("--out", type=Path, default=None, help="also write the table here")
    args = parser.parse_args()
    run = world.Run()
    with tempfile.TemporaryDirectory() as work:
        acts = measure_ieadb(run, Path(work), limit=args.limit)
    if not acts:
        sys.exit(1)
    lines = [f"IEADB: {acts:,} acts; answers cross-checked on {len(run.checks)} questions, "
             "every system the same", "", *table(run.rows), "", CITATION]
    if args.out:
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
