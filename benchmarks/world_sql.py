"""The DuckDB peer: the synthetic world's plain files (world_corpus.py) in DuckDB, and the
final clauses evaluated in the SQL a data engineer would write: window functions for
"the N-th instrument plus D days" (and the double threshold's running share), a join for
an amendment waiting for every party of the instrument it amends, and each participant's
status on a day as the strongest of its dated facts. Rebuild (question 4) makes one table
of dates per instrument and participant; the status chart (1), what binds a participant
(2) and a body's members (3: the parties of the instrument the body's rule names) are
queries over it. Given a transaction time, it loads only the entries the register's log
had recorded by then (`recorded.csv`, the log's kind, key and time of each entry): the
world as the depositary knew it at that time.

It knows only the clause families the generator writes; the engine knows every clause of
docs/clauses.md and gives reasons. The benchmark checks that both give the same answers.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb

CONSENT_KINDS = ("ratification", "acceptance", "approval", "accession", "succession")


def connect(folder: Path, recorded_until: str | None = None) -> duckdb.DuckDBPyConnection:
    """A DuckDB database in memory with the world's acts, instruments, quantities and
    bodies; only those the log had recorded by `recorded_until`, if given."""
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE acts AS SELECT * FROM read_csv(?, header = true, columns = {"
        "'id': 'VARCHAR', 'instrument': 'VARCHAR', 'participant': 'VARCHAR', "
        "'kind': 'VARCHAR', 'received': 'DATE', 'effective': 'DATE'})",
        [str(folder / "acts.csv")],
    )
    con.execute(
        "CREATE TABLE participants AS SELECT * FROM read_csv(?, header = true, columns = {"
        "'code': 'VARCHAR', 'name': 'VARCHAR', 'exists_from': 'DATE', 'exists_until': 'DATE'})",
        [str(folder / "participants.csv")],
    )
    # The clauses as DuckDB reads them from the JSON file: one column per field the
    # generator's families use, and the double threshold's listed weights as rows.
    con.execute("""
        CREATE TABLE clauses AS SELECT id, alias, family, adopted, clauses
        FROM read_json(?, format = 'array', columns = {'id': 'VARCHAR',
            'alias': 'VARCHAR', 'family': 'VARCHAR', 'adopted': 'DATE', 'clauses': 'JSON'})
    """, [str(folder / "instruments.json")])
    if recorded_until is not None:
        _as_recorded(con, folder, recorded_until)
    con.execute("""
        CREATE TABLE instruments AS SELECT alias, family, adopted,
            CAST(clauses->>'$.entry_into_force.threshold.count' AS INTEGER) AS count,
            coalesce(CAST(clauses->>'$.entry_into_force.threshold.days' AS INTEGER), 0)
                AS days,
            coalesce(CAST(clauses->>'$.later_entry_into_force.days' AS INTEGER), 0)
                AS later_days,
            CAST(clauses->>'$.entry_into_force.threshold.share.percent' AS DOUBLE) AS percent,
            CAST(clauses->>'$.withdrawal.months' AS INTEGER) AS months,
            clauses->>'$.entry_into_force.all_parties_of.instrument' AS base
        FROM clauses
    """)
    con.execute("""
        CREATE TABLE quantities AS
        WITH listed AS (
            SELECT alias, clauses->'$.entry_into_force.threshold.share.quantities' AS q
            FROM clauses WHERE family = 'double-threshold'
        )
        SELECT alias AS instrument, code AS participant,
               CAST(q->>('$."' || code || '"') AS DOUBLE) AS weight
        FROM listed, unnest(json_keys(q)) AS t(code)
    """)
    con.execute(
        "CREATE TABLE bodies AS SELECT * FROM read_json(?, format = 'array', columns = {"
        "'alias': 'VARCHAR', 'instrument': 'VARCHAR'})", [str(folder / "bodies.json")],
    )
    return con


def _as_recorded(con: duckdb.DuckDBPyConnection, folder: Path, until: str) -> None:
    """Keep the acts and instruments the log held at transaction time `until`. The log
    writes its times as ISO 8601 in UTC, all alike: as text they sort as times do."""
    con.execute(
        "CREATE TABLE recorded AS SELECT * FROM read_csv(?, header = true, columns = {"
        "'kind': 'VARCHAR', 'key': 'VARCHAR', 'recorded_at': 'VARCHAR'})",
        [str(folder / "recorded.csv")],
    )
    con.execute("DELETE FROM acts WHERE id NOT IN (SELECT key FROM recorded "
                "WHERE kind = 'act' AND recorded_at <= ?)", [until])
    con.execute("DELETE FROM clauses WHERE id NOT IN (SELECT key FROM recorded "
                "WHERE kind = 'instrument' AND recorded_at <= ?)", [until])


# Each instrument and participant: its dated facts, then the instrument's trigger (the day
# its condition was met) and general entry into force, then the participant's own.
FACTS = f"""
CREATE OR REPLACE TABLE facts AS
SELECT a.instrument, a.participant, i.family,
       min(a.received) FILTER (WHERE a.kind = 'signature') AS signed,
       min(CASE WHEN a.kind = 'succession' THEN a.effective ELSE a.received END) FILTER (
           WHERE a.kind IN {CONSENT_KINDS}
              OR (a.kind = 'signature' AND i.family = 'on-signature')) AS consent,
       min(a.received) FILTER (
           WHERE a.kind IN {CONSENT_KINDS}
              OR (a.kind = 'signature' AND i.family = 'on-signature')) AS consent_received,
       bool_or(a.kind = 'succession') AS succeeded,
       min(a.received) FILTER (WHERE a.kind = 'denunciation') AS notice,
       -- A participant that no longer exists has ceased, by its act or its end.
       coalesce(min(a.received) FILTER (WHERE a.kind = 'ceased-to-exist'),
                any_value(p.exists_until)) AS ceased,
       any_value(i.months) AS months
FROM acts a JOIN instruments i ON i.alias = a.instrument
JOIN participants p ON p.code = a.participant
GROUP BY a.instrument, a.participant, i.family
"""

# The running count (and share) of consents in force for the count, at the end of each
# day an instrument of consent was received; withdrawals that have taken effect leave it.
TRIGGERS = """
CREATE OR REPLACE TABLE triggers AS
WITH events AS (
    SELECT f.instrument, f.consent_received AS day, 1 AS n, coalesce(q.weight, 0) AS w,
           true AS consent_day
    FROM facts f LEFT JOIN quantities q USING (instrument, participant)
    WHERE f.consent_received IS NOT NULL
    UNION ALL
    SELECT f.instrument, CAST(f.notice + to_months(f.months) AS DATE), -1,
           -coalesce(q.weight, 0), false
    FROM facts f LEFT JOIN quantities q USING (instrument, participant)
    WHERE f.notice IS NOT NULL AND f.consent_received IS NOT NULL
), running AS (
    SELECT instrument, day, consent_day,
           sum(n) OVER w AS active, sum(w) OVER w AS held
    FROM events
    WINDOW w AS (PARTITION BY instrument ORDER BY day
                 RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
), totals AS (
    SELECT instrument, sum(weight) AS total FROM quantities GROUP BY instrument
)
SELECT r.instrument, min(r.day) AS trigger
FROM running r JOIN instruments i ON i.alias = r.instrument
LEFT JOIN totals t ON t.instrument = r.instrument
WHERE r.consent_day AND (
    (i.family IN ('on-signature', 'none'))
    OR (i.family = 'threshold' AND r.active >= i.count)
    OR (i.family = 'double-threshold' AND r.active >= i.count
        AND 100.0 * r.held / t.total >= i.percent))
GROUP BY r.instrument
"""

# An amendment: in force when the last party of the amended instrument on the amendment's
# adoption has accepted it (never, while one of them has not).
AMENDMENTS = """
INSERT INTO triggers
WITH wanted AS (
    SELECT i.alias AS instrument, s.participant
    FROM instruments i JOIN statuses s ON s.instrument = i.base
    WHERE i.family = 'amendment' AND s.status IN ('party', 'withdrawing')
      AND s.start <= i.adopted AND (s."end" IS NULL OR i.adopted < s."end")
)
SELECT w.instrument, max(f.consent_received)
FROM wanted w LEFT JOIN facts f USING (instrument, participant)
GROUP BY w.instrument
HAVING count(f.consent_received) = count(*)
"""

# Each participant's dates: own entry into force, withdrawal's effect; the status
# intervals follow from them, the strongest fact winning on each stretch of days.
DATES = """
CREATE OR REPLACE TABLE dates AS
SELECT f.*, t.trigger, g.general,
       CASE
         WHEN g.general IS NULL OR f.consent IS NULL THEN NULL
         WHEN f.succeeded THEN greatest(g.general, f.consent)
         WHEN f.family IN ('on-signature', 'none')
              THEN greatest(g.general, f.consent + i.later_days)
         WHEN f.consent_received <= t.trigger THEN g.general
         ELSE greatest(g.general, f.consent + i.later_days)
       END AS in_force_from,
       CAST(f.notice + to_months(f.months) AS DATE) AS withdrawn
FROM facts f JOIN instruments i ON i.alias = f.instrument
LEFT JOIN triggers t ON t.instrument = f.instrument
LEFT JOIN (
    SELECT t.instrument,
           CASE WHEN i.family = 'none' THEN t.trigger + i.later_days
                WHEN i.family IN ('threshold', 'double-threshold') THEN t.trigger + i.days
                ELSE t.trigger END AS general
    FROM triggers t JOIN instruments i ON i.alias = t.instrument
) g ON g.instrument = f.instrument
WHERE f.family IN {families}
"""

STATUSES = """
INSERT INTO statuses
WITH bounds AS (
    SELECT instrument, participant, in_force_from, unnest([
        {'status': 'signatory', 'day': signed}, {'status': 'contracting', 'day': consent},
        {'status': 'party', 'day': in_force_from},
        -- A notice given before the instrument is in force for it: withdrawing only from
        -- then (and never, if it never is); withdrawn from the notice's effect regardless.
        {'status': 'withdrawing', 'day': CASE WHEN notice IS NOT NULL
             AND in_force_from IS NOT NULL THEN greatest(notice, in_force_from) END},
        {'status': 'withdrawn', 'day': withdrawn}, {'status': 'ceased', 'day': ceased}
    ]) AS fact
    FROM dates
), starts AS (
    SELECT instrument, participant, in_force_from, fact.status AS status, fact.day AS day,
           list_position(['signatory', 'contracting', 'party', 'withdrawing', 'withdrawn',
                          'ceased'], fact.status) AS strength
    FROM bounds WHERE fact.day IS NOT NULL
), changes AS (
    -- On each day a fact starts, the strongest fact started by then holds.
    SELECT instrument, participant, in_force_from, day,
           arg_max(status, strength) OVER w AS status
    FROM starts
    WINDOW w AS (PARTITION BY instrument, participant ORDER BY day
                 RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
), distinct_days AS (
    SELECT DISTINCT instrument, participant, in_force_from, day, status FROM changes
)
SELECT instrument, participant, status, day AS start,
       lead(day) OVER (PARTITION BY instrument, participant ORDER BY day) AS "end",
       in_force_from
FROM distinct_days
"""


def rebuild(con: duckdb.DuckDBPyConnection) -> None:
    """Question 4 in SQL: every participant's status intervals in every instrument."""
    con.execute(FACTS)
    con.execute(TRIGGERS)
    con.execute('CREATE OR REPLACE TABLE statuses (instrument VARCHAR, participant VARCHAR, '
                'status VARCHAR, start DATE, "end" DATE, in_force_from DATE)')
    # The amended instruments first: an amendment reads their parties.
    con.execute(DATES.format(families="('on-signature', 'none', 'threshold', "
                                      "'double-threshold')"))
    con.execute(STATUSES)
    con.execute(AMENDMENTS)
    con.execute(DATES.format(families="('amendment',)"))
    con.execute(STATUSES)
    con.execute("CREATE INDEX statuses_instrument ON statuses (instrument)")
    con.execute("CREATE INDEX statuses_participant ON statuses (participant)")


def chart(con: duckdb.DuckDBPyConnection, instrument: str, day: date) -> list[tuple[str, str]]:
    """Question 1: each participant's status in the instrument on the day."""
    rows = con.execute(
        'SELECT participant, status FROM statuses WHERE instrument = ? AND start <= ? '
        'AND ("end" IS NULL OR ? < "end") ORDER BY participant', [instrument, day, day],
    ).fetchall()
    return [(str(p), str(s)) for p, s in rows]


def in_force(con: duckdb.DuckDBPyConnection, participant: str, day: date) -> list[str]:
    """Question 2: the instruments in force for the participant on the day."""
    rows = con.execute(
        "SELECT instrument FROM statuses WHERE participant = ? AND start <= ? "
        "AND (\"end\" IS NULL OR ? < \"end\") AND status IN ('party', 'withdrawing') "
        "ORDER BY instrument", [participant, day, day],
    ).fetchall()
    return [str(i) for (i,) in rows]


def members(con: duckdb.DuckDBPyConnection, body: str, day: date) -> list[str]:
    """Question 3: the body's member states on the day, the parties of its instrument."""
    rows = con.execute(
        "SELECT DISTINCT s.participant FROM statuses s JOIN bodies b "
        "ON b.instrument = s.instrument WHERE b.alias = ? AND s.start <= ? "
        "AND (s.\"end\" IS NULL OR ? < s.\"end\") AND s.status IN ('party', 'withdrawing') "
        "ORDER BY 1", [body, day, day],
    ).fetchall()
    return [str(p) for (p,) in rows]
