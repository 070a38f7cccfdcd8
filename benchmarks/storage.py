"""Storage benchmark: the IEADB imported through the full write path (examination, hash
chain, projections) into SQLite and PostgreSQL, then rebuild, verify and a replay; beside
it, in the same run, a peer: the same entries inserted raw into SQLite with no engine.

    python benchmarks/storage.py [--quick] [--out benchmarks/RESULTS-storage.md]

Each engine is measured in a process of its own, so its peak memory is its own. Needs the
real data (DEPOSITARY_REAL_DATA, default ../shared/data) and, for PostgreSQL,
DEPOSITARY_TEST_POSTGRES_URL (an administrator's URL; a database is created and dropped).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

from depositary.bootstrap import open_register

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("DEPOSITARY_REAL_DATA", ROOT.parent / "shared" / "data"))
ADMIN = os.environ.get(
    "DEPOSITARY_TEST_POSTGRES_URL", "postgresql+psycopg://root@127.0.0.1:5432/postgres"
)


def measure(url: str, quick: bool) -> dict[str, float]:
    """Run inside a child process: import, rebuild, verify, replay; times in seconds."""
    from depositary.app.imports import plan_ieadb
    from depositary.app.settings import Settings
    from depositary.formats import ieadb

    reading = ieadb.read(DATA / "ieadb")
    if quick:
        keep = sorted(reading.agreements, key=int)[:300]
        reading.agreements = {k: reading.agreements[k] for k in keep}
    ledger = open_register(Settings(Path(tempfile.mkdtemp()), url), load_bundled=False)
    started = time.perf_counter()
    plan = plan_ieadb(reading, ledger.register())
    planned = time.perf_counter()
    ledger.append_in_batches(plan.items, "benchmark", 5000)
    imported = time.perf_counter()
    ledger.rebuild()
    rebuilt = time.perf_counter()
    assert ledger.verify().ok
    verified = time.perf_counter()
    ledger.memory.forget()
    ledger.register()
    replayed = time.perf_counter()
    acts = sum(1 for kind, _, _ in plan.items if kind == "act")
    return {
        "entries": len(plan.items), "acts": acts, "refused": len(plan.refused),
        "screen_s": planned - started, "append_s": imported - planned,
        "import_s": imported - started, "rebuild_s": rebuilt - imported,
        "verify_s": verified - rebuilt, "replay_s": replayed - verified,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def reads(url: str) -> dict[str, float]:
    """Run inside a fresh child process, as a server would read the imported register:
    the agreement with the most acts (in the full data, the Paris Agreement) and
    everything for France, on a day that agreement is in force. Every read comes from
    the projections: the replayed register is dropped before each. "Cold" also drops the
    memos of parsed instruments and participants; "warm" keeps them (a server's steady
    state). Medians in milliseconds."""
    from statistics import median

    from sqlalchemy import func, select

    from depositary.app.settings import Settings
    from depositary.store.schema import participations

    ledger = open_register(Settings(Path(tempfile.mkdtemp()), url), load_bundled=False)
    with ledger.database.engine.connect() as connection:
        biggest = connection.execute(
            select(participations.c.instrument).group_by(participations.c.instrument)
            .order_by(func.count().desc()).limit(1)
        ).scalar_one()
    day = date(2020, 1, 1)

    def timed(read: Callable[[], object], cold: bool) -> float:
        read()  # compile the statements once, as any server has
        runs = []
        for _ in range(41):
            ledger.memory.forget(parsed=cold)
            start = time.perf_counter()
            read()
            runs.append(time.perf_counter() - start)
        return median(runs) * 1000

    def chart() -> object:
        return ledger.status_chart(biggest, day)

    def in_force() -> object:
        return ledger.participant_view("FRA", day)

    return {
        "chart_cold": timed(chart, True), "chart_warm": timed(chart, False),
        "in_force_cold": timed(in_force, True), "in_force_warm": timed(in_force, False),
    }


def peer(url_path: Path, quick: bool) -> dict[str, float]:
    """The same payloads inserted raw with sqlite3: no examination, no chain, no projection."""
    from depositary.app.imports import plan_ieadb
    from depositary.formats import ieadb
    from depositary.register import Register

    reading = ieadb.read(DATA / "ieadb")
    if quick:
        keep = sorted(reading.agreements, key=int)[:300]
        reading.agreements = {k: reading.agreements[k] for k in keep}
    plan = plan_ieadb(reading, Register())
    started = time.perf_counter()
    connection = sqlite3.connect(url_path)
    connection.execute("CREATE TABLE entries (seq INTEGER PRIMARY KEY, kind, key, payload)")
    connection.executemany(
        "INSERT INTO entries VALUES (?, ?, ?, ?)",
        [(n, k, key, json.dumps(p)) for n, (k, key, p) in enumerate(plan.items, start=1)],
    )
    connection.commit()
    return {"entries": len(plan.items), "import_s": time.perf_counter() - started}


def child(kind: str, target: str, quick: bool) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, target] + (["--quick"] if quick else []),
        capture_output=True, text=True, check=True, cwd=ROOT,
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def stop(server: subprocess.Popen[bytes]) -> None:
    """Stop a server the benchmarks started: asked first, killed if it does not go."""
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


@contextmanager
def postgres_database(purpose: str) -> Iterator[str]:
    """A fresh PostgreSQL database for one measurement, dropped afterwards (its URL)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"depositary_{purpose}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(ADMIN).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as c:
            c.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                           "WHERE datname = :n"), {"n": name})
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))


def machine() -> list[str]:
    import sqlalchemy
    from sqlalchemy import create_engine, text

    try:
        with create_engine(ADMIN).connect() as c:
            pg = c.execute(text("SHOW server_version")).scalar()
    except Exception as error:  # report, do not fail, where PostgreSQL is absent
        pg = f"unavailable ({type(error).__name__})"
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return [
        f"- date: {datetime.now(UTC).isoformat(timespec='seconds')}",
        f"- machine: {platform.machine()}, {os.cpu_count()} cores, {memory:.1f} GiB",
        f"- Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
        f"PostgreSQL {pg}, SQLAlchemy {sqlalchemy.__version__}",
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "RESULTS-storage.md")
    parser.add_argument("--child", nargs=2)
    args = parser.parse_args()
    if args.child:
        kind, target = args.child
        result = (
            peer(Path(target), args.quick) if kind == "peer"
            else reads(target) if kind == "reads" else measure(target, args.quick)
        )
        print(json.dumps(result))
        return
    if not (DATA / "ieadb").is_dir():
        sys.exit(f"no IEADB at {DATA / 'ieadb'}: set DEPOSITARY_REAL_DATA")
    work = Path(tempfile.mkdtemp())
    sqlite_url = f"sqlite:///{work / 'bench.sqlite3'}"
    rows = {"SQLite": child("measure", sqlite_url, args.quick) | child("reads", sqlite_url, False)}
    with postgres_database("bench") as url:
        rows["PostgreSQL"] = child("measure", url, args.quick) | child("reads", url, False)
    raw = child("peer", str(work / "peer.sqlite3"), args.quick)
    lines = [
        "# Storage benchmark" + (" (quick: 300 agreements)" if args.quick else ""),
        "",
        *machine(),
        "- command: `python benchmarks/storage.py" + (" --quick" if args.quick else "") + "`",
        "",
        "The IEADB through the full write path: screening by the engine, entries chained and",
        "inserted in batches of 5,000, projections written; then a rebuild, a verify and a",
        "replay of the whole log. Reads, in a fresh process as a server would make them, from",
        "the projections, median of 41: the status chart of the agreement with the most",
        "participants (in the full data the Paris Agreement) and everything binding France,",
        "on 2020-01-01; cold = memos of parsed instruments and participants dropped before",
        "each read, warm = kept (a server's steady state).",
        "Peer, same run: the same entries inserted raw by sqlite3.",
        "",
        "| engine | entries | acts | refused | import s | acts/s | rebuild s | verify s |"
        " replay s | peak MB | chart ms cold / warm | in force for X ms cold / warm |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for engine, r in rows.items():
        lines.append(
            f"| {engine} | {r['entries']:.0f} | {r['acts']:.0f} | {r['refused']:.0f} | "
            f"{r['import_s']:.1f} | {r['acts'] / r['import_s']:.0f} | {r['rebuild_s']:.1f} | "
            f"{r['verify_s']:.1f} | {r['replay_s']:.1f} | {r['peak_mb']:.0f} | "
            f"{r['chart_cold']:.1f} / {r['chart_warm']:.1f} | "
            f"{r['in_force_cold']:.1f} / {r['in_force_warm']:.1f} |"
        )
    sqlite_import = rows["SQLite"]["import_s"]
    lines += [
        "",
        f"Peer (raw sqlite3 insert of the same {raw['entries']:.0f} entries, no examination,"
        f" no chain): {raw['import_s']:.2f} s; the full write path on SQLite takes "
        f"{sqlite_import / raw['import_s']:.0f}x as long.",
    ]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
