"""Web benchmark: the application served by uvicorn (two workers) in one process, loaded
by wrk (Debian's `wrk`, `apt-get install wrk`) from another over the loopback: median and
99th-percentile latency and throughput for the home page, an instrument page and the
status-chart API, on SQLite and PostgreSQL, with the bundled register and with the IEADB
imported; beside them, in the same run, a peer: a static file served by the same server.

    python benchmarks/web.py [--quick] [--out benchmarks/RESULTS-web.md]

--quick: 3 s per target and 300 IEADB agreements instead of 15 s and all of them. Needs
the real data (DEPOSITARY_REAL_DATA) for the IEADB half and, for PostgreSQL,
DEPOSITARY_TEST_POSTGRES_URL (an administrator's URL; a database is created and dropped).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from storage import DATA, machine, postgres_database, stop  # noqa: E402  (the storage benchmark's)

from depositary.bootstrap import open_register  # noqa: E402

CLIENTS = 50
DAY = "2000-01-01"


def prepare(url: str, ieadb: bool, quick: bool) -> str:
    """The register in `url`: the bundled one, and the IEADB if asked. Returns the alias
    of the instrument whose chart is measured."""
    from depositary.app.imports import plan_ieadb
    from depositary.app.settings import Settings
    from depositary.formats import ieadb as reader

    ledger = open_register(Settings(Path(tempfile.mkdtemp()), url))
    if not ieadb:
        return "cis-charter"
    reading = reader.read(DATA / "ieadb")
    if quick:
        keep = sorted(reading.agreements, key=int)[:300]
        reading.agreements = {k: reading.agreements[k] for k in keep}
    ledger.append_in_batches(plan_ieadb(reading, ledger.register()).items, "benchmark", 5000)
    biggest = max(reading.agreements.values(), key=lambda a: len(a.acts))
    return f"ieadb-{biggest.id}"


def serve(url: str, port: int) -> subprocess.Popen[bytes]:
    env = dict(os.environ, DEPOSITARY_DATABASE_URL=url, DEPOSITARY_HOME=tempfile.mkdtemp(),
               DEPOSITARY_SECRET_KEY="benchmark")
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "depositary.web.app:create_app", "--factory",
         "--host", "127.0.0.1", "--port", str(port), "--workers", "2", "--log-level",
         "warning"], env=env, cwd=ROOT,
    )
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/static/site.css", timeout=1)
            return server
        except OSError:
            time.sleep(0.5)
    server.kill()
    raise RuntimeError("the server did not start")


def load(url: str, seconds: int) -> dict[str, Any]:
    """wrk's median, 99th percentile (ms) and requests per second for one URL; a URL with
    AS_OF in it asks for another day on every request (every_date.lua)."""
    script = ["-s", str(ROOT / "benchmarks" / "every_date.lua")] if "AS_OF" in url else []
    out = subprocess.run(
        ["wrk", "-t2", f"-c{CLIENTS}", f"-d{seconds}s", "--timeout", "10s", "--latency",
         *script, url],
        capture_output=True, text=True, check=True,
    ).stdout
    return {
        "p50": _ms(re.search(r"^\s+50%\s+(\S+)", out, re.M)),
        "p99": _ms(re.search(r"^\s+99%\s+(\S+)", out, re.M)),
        "rps": float(re.search(r"Requests/sec:\s+(\S+)", out).group(1)),  # type: ignore[union-attr]
        # What wrk said of them, for the table: the kind and the count.
        "said": "; ".join(m.strip() for m in re.findall(
            r"(Socket errors:[^\n]*|Non-2xx or 3xx responses:[^\n]*)", out)),
    }


def _ms(found: re.Match[str] | None) -> float:
    assert found is not None, "wrk printed no latency distribution"
    value = found.group(1)
    unit = re.search(r"[a-z]+$", value)
    number = float(value[: unit.start()] if unit else value)
    return number * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit.group() if unit else "ms"]


def measure(url: str, label: str, ieadb: bool, quick: bool, port: int) -> list[list[str]]:
    alias = prepare(url, ieadb, quick)
    server = serve(url, port)
    base = f"http://127.0.0.1:{port}"
    targets = {
        "static file (peer)": f"{base}/static/site.css",
        "home page": f"{base}/?as_of={DAY}",
        "instrument page": f"{base}/instruments/{alias}?as_of={DAY}",
        "status-chart API": f"{base}/api/instruments/{alias}/status?as_of={DAY}",
        "status-chart API, another day each time": (
            f"{base}/api/instruments/{alias}/status?as_of=AS_OF"),
    }
    rows = []
    try:
        seconds = 3 if quick else 15
        peer = None
        for name, target in targets.items():
            for _ in range(8):  # every worker has answered it (and replayed) before wrk
                urllib.request.urlopen(target.replace("AS_OF", DAY), timeout=120).read()
            found = load(target, seconds)
            peer = peer or found
            ratio = f"{peer['rps'] / found['rps']:.1f}x" if found["rps"] else "n/a"
            rows.append([label, name, f"{found['p50']:.1f}", f"{found['p99']:.1f}",
                         f"{found['rps']:.0f}", ratio, found["said"] or "no"])
    finally:
        stop(server)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "RESULTS-web.md")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk not found: apt-get install wrk")
    rows: list[list[str]] = []
    corpora = [("bundled", False)] + ([("IEADB", True)] if (DATA / "ieadb").is_dir() else [])
    for corpus, ieadb in corpora:
        work = Path(tempfile.mkdtemp())
        rows += measure(f"sqlite:///{work / 'web.sqlite3'}", f"SQLite, {corpus}", ieadb,
                        args.quick, 8601)
        with postgres_database("web") as url:
            rows += measure(url, f"PostgreSQL, {corpus}", ieadb, args.quick, 8602)
    lines = [
        "# Web benchmark" + (" (quick)" if args.quick else ""),
        "",
        *machine(),
        "- command: `python benchmarks/web.py" + (" --quick" if args.quick else "") + "`",
        "",
        f"uvicorn with two workers; wrk (2 threads, {CLIENTS} connections, "
        f"{3 if args.quick else 15} s per target) from a second process over the loopback, on",
        f"the same 2 cores. Pages and API on {DAY}; the IEADB's chart is of the agreement",
        "with the most acts. Peer, same run and server: a static file; the last column but",
        "one is how many times slower than it a target is. Public reads are kept per log",
        "head (src/depositary/web/cache.py), so a repeated URL is served from memory; the",
        "last target asks for another day on every request (benchmarks/every_date.lua), so",
        "each chart is computed afresh from the projections.",
        "",
        "| register | target | p50 ms | p99 ms | requests/s | vs peer | errors |",
        "|---|---|---:|---:|---:|---:|---|",
        *("| " + " | ".join(row) + " |" for row in rows),
    ]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
