"""The world-scale benchmark (issue 6): the synthetic world of world_corpus.py at several
sizes, the same questions put to this register and to the tools people use today, the
answers cross-checked before any time counts.

    python benchmarks/world.py [--quick] [--sizes 10000,100000] [--out benchmarks/RESULTS.md]

Systems, in the same run:
- depositary, the library on SQLite, and on PostgreSQL where DEPOSITARY_TEST_POSTGRES_URL
  names a server (a database is created and dropped): the normal write path (validation,
  hash chain, projections), then reads as the web application reads;
- depositary's HTTP API: the real web application (uvicorn, one worker) over the SQLite
  register, asked with a keep-alive client;
- naive: the same engine replaying one instrument's log for every question, without
  projections;
- DuckDB over the plain CSV of acts, with the SQL of world_sql.py;
- Oxigraph (pyoxigraph) holding the statuses as Wikidata holds treaty participation: a
  statement per status with start-time (P580) and end-time (P582) qualifiers, asked in
  SPARQL. A body's membership as Wikidata states it, "member of" (P463) statements on
  each state with the same qualifiers, one per period of membership (Wikidata records
  membership, it does not derive it from a treaty's parties). The register as recorded at
  a past time as a researcher would hold Wikidata's past: one named graph per recorded
  version (a dated snapshot, schema:dateModified its transaction time), the version
  current at T chosen in the query; the versions held are those at the times asked.

Questions: (1) the status chart of one instrument on a day, through the library and
through the HTTP API (each chart asked for the first time, then again: the application
keeps public answers until the log moves); (2) everything in force for a participant on a
day; (3) the members of a body on a day (a conference of the parties: the parties of its
instrument), also asked first in a fresh process, where the library replays the whole log;
(4) the rebuild of all projections from the log (DuckDB: the whole rule evaluation in
SQL); (5) ingest, acts per second, in batches and one by one; (6) the status chart on a
day as recorded at a transaction time T of the log (at a third and two thirds of it, and
halfway through the acts appended one by one), the first question at each T apart from
the rest. Beside them, the peak resident memory of the register's work (ingest, rebuild,
every question) in a process of its own, against the issue's 2 GB. --quick runs small
sizes and checks that the systems agree (CI).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

# world_ieadb imports this module by name: one module, whether run or imported.
sys.modules.setdefault("world", sys.modules[__name__])

import world_chart  # noqa: E402
import world_corpus  # noqa: E402
import world_ieadb  # noqa: E402
import world_sql  # noqa: E402

from depositary.bootstrap import open_register  # noqa: E402

SAMPLES = 41  # questions per measurement: the median and the spread of these
ONE_BY_ONE = 100  # acts appended one transaction each
# Held back from the batches: ONE_BY_ONE appended with each commit on disk, then on SQLite
# one more (a new connection's first) and half as many without waiting for the disk.
HELD_BACK = ONE_BY_ONE + 1 + ONE_BY_ONE // 2
BATCH = 5000  # entries per transaction of the ingest
TARGET_MEMORY = 2 * 1024 ** 3  # the ceiling for the whole synthetic corpus
SERVER_START = 900  # seconds the web application may take to replay a large register


@dataclass
class Row:
    size: int
    question: str
    system: str
    median_ms: float
    p90_ms: float
    note: str = ""


@dataclass
class Memory:
    """The peak resident memory of the register's work in a process of its own, in bytes,
    as it stood after each step (each figure the peak so far)."""

    size: int
    peaks: dict[str, int]


@dataclass
class Run:
    rows: list[Row] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)
    memory: list[Memory] = field(default_factory=list)

    def timed(self, size: int, question: str, system: str, calls: Sequence[Callable[[], Any]],
              note: str = "") -> None:
        self.add(size, question, system, timings(calls), note)

    def add(self, size: int, question: str, system: str, times: list[float],
            note: str = "") -> None:
        times = sorted(times)
        self.rows.append(Row(size, question, system, statistics.median(times),
                             times[int(len(times) * 0.9)], note))


def timings(calls: Sequence[Callable[[], Any]]) -> list[float]:
    """Each call's time in milliseconds."""
    times = []
    for call in calls:
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return times


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


def meetings(corpus: world_corpus.Corpus, rng: random.Random) -> list[tuple[str, date]]:
    """(body, day) for question 3: any of the bodies, a day from its instrument's adoption
    to the end of the world (before it, every answer would be empty)."""
    adopted = {i["alias"]: date.fromisoformat(i["adopted"]) for i in corpus.instruments}
    found = []
    for _ in range(SAMPLES):
        body = rng.choice(corpus.bodies)
        since = adopted[body["membership"]["charter"]]
        found.append((body["alias"],
                      since + timedelta(days=rng.randrange((world_corpus.LAST - since).days))))
    return found


def measure(size: int, run: Run, work: Path) -> None:
    """One size: the world generated and written, given to every system, every question
    asked of each, the answers compared, then timed."""
    rng = random.Random(size)
    corpus = world_corpus.generate(size)
    folder = work / f"world-{size}"
    world_corpus.write(corpus, folder)
    entries = world_corpus.items(corpus)
    charts, views = questions(corpus, rng)
    bodies = meetings(corpus, rng)

    # DuckDB: the CSV loaded, the rules evaluated in SQL (question 4), then asked.
    start = time.perf_counter()
    con = world_sql.connect(folder)
    world_sql.rebuild(con)
    duck_rebuild = time.perf_counter() - start

    run.rows.append(Row(size, "4 rebuild", "DuckDB", duck_rebuild * 1000, duck_rebuild * 1000,
                        "load of the CSV and the rules in SQL"))
    # The register on each engine: SQLite always (written in a process of its own, its
    # memory measured), PostgreSQL where a server is given.
    with contextlib.ExitStack() as stack:
        sqlite = f"sqlite:///{folder / 'register.sqlite3'}"
        ledgers = {"SQLite": register_apart(size, run, sqlite, folder)}
        if os.environ.get("DEPOSITARY_TEST_POSTGRES_URL"):
            from storage import postgres_database

            url = stack.enter_context(postgres_database(f"world{size}"))
            ledgers["PostgreSQL"] = register(size, run, "PostgreSQL", entries, url, folder)
        recorded = write_recorded(ledgers["SQLite"], folder)
        versions = {engine: version_times(ledger) for engine, ledger in ledgers.items()}
        audits = audit_questions(corpus, rng, recorded, versions["SQLite"])
        peers = Peers(corpus, entries, con, folder, size, run)
        ask(size, run, ledgers, peers, charts, views)
        ask_members(size, run, ledgers, peers, bodies)
        first_members(size, run, sqlite, folder, bodies[0], ledgers["SQLite"])
        ask_as_recorded(size, run, ledgers, peers, versions, audits, recorded)
        over_http(size, run, sqlite, folder, ledgers["SQLite"], charts, bodies)


def register(size: int, run: Run, engine: str, entries: list[Any], url: str,
             folder: Path, done: Callable[[str], None] = lambda step: None) -> Any:
    """The register on one engine: the normal write path, in batches, then one by one
    (question 5), then the rebuild of its projections (question 4); `done` told after
    each of the two."""
    from depositary.app.settings import Settings

    # The same acts held back on every engine, so that every log holds its entries in
    # the same order (question 6 asks each at the same places).
    held_back = latest_acts(entries, size, HELD_BACK)
    later = {id(e) for e in held_back}
    first = [e for e in entries if id(e) not in later]
    ledger = open_register(Settings(folder, url), load_bundled=False)
    start = time.perf_counter()
    ledger.append_in_batches(first, "benchmark", BATCH)
    batched = time.perf_counter() - start
    # A small world has fewer instruments to draw from: two thirds on disk, the rest not.
    durable = min(ONE_BY_ONE, 2 * len(held_back) // 3)
    start = time.perf_counter()
    for entry in held_back[:durable]:
        ledger.append([entry], "benchmark")
    single = time.perf_counter() - start
    rows = [Row(size, "5 ingest, one by one", f"depositary ({engine})",
                single * 1000 / durable, single * 1000 / durable,
                f"{durable / single:,.0f} acts/s; each commit waits for the disk")]
    if url.startswith("sqlite"):
        rows.append(one_by_one_normal(size, engine, folder, url, held_back[durable:]))
    else:
        for entry in held_back[durable:]:
            ledger.append([entry], "benchmark")
    done("ingest")
    start = time.perf_counter()
    ledger.rebuild()
    rebuild = time.perf_counter() - start
    done("rebuild")
    acts = sum(1 for e in entries if e[0] == "act")
    system = f"depositary ({engine})"
    run.rows += [
        Row(size, "4 rebuild", system, rebuild * 1000, rebuild * 1000,
            "the full engine, every clause family, with reasons"),
        Row(size, "5 ingest, batches of 5,000", system,
            batched * 1000, batched * 1000, f"{(acts - len(held_back)) / batched:,.0f} acts/s"),
        *rows,
    ]
    return ledger


def latest_acts(entries: list[Any], size: int, count: int) -> list[Any]:
    """The acts held back and appended one by one: the latest act of `count` instruments,
    drawn as acts arrive at a depositary (an instrument with more acts, more often), so
    each is received after what its instrument already holds. Not the acts of an
    instrument an amendment reads: an amendment's acceptance, ingested before, may need
    its base's last party."""
    read = {e[2]["clauses"]["entry_into_force"]["all_parties_of"]["instrument"]
            for e in entries if e[0] == "instrument"
            and isinstance(e[2]["clauses"].get("entry_into_force"), dict)
            and "all_parties_of" in e[2]["clauses"]["entry_into_force"]}
    last: dict[str, Any] = {}
    held: Counter[str] = Counter()
    for entry in entries:
        if entry[0] == "act" and entry[2]["instrument"] not in read:
            last[entry[2]["instrument"]] = entry
            held[entry[2]["instrument"]] += 1
    rng = random.Random(size + 1)
    chosen: list[Any] = []
    instruments = sorted(last)
    while len(chosen) < min(count, len(instruments)):
        alias = rng.choices(instruments, weights=[held[a] for a in instruments])[0]
        if last[alias] not in chosen:
            chosen.append(last[alias])
    return chosen


def one_by_one_normal(size: int, engine: str, folder: Path, url: str,
                      held_back: list[Any]) -> Row:
    """Acts appended one by one on SQLite with synchronous=normal (a commit does not wait
    for the disk). The first append opens the new engine's connection: not timed."""
    from depositary.app.settings import Settings

    ledger = open_register(Settings(folder, f"{url}?synchronous=normal"), load_bundled=False)
    ledger.append([held_back[0]], "benchmark")
    start = time.perf_counter()
    for entry in held_back[1:]:
        ledger.append([entry], "benchmark")
    single = (time.perf_counter() - start) / (len(held_back) - 1)
    return Row(size, "5 ingest, one by one", f"depositary ({engine}, synchronous=normal)",
               single * 1000, single * 1000,
               f"{1 / single:,.0f} acts/s; survives a crash of the program, not a power cut")


class Peers:
    """What the other systems hold: the naive way's logs per instrument, DuckDB's tables,
    Oxigraph's store (loaded here, its load times reported)."""

    def __init__(self, corpus: world_corpus.Corpus, entries: list[Any], con: Any,
                 folder: Path, size: int, run: Run) -> None:
        self.con, self.folder = con, folder
        self.people = [e for e in entries if e[0] == "participant"]
        self.by_instrument: dict[str, list[Any]] = {}
        self.bodies: dict[str, tuple[str, Any]] = {}  # body -> (its instrument, its entry)
        current = ""
        for entry in entries:
            if entry[0] == "instrument":
                current = entry[2]["alias"]
            if entry[0] in ("instrument", "act"):
                self.by_instrument.setdefault(current, []).append(entry)
            if entry[0] == "body":
                self.bodies[entry[1]] = (current, entry)
        # An amendment's clause reads the instrument it amends: replayed with it.
        self.bases = {
            i["alias"]: i["clauses"]["entry_into_force"]["all_parties_of"]["instrument"]
            for i in corpus.instruments if corpus.families[i["alias"]] == "amendment"}
        # Oxigraph: the statuses and memberships as Wikidata-style statements.
        self.store, load = oxigraph_store(con)
        run.rows.append(Row(size, "load", "Oxigraph", load * 1000, load * 1000,
                            "statements from DuckDB's statuses"))
        load = oxigraph_memberships(self.store, con)
        run.rows.append(Row(size, "load", "Oxigraph", load * 1000, load * 1000,
                            "membership (P463) statements from DuckDB's statuses"))

    def replayed(self, alias: str, extra: Sequence[Any] = (),
                 kept: Callable[[Any], bool] = lambda entry: True) -> Any:
        """The naive register: the participants, one instrument's log (with the instrument
        it amends) and `extra`, only the entries `kept` says."""
        from depositary.register import Register
        from depositary.register.replay import apply_items

        register = Register()
        base = self.by_instrument[self.bases[alias]] if alias in self.bases else []
        wanted = [e for e in [*base, *self.by_instrument[alias]] if kept(e)]
        apply_items(register, [*self.people, *wanted, *extra], "naive")
        return register

    def naive_chart(self, alias: str, day: date,
                    kept: Callable[[Any], bool] = lambda entry: True) -> list[tuple[str, str]]:
        from depositary.register.queries import status_chart

        return rows_of(status_chart(self.replayed(alias, kept=kept), alias, day))

    def naive_members(self, body: str, day: date) -> list[str]:
        instrument, entry = self.bodies[body]
        register = self.replayed(instrument, [entry])
        return [m.participant for m in register.councils.members(body, day)]


def rows_of(chart: Any) -> list[tuple[str, str]]:
    """A status chart as the systems compare it: (participant, status), by participant."""
    return sorted((r.participant, r.status.value) for r in chart.rows)


def ask(size: int, run: Run, ledgers: dict[str, Any], peers: Peers,
        charts: list[tuple[str, date]], views: list[tuple[str, date]]) -> None:
    """Questions 1 and 2 to every system: the answers compared first, then timed."""
    con, store = peers.con, peers.store

    def charter(ledger: Any) -> Callable[[str, date], list[tuple[str, str]]]:
        def chart(alias: str, day: date) -> list[tuple[str, str]]:
            return rows_of(ledger.status_chart(alias, day))
        return chart

    def viewer(ledger: Any) -> Callable[[str, date], list[str]]:
        def in_force(code: str, day: date) -> list[str]:
            view = ledger.participant_view(code, day)
            return sorted(h.instrument.alias for h in view.in_force)
        return in_force

    chart_by: dict[str, Callable[[str, date], list[tuple[str, str]]]] = {
        **{f"depositary ({engine})": charter(ledger) for engine, ledger in ledgers.items()},
        "naive replay": peers.naive_chart,
        "DuckDB": lambda a, d: world_sql.chart(con, a, d),
        "Oxigraph": lambda a, d: oxigraph_chart(store, a, d),
    }
    view_by: dict[str, Callable[[str, date], list[str]]] = {
        **{f"depositary ({engine})": viewer(ledger) for engine, ledger in ledgers.items()},
        "DuckDB": lambda c, d: world_sql.in_force(con, c, d),
        "Oxigraph": lambda c, d: oxigraph_in_force(store, c, d),
    }
    # The answers first: every system must give the same as the register on SQLite.
    for alias, day in charts:
        answers = {name: found(alias, day) for name, found in chart_by.items()}
        agree(run, f"chart of {alias} on {day}", answers)
    for code, day in views:
        views_of = {name: view(code, day) for name, view in view_by.items()}
        agree(run, f"in force for {code} on {day}", views_of)

    for system, found in chart_by.items():
        run.timed(size, "1 status chart", system,
                  [partial(found, a, d) for a, d in charts])
    for system, view in view_by.items():
        run.timed(size, "2 in force for a participant", system,
                  [partial(view, c, d) for c, d in views])


def ask_members(size: int, run: Run, ledgers: dict[str, Any], peers: Peers,
                bodies: list[tuple[str, date]]) -> None:
    """Question 3, a body's members on a day: through the library (`StoredRegister.members`: the
    body's membership spans computed once per log head and kept, filtered by day), and as
    the JSON API answers it, with the reasons (`register().councils.members`: the register
    replayed once per log head and kept by the process, the membership rule evaluated over
    the charter's statuses on the day)."""

    def lister(ledger: Any) -> Callable[[str, date], list[str]]:
        def members(body: str, day: date) -> list[str]:
            return [code for code, _category in ledger.members(body, day)]
        return members

    def reasoned(ledger: Any) -> Callable[[str, date], list[str]]:
        def members(body: str, day: date) -> list[str]:
            return [m.participant for m in ledger.register().councils.members(body, day)]
        return members

    member_by: dict[str, Callable[[str, date], list[str]]] = {
        **{f"depositary ({engine})": lister(ledger) for engine, ledger in ledgers.items()},
        **{f"depositary ({engine}), with reasons": reasoned(ledger)
           for engine, ledger in ledgers.items()},
        "naive replay": peers.naive_members,
        "DuckDB": lambda b, d: world_sql.members(peers.con, b, d),
        "Oxigraph": lambda b, d: oxigraph_members(peers.store, b, d),
    }
    for body, day in bodies:
        agree(run, f"members of {body} on {day}",
              {name: found(body, day) for name, found in member_by.items()})
    for system, found in member_by.items():
        run.timed(size, "3 members of a body", system,
                  [partial(found, b, d) for b, d in bodies])


def first_members(size: int, run: Run, url: str, folder: Path, question: tuple[str, date],
                  ledger: Any) -> None:
    """Question 3 first asked in a process that has not replayed the log: a web worker
    after another worker or process wrote (the application replays once at start, before
    its first request). The time is taken in that process around the library call alone
    (not the interpreter's start or imports)."""
    body, day = question
    found = child("--first-members", url, str(folder), body, day.isoformat())
    expected = [m.participant for m in ledger.register().councils.members(body, day)]
    agree(run, f"members of {body} on {day}, in a fresh process",
          {"depositary (SQLite)": expected, "fresh process": found["members"]})
    run.add(size, "3 members of a body", "depositary (SQLite), first question in a fresh "
            "process", [found["ms"]], "one question: the whole log replayed first")


def first_members_child(url: str, folder: str, body: str, day: str) -> None:
    from depositary.app.settings import Settings

    ledger = open_register(Settings(Path(folder), url), load_bundled=False)
    start = time.perf_counter()
    members = [m.participant for m in
               ledger.register().councils.members(body, date.fromisoformat(day))]
    ms = (time.perf_counter() - start) * 1000
    print(json.dumps({"ms": ms, "members": members}))


# -- question 6: the register as recorded at a transaction time ------------------------

def write_recorded(ledger: Any, folder: Path) -> dict[tuple[str, str], str]:
    """Each entry's transaction time, from the register's log, written beside the corpus
    for the peers (`recorded.csv`): what the log's export gives anyone."""
    found = {(e.kind, e.key): e.recorded_at for e in ledger.database.entries()}
    with (folder / "recorded.csv").open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["kind", "key", "recorded_at"])
        writer.writerows([kind, key, at] for (kind, key), at in found.items())
    return found


def version_times(ledger: Any) -> list[str]:
    """The transaction times asked about: those of the entries at a third and two thirds
    of the log (whole batches of the ingest) and halfway through the acts appended one by
    one (the last instruments then recorded in part). The same places in every engine's
    log, each with its own times; a place within one transaction counts once."""
    log = ledger.database.entries()
    # Each act appended one by one is two entries (the act, its notification).
    places = (len(log) // 3, 2 * len(log) // 3, len(log) - HELD_BACK)
    return sorted({log[place].recorded_at for place in places})


def audit_questions(corpus: world_corpus.Corpus, rng: random.Random,
                    recorded: dict[tuple[str, str], str],
                    times: list[str]) -> list[tuple[int, str, date]]:
    """(version, instrument, day) for question 6: at each time, first the instruments
    then recorded in part (their chart differs from today's: the day is the world's
    last), then instruments recorded by then, weighted by those acts, any day."""
    found: list[tuple[int, str, date]] = []
    for version, until in enumerate(times):
        held: Counter[str] = Counter()
        pending = set()
        for act in corpus.acts:
            if recorded[("act", act["id"])] <= until:
                held[act["instrument"]] += 1
            else:
                pending.add(act["instrument"])
        share = SAMPLES // len(times)
        picked = [(alias, world_corpus.LAST) for alias in sorted(set(held) & pending)][:share]
        for alias in rng.choices(list(held), weights=list(held.values()), k=share - len(picked)):
            picked.append((alias, date(1960, 1, 1) + timedelta(days=rng.randrange(66 * 365))))
        found += [(version, alias, day) for alias, day in picked]
    return found


def ask_as_recorded(size: int, run: Run, ledgers: dict[str, Any], peers: Peers,
                    versions: dict[str, list[str]], audits: list[tuple[int, str, date]],
                    recorded: dict[tuple[str, str], str]) -> None:
    """Question 6 through the library's as-recorded path, as the web application reads it
    (`Reading.status_chart`: the instrument's entries recorded by T, read through the
    index and replayed, the last one kept per instrument). The first question at each T
    is timed apart, its answer checked with the rest before any time is reported."""
    from depositary.web.reading import Reading

    times = versions["SQLite"]
    load = oxigraph_versions(peers.store, peers.folder, times)
    run.rows.append(Row(size, "load", "Oxigraph", load * 1000, load * 1000,
                        f"{len(times)} recorded versions, each DuckDB's statuses over the "
                        "acts recorded by then, one named graph each"))

    def as_recorded(ledger: Any, engine: str) -> Callable[[int, str, date],
                                                         list[tuple[str, str]]]:
        def chart(version: int, alias: str, day: date) -> list[tuple[str, str]]:
            until = versions[engine][version]
            return rows_of(Reading(ledger, until).status_chart(alias, day, "en"))
        return chart

    def naive(version: int, alias: str, day: date) -> list[tuple[str, str]]:
        until = times[version]
        return peers.naive_chart(alias, day, lambda e: recorded[(e[0], e[1])] <= until)

    chart_by: dict[str, Callable[[int, str, date], list[tuple[str, str]]]] = {
        **{f"depositary ({engine})": as_recorded(ledger, engine)
           for engine, ledger in ledgers.items()},
        "naive replay": naive,
        "Oxigraph": lambda v, a, d: oxigraph_recorded_chart(peers.store, times[v], a, d),
    }
    # The first question at each T, on each engine: timed, its answer kept for the check.
    firsts = {version: (alias, day) for version, alias, day in reversed(audits)}
    first: dict[tuple[str, int], tuple[float, Any]] = {}
    for engine in ledgers:
        for version, (alias, day) in sorted(firsts.items()):
            start = time.perf_counter()
            answer = chart_by[f"depositary ({engine})"](version, alias, day)
            first[engine, version] = ((time.perf_counter() - start) * 1000, answer)
    for version, alias, day in audits:
        answers = {name: found(version, alias, day) for name, found in chart_by.items()}
        if firsts[version] == (alias, day):
            answers |= {f"depositary ({engine}), first at T": first[engine, version][1]
                        for engine in ledgers}
        agree(run, f"chart of {alias} on {day} as recorded at {times[version]}", answers)

    question = "6 status chart as recorded at T"
    for system, found in chart_by.items():
        run.timed(size, question, system,
                  [partial(found, v, a, d) for v, a, d in audits],
                  "each question finds where the log stood at T (an index probe) and "
                  "replays the instrument's entries recorded by then"
                  if system.startswith("depositary") else "")
    for engine in ledgers:
        cold = [ms for (e, _), (ms, _answer) in first.items() if e == engine]
        run.add(size, question, f"depositary ({engine}), first question at a T", cold,
                f"{len(cold)} questions, one per T")


# -- question 1 (and 3) through the HTTP API ------------------------------------------

def over_http(size: int, run: Run, url: str, folder: Path, ledger: Any,
              charts: list[tuple[str, date]], bodies: list[tuple[str, date]]) -> None:
    """The status chart from the real web application over the benchmark's SQLite file:
    each chart asked once (a fresh answer: for an instrument the worker has not charted
    yet, its projection read from the database first), then each instrument on the next
    day (a fresh answer from the projection the worker keeps), then each first chart again
    (the answer the application keeps until the log moves). A body's members asked once.
    Every answer the library's."""
    import httpx2

    next_days = [(alias, day + timedelta(days=1)) for alias, day in charts]
    passes = (
        ("first asked", charts, "a fresh answer; the instrument's projection read from the "
         "database the first time the worker charts it"),
        ("first asked, another day", next_days, "a fresh answer from the projection the "
         "worker keeps: the day after"),
        ("asked again", charts, "the answer the application keeps until the log moves"),
    )
    with serving(url, folder) as base, httpx2.Client(base_url=base, timeout=120) as client:
        # One chart outside the sample first: the worker's first request of a kind
        # imports and sets up what the rest reuse.
        client.get(f"/api/instruments/{charts[0][0]}/status", params={"as_of": "1950-01-01"})
        for name, asking, note in passes:
            times, answers = asked(client, [
                (f"/api/instruments/{alias}/status", day) for alias, day in asking])
            for (alias, day), answer in zip(asking, answers, strict=True):
                api = sorted((p["participant"], p["status"]) for p in answer["participants"])
                agree(run, f"chart of {alias} on {day} by HTTP, {name}",
                      {"depositary (SQLite)": rows_of(ledger.status_chart(alias, day)),
                       "HTTP API": api})
            run.add(size, "1 status chart", f"depositary HTTP API (SQLite), {name}", times,
                    note)
        times, answers = asked(client, [(f"/api/bodies/{body}/members", day)
                                        for body, day in bodies])
        for (body, day), answer in zip(bodies, answers, strict=True):
            agree(run, f"members of {body} on {day} by HTTP", {
                "depositary (SQLite)": [m.participant for m in
                                        ledger.register().councils.members(body, day)],
                "HTTP API": [m["participant"] for m in answer["members"]]})
        run.add(size, "3 members of a body", "depositary HTTP API (SQLite), first asked",
                times, "a fresh answer, from the register the worker replayed at start")


def asked(client: Any, questions: list[tuple[str, date]]) -> tuple[list[float], list[Any]]:
    """Each GET's time (ms, the JSON read) and its parsed answer."""
    times, answers = [], []
    for path, day in questions:
        start = time.perf_counter()
        response = client.get(path, params={"as_of": day.isoformat()})
        response.raise_for_status()
        answers.append(response.json())
        times.append((time.perf_counter() - start) * 1000)
    return times, answers


@contextlib.contextmanager
def serving(url: str, folder: Path) -> Iterator[str]:
    """The web application as it is deployed (uvicorn, the app factory, the database by
    DEPOSITARY_DATABASE_URL) on a free port; its base URL once it answers; always
    stopped."""
    import httpx2

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    home = folder / "web-home"
    home.mkdir(exist_ok=True)
    env = dict(os.environ, DEPOSITARY_DATABASE_URL=url, DEPOSITARY_HOME=str(home),
               DEPOSITARY_SECRET_KEY="benchmark")
    log = (folder / "web.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "depositary.web.app:create_app", "--factory",
         "--host", "127.0.0.1", "--port", str(port), "--workers", "1",
         "--log-level", "warning"], env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + SERVER_START
        while True:
            with contextlib.suppress(httpx2.TransportError):
                if httpx2.get(f"{base}/static/site.css", timeout=2).status_code == 200:
                    break
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("the web application did not start: "
                                 + (folder / "web.log").read_text(errors="replace")[-2000:])
            time.sleep(0.2)
        yield base
    finally:
        from storage import stop

        stop(server)
        log.close()


# -- peak memory ------------------------------------------------------------------------

def child(*args: str) -> Any:
    """Run this benchmark's own child process; what it printed last, as JSON."""
    done = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True,
                          cwd=ROOT)
    if done.returncode != 0:
        raise SystemExit(f"the child process {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.splitlines()[-1])


def peak() -> int:
    """This process's peak resident memory so far, in bytes. On Linux the memory map's own
    high-water mark: getrusage's ru_maxrss survives exec, so in a child it would start at
    the size of the parent it was forked from."""
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    import resource

    found = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # bytes on macOS
    return int(found if sys.platform == "darwin" else found * 1024)


def register_apart(size: int, run: Run, url: str, folder: Path) -> Any:
    """The register on SQLite, written and asked every question once by a process of its
    own (`register_child`): its ingest and rebuild rows, and its peak memory after each
    step. The ledger returned reads the file it wrote, from a process that has not
    replayed its log."""
    from depositary.app.settings import Settings

    found = child("--register-of", str(size), str(folder))
    run.rows += [Row(**row) for row in found["rows"]]
    run.memory.append(Memory(size, found["peaks"]))
    return open_register(Settings(folder, url), load_bundled=False)


def register_child(size: int, folder: Path) -> None:
    """Generate the world (the same as the parent's: the same seed), then ingest, rebuild
    and ask the register every question of the benchmark once, as the parent will; print
    the rows of ingest and rebuild and the peak memory so far after each step."""
    from depositary.web.reading import Reading

    peaks = {"start and imports": peak()}
    rng = random.Random(size)
    corpus = world_corpus.generate(size)
    entries = world_corpus.items(corpus)
    charts, views = questions(corpus, rng)
    bodies = meetings(corpus, rng)
    peaks["the corpus generated"] = peak()
    run = Run()
    ledger = register(size, run, "SQLite", entries, f"sqlite:///{folder / 'register.sqlite3'}",
                      folder, lambda step: peaks.update({step: peak()}))
    for alias, day in charts:
        ledger.status_chart(alias, day)
    for code, day in views:
        ledger.participant_view(code, day)
    for body, day in bodies:
        ledger.members(body, day)
        ledger.register().councils.members(body, day)
    peaks["questions 1 to 3"] = peak()
    times = version_times(ledger)
    recorded = {(e.kind, e.key): e.recorded_at for e in ledger.database.entries()}
    for version, alias, day in audit_questions(corpus, rng, recorded, times):
        Reading(ledger, times[version]).status_chart(alias, day, "en")
    peaks["question 6"] = peak()
    print(json.dumps({"rows": [asdict(row) for row in run.rows], "peaks": peaks}))


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
    store = ox.Store()
    store.bulk_load(_participations(con, "s").encode(), format=ox.RdfFormat.N_TRIPLES)
    return store, time.perf_counter() - start


XSD_DATE = "^^<http://www.w3.org/2001/XMLSchema#date>"


def _participations(con: Any, prefix: str) -> str:
    """DuckDB's statuses as P710 statements, in N-Triples; statement nodes named with
    `prefix` (unique across the versions of the register)."""
    return statements(con.execute('SELECT instrument, participant, status, start, "end" '
                                  "FROM statuses").fetchall(), prefix)


def statements(rows: Sequence[tuple[Any, ...]], prefix: str) -> str:
    """(instrument, participant, status, start, end) rows as P710 statements in
    N-Triples, a qualifier left out where the period is open on that side."""
    lines = []
    for n, (instrument, participant, status, begin, end) in enumerate(rows):
        node = f"<{WD}statement/{prefix}{n}>"
        lines.append(f"<{WD}{instrument}> <{P}{PARTICIPANT}> {node} .")
        lines.append(f"{node} <{P}statement/{PARTICIPANT}> <{WD}{participant}> .")
        lines.append(f"{node} <{P}qualifier/{ROLE}> <{WD}{status}> .")
        if begin is not None:
            lines.append(f'{node} <{P}qualifier/{START}> "{begin}"{XSD_DATE} .')
        if end is not None:
            lines.append(f'{node} <{P}qualifier/{END}> "{end}"{XSD_DATE} .')
    return "\n".join(lines)


MEMBER_OF = "P463"
MODIFIED = "http://schema.org/dateModified"  # Wikidata's RDF: an item's last revision


def oxigraph_memberships(store: Any, con: Any) -> float:
    """Each state's membership of a body as Wikidata states it: the state `p:P463` a
    statement whose value is the body, with start (P580) and end (P582) qualifiers, one
    statement per unbroken period as a party (party, then withdrawing, is one period)."""
    import pyoxigraph as ox

    start = time.perf_counter()
    rows = con.execute(
        'SELECT b.alias, s.participant, s.start, s."end" FROM statuses s JOIN bodies b '
        "ON b.instrument = s.instrument WHERE s.status IN ('party', 'withdrawing') "
        "ORDER BY 1, 2, 3").fetchall()
    periods: list[list[Any]] = []
    for body, participant, begin, end in rows:
        last = periods[-1] if periods else None
        if last is not None and last[:2] == [body, participant] and last[3] == begin:
            last[3] = end
        else:
            periods.append([body, participant, begin, end])
    lines = []
    for n, (body, participant, begin, end) in enumerate(periods):
        node = f"<{WD}statement/m{n}>"
        lines.append(f"<{WD}{participant}> <{P}{MEMBER_OF}> {node} .")
        lines.append(f"{node} <{P}statement/{MEMBER_OF}> <{WD}{body}> .")
        lines.append(f'{node} <{P}qualifier/{START}> "{begin}"{XSD_DATE} .')
        if end is not None:
            lines.append(f'{node} <{P}qualifier/{END}> "{end}"{XSD_DATE} .')
    store.bulk_load("\n".join(lines).encode(), format=ox.RdfFormat.N_TRIPLES)
    return time.perf_counter() - start


def oxigraph_versions(store: Any, folder: Path, times: list[str]) -> float:
    """The register as recorded at each time: DuckDB's statuses over the acts recorded by
    then, as P710 statements in a named graph of their own, dated by a schema:dateModified
    triple in the default graph."""
    import pyoxigraph as ox

    start = time.perf_counter()
    for version, until in enumerate(times):
        con = world_sql.connect(folder, recorded_until=until)
        world_sql.rebuild(con)
        graph = f"{WD}version/{version}"
        store.bulk_load(_participations(con, f"v{version}-").encode(),
                        format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(graph))
        store.add(ox.Quad(ox.NamedNode(graph), ox.NamedNode(MODIFIED),
                          ox.Literal(until, datatype=ox.NamedNode(
                              "http://www.w3.org/2001/XMLSchema#dateTime"))))
        con.close()
    return time.perf_counter() - start


def _holding(day: date, open_start: bool = False) -> str:
    """The statement ?s holds on `day`: begun by then and not ended (with `open_start`,
    a statement without a start counts as begun: a real corpus does not always know)."""
    on = f'"{day}"^^xsd:date'
    if open_start:
        return (f"OPTIONAL {{ ?s pq:{START} ?start }} OPTIONAL {{ ?s pq:{END} ?end }} "
                f"FILTER((!BOUND(?start) || ?start <= {on}) && (!BOUND(?end) || ?end > {on}))")
    return (f"?s pq:{START} ?start . OPTIONAL {{ ?s pq:{END} ?end }} "
            f"FILTER(?start <= {on} && (!BOUND(?end) || ?end > {on}))")


def _chart_pattern(instrument: str, day: date, open_start: bool = False) -> str:
    return (f"<{WD}{instrument}> p:{PARTICIPANT} ?s . "
            f"?s ps:{PARTICIPANT} ?participant ; pq:{ROLE} ?role . "
            + _holding(day, open_start))


def _chart_rows(store: Any, query: str) -> list[tuple[str, str]]:
    return sorted((_local(row["participant"]), _local(row["role"]))
                  for row in store.query(PREFIXES + query))


def oxigraph_chart(store: Any, instrument: str, day: date,
                   open_start: bool = False) -> list[tuple[str, str]]:
    return _chart_rows(store, "SELECT ?participant ?role WHERE { "
                       + _chart_pattern(instrument, day, open_start) + " }")


def oxigraph_in_force(store: Any, participant: str, day: date,
                      open_start: bool = False) -> list[str]:
    query = PREFIXES + f"""
        SELECT ?instrument WHERE {{
          ?s ps:{PARTICIPANT} <{WD}{participant}> ; pq:{ROLE} ?role .
          ?instrument p:{PARTICIPANT} ?s .
          FILTER(?role IN (wd:party, wd:withdrawing))
          {_holding(day, open_start)}
        }}"""
    return sorted(_local(row["instrument"]) for row in store.query(query))


def oxigraph_members(store: Any, body: str, day: date) -> list[str]:
    query = PREFIXES + f"""
        SELECT DISTINCT ?member WHERE {{
          ?member p:{MEMBER_OF} ?s .
          ?s ps:{MEMBER_OF} <{WD}{body}> .
          {_holding(day)}
        }}"""
    return sorted(_local(row["member"]) for row in store.query(query))


def oxigraph_recorded_chart(store: Any, until: str, instrument: str,
                            day: date) -> list[tuple[str, str]]:
    """The chart in the version current at `until`: the latest one dated no later."""
    return _chart_rows(store, f"""
        SELECT ?participant ?role WHERE {{
          {{ SELECT ?version WHERE {{
               ?version <{MODIFIED}> ?modified .
               FILTER(?modified <= "{until}"^^xsd:dateTime)
             }} ORDER BY DESC(?modified) LIMIT 1 }}
          GRAPH ?version {{ {_chart_pattern(instrument, day)} }}
        }}""")


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
             "their acts, days from 1960 to 2025; a body's members on a day after its "
             "instrument's adoption; as recorded at T, the instruments then recorded in "
             "part first) unless the note says otherwise; 'vs depositary' is a system's "
             "time as a multiple of the register's through the library on SQLite (above "
             "1: slower than it). Reads go through the library as the web application "
             "reads: charts and participants' views from the projections, each parsed once "
             "per log head and kept; a body's members from its membership spans, computed "
             "once per log head and kept (with reasons: from the register replayed once per "
             "log head); as recorded at T, the instrument's entries recorded by T read "
             "through the index and replayed.", ""]
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
    return lines + memory_report(run.memory)


def memory_report(found: list[Memory]) -> list[str]:
    """The peaks of the register's work per size, against the issue's ceiling."""
    if not found:
        return []
    steps = list(found[0].peaks)
    lines = ["## memory", "", "Peak resident memory (MiB) of the process that writes the "
             "register on SQLite: it generates the corpus, ingests it (batches, then one by "
             "one), rebuilds the projections and asks every question of this benchmark once "
             "(questions 1 to 3, then 6, as the web application reads); each figure the "
             "peak so far (the kernel's high-water mark); "
             f"the issue's target: under {TARGET_MEMORY / 1024 ** 2:,.0f} MiB for the whole "
             "synthetic corpus.", "",
             "| acts | " + " | ".join(f"after {step}" for step in steps) + " | under 2 GB |",
             "|---:|" + "---:|" * len(steps) + "---|"]
    for memory in found:
        peaks = [memory.peaks[step] for step in steps]
        lines.append(f"| {memory.size:,} | " + " | ".join(
            f"{peak / 1024 ** 2:,.0f}" for peak in peaks)
            + f" | {'yes' if max(peaks) < TARGET_MEMORY else 'no'} |")
    return [*lines, ""]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--sizes", default="")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "RESULTS.md")
    parser.add_argument("--also", type=Path, action="append", default=[],
                        help="the measurements of an earlier run (the .json written beside "
                        "its report) to report with this one's: a large size run apart")
    parser.add_argument("--skip-ieadb", action="store_true",
                        help="leave out the IEADB (measured in the run given with --also)")
    # The benchmark's own child processes: a fresh one asking a body's members, and the
    # one writing the register on SQLite, its memory measured.
    parser.add_argument("--first-members", nargs=4, help=argparse.SUPPRESS)
    parser.add_argument("--register-of", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.first_members:
        first_members_child(*args.first_members)
        return
    if args.register_of:
        register_child(int(args.register_of[0]), Path(args.register_of[1]))
        return
    sizes = [int(s) for s in args.sizes.split(",") if s] or (
        [2_000, 10_000] if args.quick else [10_000, 100_000])
    run = Run()
    with tempfile.TemporaryDirectory() as work:
        for size in sizes:
            print(f"world: {size:,} acts", file=sys.stderr)
            measure(size, run, Path(work))
        real = 0
        if not args.skip_ieadb:
            print("world: the IEADB", file=sys.stderr)
            real = world_ieadb.measure_ieadb(run, Path(work), limit=300 if args.quick else None)
    args.out.with_suffix(".json").write_text(json.dumps(
        {"sizes": sizes, "rows": [asdict(r) for r in run.rows], "checks": run.checks,
         "memory": [asdict(m) for m in run.memory]}), encoding="utf-8")
    this_run = list(sizes)
    for earlier in args.also:
        found = json.loads(earlier.read_text(encoding="utf-8"))
        sizes = sorted({*sizes, *found["sizes"]})
        run.rows[:0] = [Row(**row) for row in found["rows"]]
        run.checks[:0] = found["checks"]
        run.memory[:0] = [Memory(**m) for m in found["memory"]]
    run.rows.sort(key=lambda r: (r.question, r.size))
    run.memory.sort(key=lambda m: m.size)
    lines = report(run, sizes, args.quick)
    if args.also:
        at = lines.index("", 1 + lines.index(next(x for x in lines if x.startswith("- command"))))
        lines[at:at] = [f"- measured in more than one run of the same code (this one: --sizes "
                        f"{','.join(map(str, this_run))}; the others given with --also)"]
    if len(sizes) > 1:
        # The growth chart after the preamble: how each question's time grows with size.
        chart = world_chart.write_growth_chart(  # the questions: not the peers' loads
            [r for r in run.rows if r.question[0].isdigit()],
            args.out.with_name(args.out.stem + "-growth.svg"))
        at = next(n for n, line in enumerate(lines) if line.startswith("## "))
        lines[at:at] = ["## cost growth", "", chart, ""]
    if real or args.also:
        lines += [world_ieadb.CITATION, ""]
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
