"""Single appends at world scale (issue 18, item 2): the synthetic world of
world_corpus.py ingested in batches, then acts appended one transaction each, as a
depositary receives them (the latest act of an instrument drawn by its acts, as
benchmarks/world.py draws them), each examined, chained, notified, projected and
checkpointed; median, p90 and p99 of each append, and acts per second.

    python benchmarks/appends.py [--quick] [--sizes 10000,100000] [--out FILE]
    python benchmarks/appends.py --sizes 1000000 --engines sqlite --out /tmp/big.md
    python benchmarks/appends.py --also /tmp/big.json     # one report of both runs

On SQLite as configured by default (each commit waits for the disk) and with
synchronous=normal, and on PostgreSQL where DEPOSITARY_TEST_POSTGRES_URL gives an
administrator's URL (a database is created and dropped). The peer, measured in the same
run on the same acts: each append re-evaluating its whole instrument and writing every row
of its projection, as every append did before issue 18 (the register's `_invalidate`
forgetting the evaluation instead of keeping it aside for the engine).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from depositary.app.settings import Settings
from depositary.bootstrap import open_register
from depositary.register.register import Register

BENCHMARKS = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCHMARKS))

import world_corpus  # noqa: E402
from storage import ADMIN, machine, postgres_database  # noqa: E402
from world import latest_acts  # noqa: E402

APPENDS = 300  # acts appended one transaction each, after one not timed
BATCH = 5000
PEER = "every participant re-evaluated (before issue 18)"
ENGINES = {"SQLite": "sqlite", "SQLite, synchronous=normal": "normal",
           "PostgreSQL": "postgresql"}


@contextlib.contextmanager
def whole_instruments() -> Iterator[None]:
    """The peer: an act forgets its instrument's evaluation, so the next evaluates every
    participant and the append writes every row of the instrument."""
    kept = Register._invalidate

    def forget(self: Register, instrument_id: str, participant: str) -> None:
        for key in self.dependants(instrument_id):
            self._evaluations.forget(key)
            self._outdated.forget(key)

    Register._invalidate = forget  # type: ignore[method-assign]
    try:
        yield
    finally:
        Register._invalidate = kept  # type: ignore[method-assign]


def appended(url: str, folder: Path, first: list[Any], held: list[Any]) -> list[float]:
    """Seconds per append of `held` after `first` ingested in batches."""
    ledger = open_register(Settings(folder, url), load_bundled=False)
    ledger.append_in_batches(first, "benchmark", BATCH)
    ledger.append([held[0]], "benchmark")  # the connection opened, the replay kept
    times = []
    for entry in held[1:]:
        start = time.perf_counter()
        ledger.append([entry], "benchmark")
        times.append(time.perf_counter() - start)
    assert ledger.verify().projection_mismatch is None
    return times


def row(size: int, system: str, times: list[float], peer: list[float] | None) -> str:
    ordered = sorted(times)
    p90, p99 = (ordered[min(len(ordered) - 1, int(q * len(ordered)))] for q in (0.9, 0.99))
    ratio = f"{statistics.median(peer) / statistics.median(times):.1f}x" if peer else ""
    return (f"| {size:,} | {system} | {statistics.median(times) * 1000:.2f} | "
            f"{p90 * 1000:.2f} | {p99 * 1000:.2f} | {len(times) / sum(times):,.0f} | {ratio} |")


def measure(size: int, work: Path, only: set[str]) -> list[str]:
    entries = world_corpus.items(world_corpus.generate(size))
    held = latest_acts(entries, size, APPENDS + 1)
    later = {id(e) for e in held}
    first = [e for e in entries if id(e) not in later]
    engines = {"SQLite": "sqlite:///{folder}/register.sqlite3",
               "SQLite, synchronous=normal":
                   "sqlite:///{folder}/register.sqlite3?synchronous=normal"}
    rows = []
    with contextlib.ExitStack() as stack:
        if os.environ.get("DEPOSITARY_TEST_POSTGRES_URL"):
            engines["PostgreSQL"] = "{postgres}"
        for engine, template in engines.items():
            if ENGINES[engine] not in only:
                continue
            found: dict[str, list[float]] = {}
            for path in (PEER, "depositary"):
                folder = Path(tempfile.mkdtemp(dir=work))
                postgres = (stack.enter_context(postgres_database(f"appends{size}"))
                            if engine == "PostgreSQL" else "")
                url = template.format(folder=folder, postgres=postgres)
                print(f"appends: {size:,} acts, {engine}, {path}", file=sys.stderr)
                with whole_instruments() if path == PEER else contextlib.nullcontext():
                    found[path] = appended(url, folder, first, held)
            rows.append(row(size, f"{engine}: {PEER}", found[PEER], None))
            rows.append(row(size, f"{engine}: depositary", found["depositary"], found[PEER]))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--sizes", default="")
    parser.add_argument("--out", type=Path, default=BENCHMARKS / "RESULTS-appends.md")
    parser.add_argument("--engines", default=",".join(ENGINES.values()),
                        help="of sqlite, normal (synchronous=normal), postgresql")
    parser.add_argument("--also", type=Path, action="append", default=[],
                        help="the rows of an earlier run (the .json written beside its "
                        "report) to report with this one's: a large size run apart")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s] or (
        [2_000] if args.quick else [10_000, 100_000])
    postgres = (f"a database made on {ADMIN.rsplit('@', 1)[-1]}"
                if os.environ.get("DEPOSITARY_TEST_POSTGRES_URL")
                else "not measured (DEPOSITARY_TEST_POSTGRES_URL unset)")
    lines = ["# Single appends", "", *machine(),
             f"- command: `python benchmarks/appends.py{' --quick' if args.quick else ''}"
             f"{' --sizes ' + args.sizes if args.sizes else ''}"
             f"{' --engines ' + args.engines if '--engines' in sys.argv else ''}"
             f"{''.join(' --also ' + str(p) for p in args.also)}`",
             f"- PostgreSQL: {postgres}",
             "", (__doc__ or "").split("\n\n")[0].replace("\n", " "), "",
             f"{APPENDS} acts appended one transaction each; the target of issue 18: at least "
             "300 acts per second on SQLite, p99 under 20 ms. The peer, in the same run on the "
             f"same acts: {PEER}.", "",
             "| acts | system | median ms | p90 ms | p99 ms | acts/s | the peer's median / this |",
             "|---:|---|---:|---:|---:|---:|---|"]
    rows: list[str] = []
    with tempfile.TemporaryDirectory() as work:
        for size in sizes:
            rows += measure(size, Path(work), set(args.engines.split(",")))
    args.out.with_suffix(".json").write_text(json.dumps({"rows": rows}), encoding="utf-8")
    for earlier in args.also:
        rows += json.loads(earlier.read_text(encoding="utf-8"))["rows"]
        lines.insert(lines.index("", 2), f"- with the rows of an earlier run of the same "
                     f"code: {earlier.name}")
    rows.sort(key=lambda line: int(line.split("|")[1].replace(",", "")))  # by size, stable
    lines += rows
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
