"""Check the engine's per-participant entry into force against IEADB's.

For every IEADB agreement the clauses library holds (depositary/data/clauses/: each rule
read from its article, quoted), run the engine on the agreement's acts and set each
participant's computed date (the in_force_from of its first in-force interval) beside
IEADB's "Entry into force" row for that participant. IEADB is hand-coded and second-hand:
this reports an agreement rate and the causes of disagreement, it does not pass or fail.
A library treaty whose clause the format cannot state yet is listed as not computed, with
the reason.

`--drafts` runs the same check on the clauses the extractor drafts from IEADB's own notes
(depositary.formats.clause_text), said as such in the report: a drafting aid's measure,
never mixed with the library's.

    python -m depositary.realdata.ieadb_check [--out FILE] [--json FILE] [--drafts]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime
from pathlib import Path

from rich.console import Console
from rich.progress import track

from depositary.domain.acts import CONSENT_KINDS, SIGNATURE_KINDS, Act, ActKind
from depositary.domain.clauses import (
    Clauses,
    Delay,
    LaterParticipants,
    SignatureEffect,
    Threshold,
    Withdrawal,
    instruments_read,
)
from depositary.domain.engine import Evaluation, evaluate
from depositary.domain.instruments import Instrument, InstrumentKind
from depositary.domain.participants import Participant
from depositary.domain.periods import Period
from depositary.formats import ieadb
from depositary.formats.clause_text import extract
from depositary.formats.clauses_library import Library, LibraryEntry
from depositary.formats.errors import FormatError
from depositary.formats.untc import read_status_table, table_stem
from depositary.realdata import real_data_dir

EXAMPLES_PER_CATEGORY = 5
# The second source: the Global Governance Observatory's hand-checked memberships, which
# keep their own date in force per State beside the IEADB's and ECOLEX's.
HUGGO = Path("huggo-ggo") / "HUGGO_MEM_env_reconciled.csv"
# The UN's status tables (about March 2015), one file per MTDSG reference.
UN_TABLES = Path("untc-zmjones") / "treaties"


@dataclass(frozen=True, slots=True)
class SecondSource:
    """The engine's dates against HUGGO's hand-checked ones, on the pairs compared."""

    matched: int = 0  # pairs HUGGO also dates
    differ: int = 0  # of those, where HUGGO's date is not IEADB's
    with_huggo: int = 0  # ... and the engine gives HUGGO's
    with_ieadb: int = 0  # ... and the engine gives IEADB's
    ieadb_is_ecolex: int = 0  # ... and HUGGO's copy of the IEADB's date is ECOLEX's too


@dataclass(frozen=True, slots=True)
class Stated:
    """The clauses an agreement is checked with, and where they come from."""

    clauses: Clauses
    later_stated: bool  # the rule for later participants is read, not the VCLT default
    origin: str  # the library file's name, or "drafted from IEADB's notes"
    # The general date in force as the treaty's record states it (the library's
    # `in_force`, read in the depositary's or the UN's record, its source in the file).
    record: date | None = None
    # The general date the same clauses give on the depositary's own status table (the
    # UN's, where the real data has the treaty's): the evidence that tells, where the
    # engine's date on the IEADB's acts is not the record's, whether the acts or the
    # clause are wrong.
    on_un_table: date | None = None
    # The delays for later participants of the treaties this one's rule reads (the
    # convention an amendment amends): the IEADB sometimes dates an amendment's later
    # party by its convention's delay instead of the amendment's own.
    parents_later: tuple[Delay, ...] = ()


@dataclass(frozen=True, slots=True)
class Comparison:
    """One participant's entry into force: the engine's date beside IEADB's."""

    agreement: str
    name: str
    participant: str
    engine: date | None
    ieadb: date
    reason: str  # the engine's reason for its date (or for having none)
    rule: str = ""  # the kind of entry-into-force clause read for the agreement
    category: str = ""  # empty when the dates agree

    def describe(self) -> str:
        engine = self.engine.isoformat() if self.engine else "not in force"
        return (
            f"IEADB {self.agreement} {self.name[:70]} | {self.participant}: engine {engine}, "
            f"IEADB {self.ieadb.isoformat()} | {self.reason}"
        )


@dataclass(slots=True)
class Report:
    """The figures of one run over IEADB."""

    agreements: int = 0
    all_pairs: int = 0  # IEADB's per-participant entry-into-force rows, of every agreement
    with_clause: int = 0
    origin: str = "library"
    not_computed: list[tuple[str, str, str]] = field(default_factory=list)  # id, name, why
    second: SecondSource | None = None
    clause_kinds: Counter[str] = field(default_factory=Counter)
    rows: int = 0
    reader_errors: int = 0
    set_aside: Counter[str] = field(default_factory=Counter)  # the reader's errors, by reason
    comparisons: list[Comparison] = field(default_factory=list)
    general: list[tuple[str, str, date | None, date]] = field(default_factory=list)

    @property
    def pairs(self) -> int:
        return len(self.comparisons)

    def within(self, days: int) -> int:
        """Pairs whose engine date is within `days` of IEADB's."""
        return sum(
            1 for c in self.comparisons
            if c.engine is not None and abs((c.engine - c.ieadb).days) <= days
        )

    def general_within(self, days: int) -> int:
        return sum(1 for *_, e, i in self.general if e is not None and abs((e - i).days) <= days)

    @property
    def coverage_of_pairs(self) -> float:
        return self.pairs / self.all_pairs if self.all_pairs else 0.0

    def summary(self) -> dict[str, object]:
        """The figures as JSON (`--json`): what docs/real-data.md reports."""
        return {
            "clauses": self.origin,
            "agreements": self.agreements,
            "agreements_with_clauses": self.with_clause,
            "pairs": self.pairs,
            "all_pairs": self.all_pairs,
            "coverage_of_pairs": round(self.coverage_of_pairs, 4),
            "exact": self.within(0),
            "within_a_day": self.within(1),
            "data_exceptions": self.of_kind(DATA),
            "data_exceptions_share": round(self.of_kind(DATA) / self.pairs, 4)
            if self.pairs else 0.0,
            "exact_after_data_exceptions": round(self.exact_after_data(), 4),
            "reading_exceptions": self.of_kind(READING),
            "unexplained": self.of_kind(UNEXPLAINED),
            "exceptions": [
                {"agreement": c.agreement, "participant": c.participant,
                 "engine": c.engine.isoformat() if c.engine else None,
                 "ieadb": c.ieadb.isoformat(), "category": c.category,
                 "kind": kind_of(c.category), "reason": c.reason}
                for c in self.comparisons if c.category
            ],
            "exceptions_by_category": dict(self.categories().most_common()),
            "not_computed": [{"agreement": a, "name": n, "why": why}
                             for a, n, why in self.not_computed],
            "second_source": asdict(self.second) if self.second else None,
        }

    def categories(self) -> Counter[str]:
        return Counter(c.category for c in self.comparisons if c.category)

    def of_kind(self, kind: str) -> int:
        """Pairs whose disagreement is of this kind (data, reading, unexplained)."""
        return sum(n for category, n in self.categories().items() if kind_of(category) == kind)

    def exact_after_data(self) -> float:
        """Exact agreement on the pairs left once the IEADB's data exceptions are set aside."""
        left = self.pairs - self.of_kind(DATA)
        return self.within(0) / left if left else 0.0

    def render(self) -> str:
        """The report as Markdown."""
        return "\n".join(_render(self))


# HUGGO's hand-checked date per (IEADB agreement, participant), with its copies of the
# IEADB's and ECOLEX's dates.
HuggoDates = Mapping[tuple[str, str], tuple[date, str, str]]


def read_huggo(path: Path) -> dict[tuple[str, str], tuple[date, str, str]]:
    """HUGGO's reconciled dates; empty where the real data lacks the file."""
    huggo: dict[tuple[str, str], tuple[date, str, str]] = {}
    if not path.is_file():
        return huggo
    with path.open(encoding="utf-8", newline="") as stream:
        for row in csv.DictReader(stream):
            agreement = row["ieaID"].removeprefix("IEA-")
            day = _dotted(row["stateForce"])
            if agreement.isdigit() and day is not None:
                huggo[(agreement, row["stateID"])] = (
                    day, row["stateForce_iea"], row["stateForce_ecolex"])
    return huggo


def second_source(comparisons: Sequence[Comparison], huggo: HuggoDates) -> SecondSource | None:
    """Where HUGGO (second-hand, hand-checked against the depositaries) dates a pair the
    check compared differently from the IEADB, which of the two the engine gives."""
    if not huggo:
        return None
    matched = differ = with_huggo = with_ieadb = same = 0
    for c in comparisons:
        found = huggo.get((c.agreement, c.participant))
        if found is None:
            continue
        matched += 1
        day, iea, ecolex = found
        if day == c.ieadb:
            continue
        differ += 1
        with_huggo += c.engine == day
        with_ieadb += c.engine == c.ieadb
        same += iea == ecolex
    return SecondSource(matched, differ, with_huggo, with_ieadb, same)


def _dotted(text: str) -> date | None:
    """HUGGO's DD.MM.YYYY; None for NA and its 31.12.9999 sentinel."""
    try:
        day = datetime.strptime(text, "%d.%m.%Y").date()
    except ValueError:
        return None
    return None if day.year == 9999 else day


def agreement_report(
    data_dir: Path, *, progress: bool = False, reading: ieadb.Reading | None = None,
    library: Library | None = None, drafts: bool = False,
) -> Report:
    """Compare the engine with IEADB on every agreement of the clauses library (`library`,
    the shipped one by default), or, with `drafts`, on every agreement whose clause the
    extractor drafts from IEADB's notes. `data_dir` is the real-data directory (its
    `ieadb/` folder is read, unless `reading` is what was read from it)."""
    if reading is None:
        reading = ieadb.read(data_dir / "ieadb")
    library = Library(()) if drafts else library or Library.read()
    held, treaties = library.by_ieadb(), Treaties(reading, library)
    huggo = read_huggo(data_dir / HUGGO)
    report = Report(
        agreements=len(reading.agreements),
        all_pairs=sum(len(a.entry_into_force) for a in reading.agreements.values()),
        origin="drafted from IEADB's notes" if drafts else "library",
        rows=reading.rows,
        reader_errors=sum(reading.errors.values()),
        set_aside=reading.errors,
    )
    agreements: Iterable[ieadb.Agreement] = reading.agreements.values()
    if progress:
        agreements = track(list(agreements), description="IEADB agreements")
    for agreement in agreements:
        if drafts:
            drafted = extract("\n".join(agreement.texts))
            found = (Stated(drafted.clauses, drafted.later_stated, report.origin)
                     if drafted else None)
        elif (entry := held.get(agreement.id)) is None:
            continue
        elif entry.clauses is None:
            report.not_computed.append((agreement.id, agreement.name,
                                        f"{entry.name}: the format needs {entry.needs}"))
            continue
        else:
            later = any("later_entry_into_force" in a.states for a in entry.articles)
            found = Stated(entry.clauses, later, entry.name, entry.in_force,
                           on_un_table(entry, entry.clauses, data_dir),
                           parents_later(entry.clauses, library))
        if found is None:
            continue
        instrument = instrument_for(agreement, found)
        evaluation = treaties.evaluate(instrument, agreement.acts)
        if not evaluation.entry_into_force_known:  # "unknown": said, never compared
            why = evaluation.entry_into_force_reason
            report.not_computed.append((agreement.id, agreement.name, f"{found.origin}: "
                                        + (why.text if why else "entry into force unknown")))
            continue
        report.with_clause += 1
        report.clause_kinds[rule_kind(found)] += 1
        report.comparisons.extend(
            compare(agreement, found, evaluation, reading.participants, huggo))
        if agreement.general_entry_into_force is not None:
            report.general.append(
                (agreement.id, agreement.name, evaluation.entry_into_force,
                 agreement.general_entry_into_force)
            )
    report.second = second_source(report.comparisons, huggo)
    return report


class Treaties:
    """The treaties an agreement's clauses read (the parties to the convention an amendment
    amends: `of_parties`, `tacit_acceptance`), named as the library names them and
    evaluated on IEADB's acts with the library's clauses, each once."""

    def __init__(self, reading: ieadb.Reading, library: Library) -> None:
        self.reading, self.library = reading, library
        self._evaluations: dict[str, Evaluation | None] = {}

    def evaluation(self, name: str) -> Evaluation | None:
        if name not in self._evaluations:
            self._evaluations[name] = None  # a treaty that reads itself reads nothing
            entry = self.library.find(name)
            agreement = next((self.reading.agreements[n] for n in entry.ieadb
                              if n in self.reading.agreements), None) if entry else None
            if entry is not None and entry.clauses is not None and agreement is not None:
                stated = Stated(entry.clauses, True, entry.name)
                found = self.evaluate(instrument_for(agreement, stated), agreement.acts)
                # A treaty whose own date is unknown gives no parties to count on.
                self._evaluations[name] = found if found.entry_into_force_known else None
        return self._evaluations[name]

    def evaluate(self, instrument: Instrument, acts: Sequence[Act]) -> Evaluation:
        """The engine on an agreement, with the treaties its clauses read where the library
        and IEADB have them; where they do not, the engine answers "unknown"."""
        reads = instruments_read(instrument.clauses.entry_into_force)
        if all(self.evaluation(name) is not None for name in reads):
            return evaluate(instrument, acts, self.reading.participants, self.parties_of,
                            bound_from=self.bound_from)
        return evaluate(instrument, acts, self.reading.participants)

    def parties_of(self, name: str, day: date) -> frozenset[str]:
        found = self.evaluation(name)
        return found.parties_on(day) if found is not None else frozenset()

    def bound_from(self, name: str) -> dict[str, list[Period]]:
        found = self.evaluation(name)
        return found.periods_in_force() if found is not None else {}


def instrument_for(agreement: ieadb.Agreement, found: Stated) -> Instrument:
    """The agreement as an instrument with the clauses read for it."""
    # IEADB dates a withdrawal by the day it took effect, not by the notice: with no notice
    # period the engine ends participation on the day IEADB gives.
    clauses = replace(found.clauses, withdrawal=Withdrawal(delay=Delay()))
    return Instrument(
        id=agreement.instrument,
        alias=f"ieadb-{agreement.id}",
        kind=InstrumentKind.AGREEMENT,
        titles={"en": agreement.name},
        adopted=agreement.concluded,
        clauses=clauses,
    )


def on_un_table(entry: LibraryEntry, clauses: Clauses, data_dir: Path) -> date | None:
    """The general date `clauses` give on the UN's status table of the treaty (2015), where
    the real data has it and the rule reads no other instrument; None otherwise."""
    path = data_dir / UN_TABLES / f"{table_stem(entry.un)}.csv" if entry.un else None
    if path is None or not path.is_file() or instruments_read(clauses.entry_into_force):
        return None
    try:
        table = read_status_table(path)
    except FormatError:
        return None
    instrument = Instrument(id=table.instrument, alias=table.instrument,
                            kind=InstrumentKind.AGREEMENT, titles={"en": entry.title},
                            adopted=entry.concluded, clauses=clauses)
    return evaluate(instrument, table.acts, table.participants).entry_into_force


def parents_later(clauses: Clauses, library: Library) -> tuple[Delay, ...]:
    """The later-participant delays of the library's treaties `clauses` read."""
    found = []
    for name in instruments_read(clauses.entry_into_force):
        parent = library.find(name)
        if parent is not None and parent.clauses is not None:
            found.append(parent.clauses.later_entry_into_force)
    return tuple(found)


def rule_kind(found: Stated) -> str:
    """The kind of the general rule read: Threshold, OnSignature, ...; OwnConsent for a
    clause that binds each participant from its own instrument."""
    rule = found.clauses.entry_into_force
    return type(rule).__name__ if rule is not None else "OwnConsent"


def first_in_force(evaluation: Evaluation, participant: str) -> tuple[date | None, str]:
    """The participant's own entry into force (its first in-force interval) and why; or
    None and the reason of its last status."""
    intervals = evaluation.intervals.get(participant, ())
    for interval in intervals:
        if interval.status.in_force and interval.in_force_from is not None:
            return interval.in_force_from, str(interval.reasons[-1])
    if intervals:
        last = intervals[-1]
        return None, f"{last.status.value}: {last.reasons[-1]}"
    return None, "no act of this participant"


def compare(
    agreement: ieadb.Agreement,
    found: Stated,
    evaluation: Evaluation,
    participants: Mapping[str, Participant],
    huggo: HuggoDates | None = None,
) -> list[Comparison]:
    """One comparison per participant IEADB dates, each with the category of its
    disagreement (empty when the dates agree)."""
    own: dict[str, list[Act]] = defaultdict(list)
    for act in sorted(agreement.acts, key=lambda a: a.sort_key):
        own[act.participant].append(act)
    result = []
    for participant, ieadb_day in sorted(agreement.entry_into_force.items()):
        engine_day, reason = first_in_force(evaluation, participant)
        comparison = Comparison(
            agreement.id, agreement.name, participant, engine_day, ieadb_day, reason,
            rule_kind(found),
        )
        checked = (huggo or {}).get((agreement.id, participant))
        if engine_day != ieadb_day and checked is not None and checked[0] == engine_day:
            comparison = replace(comparison, category=HAND_CHECKED)
        elif engine_day != ieadb_day:
            category = categorise(
                comparison, own, found, evaluation, participants.get(participant),
                agreement.general_entry_into_force,
            )
            comparison = replace(comparison, category=category)
        result.append(comparison)
    return result


# Each category of disagreement is one of three kinds: the IEADB's data (its row cannot be
# right under any reading of the clause: an act it lacks, a date before the consent, the
# deposit day where the clause adds a delay, a placeholder or off-by-one date, a general
# date the treaty's record contradicts), a reading (the clause's words allow the IEADB's
# date too, or the library states no rule), or unexplained (the engine or the clause may be
# wrong: these are the failures to study).
DATA, READING, UNEXPLAINED = "data", "reading", "unexplained"
# The categories, in the order `categorise` tries them, each named once.
SUCCESSION = "succession or continuity"
ONLY_A_SIGNATURE = "missing acts: only a signature, which this clause does not make binding"
NO_ACT = "missing acts: no act of this participant"
NEVER_IN_FORCE_ON_ITS_ACTS = ("IEADB data: its acts never meet the clause's condition, "
                              "though the treaty's record dates its entry into force")
NOT_YET_IN_FORCE = "missing acts: the engine finds the general entry into force not yet reached"
BEFORE_CONSENT = "IEADB date before the participant's own consent"
DEPOSIT_DAY = ("IEADB data: entry into force coded on the day of the deposit (the clause's "
               "delay after it not applied)")
ONE_DAY = "one day apart (counting convention)"
FIRST_OF_MONTH = "date precision: IEADB gives the first of the month or year"
OTHER_READING = "consent between the N-th instrument and entry into force"  # + the reading
NO_RECORD = "general entry into force differs (no record of the date read)"
ACTS_AGAINST_RECORD = ("IEADB data: its acts meet the condition on another day than the "
                       "depositary's table, on which the same clause gives the record's date")
COUNT_AGAINST_RECORD = ("IEADB data: its acts reach the clause's count on another day than "
                        "its own general date, which is the treaty's record's")
GENERAL_AGAINST_RECORD = ("IEADB data: its general date is not the treaty's record's, which "
                          "the engine computes")
AGAINST_RECORD = "general entry into force differs from the treaty's record"
LATER_NOT_STATED = "later participant: clause states no rule (VCLT 24(3) default used)"
PARENTS_RULE = ("IEADB data: a later party dated by the amended treaty's own delay, not the "
                "one the amendment states")
LATER_RULE = "later-participant rule differs"
HAND_CHECKED = ("IEADB data: the second source's hand-checked date (HUGGO's, read against "
                "the depositary) is the engine's")
KIND_OF_CATEGORY = {
    SUCCESSION: READING, ONLY_A_SIGNATURE: DATA, NO_ACT: DATA,
    NEVER_IN_FORCE_ON_ITS_ACTS: DATA, NOT_YET_IN_FORCE: UNEXPLAINED, BEFORE_CONSENT: DATA,
    DEPOSIT_DAY: DATA, ONE_DAY: DATA, FIRST_OF_MONTH: DATA, NO_RECORD: UNEXPLAINED,
    ACTS_AGAINST_RECORD: DATA, COUNT_AGAINST_RECORD: DATA, GENERAL_AGAINST_RECORD: DATA,
    AGAINST_RECORD: UNEXPLAINED, LATER_NOT_STATED: READING, PARENTS_RULE: DATA,
    LATER_RULE: UNEXPLAINED, HAND_CHECKED: DATA,
}


def kind_of(category: str) -> str:
    """data, reading or unexplained (module comment above)."""
    if category.startswith(OTHER_READING):
        return READING
    return KIND_OF_CATEGORY.get(category, UNEXPLAINED)


def categorise(
    c: Comparison,
    own: Mapping[str, Sequence[Act]],
    found: Stated,
    evaluation: Evaluation,
    participant: Participant | None,
    ieadb_general: date | None = None,
) -> str:
    """Why the engine and IEADB disagree for one participant, in the first category that
    fits: identity, missing acts, IEADB's conventions, then the clause's two rules."""
    acts = own.get(c.participant, ())
    binds_on_signature = found.clauses.signature is SignatureEffect.ALL
    consents = [
        a for a in acts
        if a.kind in CONSENT_KINDS or (binds_on_signature and a.kind in SIGNATURE_KINDS)
    ]
    predecessor = participant.continuator_of if participant else None
    if any(a.kind is ActKind.SUCCESSION for a in acts) or (
        not acts and predecessor is not None and predecessor in own
    ):
        return SUCCESSION
    if not consents:
        if any(a.kind in SIGNATURE_KINDS for a in acts):
            return ONLY_A_SIGNATURE
        return NO_ACT
    if c.engine is None:
        if evaluation.entry_into_force is None and found.record is not None:
            return NEVER_IN_FORCE_ON_ITS_ACTS
        return NOT_YET_IN_FORCE
    first = consents[0].effective or consents[0].received
    if c.ieadb < first:
        return BEFORE_CONSENT
    later = found.clauses.later_entry_into_force
    if c.ieadb == first and later.apply(first) != first and c.engine == later.apply(first):
        # The engine's date is the deposit plus the clause's delay; IEADB's is the deposit.
        return DEPOSIT_DAY
    if abs((c.engine - c.ieadb).days) == 1:
        return ONE_DAY
    if c.ieadb.day == 1 and c.ieadb.year == c.engine.year and (
        c.ieadb.month == 1 or c.ieadb.month == c.engine.month
    ):
        return FIRST_OF_MONTH
    general = evaluation.entry_into_force
    own_delay = found.clauses.later_entry_into_force.apply(first)
    if general is not None and first <= general < own_delay and (
        c.engine == own_delay or abs((own_delay - c.ieadb).days) <= 1
    ):
        # One side gives the general date, the other the consent plus the later delay:
        # the two readings of who is a later participant, both stated in the clauses
        # format (`later_participants`); the wording decides, and "thereafter" is read as
        # after the entry into force.
        other = ("after-condition" if found.clauses.later_participants
                 is LaterParticipants.AFTER_ENTRY_INTO_FORCE else "after-entry-into-force")
        return (f"{OTHER_READING}: IEADB's date is the other reading's, "
                f"`later_participants: {other}`")
    if (general is not None and first <= general) or (
        c.ieadb == ieadb_general and general != ieadb_general
    ):
        return _against_the_record(c, found, general, ieadb_general)
    if not found.later_stated:
        return LATER_NOT_STATED
    if any(delay != later and delay.apply(first) == c.ieadb for delay in found.parents_later):
        return PARENTS_RULE
    return LATER_RULE


def _against_the_record(
    c: Comparison, found: Stated, general: date | None, ieadb_general: date | None,
) -> str:
    """Where the general date differs, what the treaty's record (and the depositary's own
    table) says of whose it is."""
    if found.record is None:
        return NO_RECORD
    if general == found.record:
        return GENERAL_AGAINST_RECORD if c.ieadb == ieadb_general else AGAINST_RECORD
    if found.on_un_table == found.record:
        return ACTS_AGAINST_RECORD
    rule = found.clauses.entry_into_force
    counted = isinstance(rule, Threshold) and rule.fraction is None and rule.share is None
    return COUNT_AGAINST_RECORD if counted and ieadb_general == found.record else (
        AGAINST_RECORD)


def _render(report: Report) -> Iterable[str]:
    def rate(n: int, of: int) -> str:
        return f"{n:,} ({100 * n / of:.1f}%)" if of else "0"

    kinds = ", ".join(f"{k} {v}" for k, v in report.clause_kinds.most_common())
    yield "# IEADB: the engine's entry into force per participant against IEADB's"
    yield ""
    yield f"- clauses: {report.origin}"
    yield (f"- IEADB's per-participant pairs covered: {rate(report.pairs, report.all_pairs)}"
           f" of {report.all_pairs:,}")
    yield f"- action rows read: {report.rows:,} ({report.reader_errors:,} set aside as malformed)"
    yield f"- agreements considered: {report.agreements:,}"
    yield f"- agreements with a stated clause: {report.with_clause:,} ({kinds})"
    yield f"- participant entry-into-force pairs compared: {report.pairs:,}"
    yield f"- exact agreement: {rate(report.within(0), report.pairs)}"
    data = report.of_kind(DATA)
    yield (f"- the IEADB's data exceptions (listed below, each with its evidence): "
           f"{rate(data, report.pairs)}; exact on the other {report.pairs - data:,} pairs: "
           f"{100 * report.exact_after_data():.1f}%; readings the clause allows "
           f"{report.of_kind(READING):,}, unexplained {report.of_kind(UNEXPLAINED):,}")
    yield f"- within ±1 day: {rate(report.within(1), report.pairs)}"
    yield f"- within ±31 days: {rate(report.within(31), report.pairs)}"
    general = len(report.general)
    yield (
        f"- general entry into force compared with db_treaties: {general:,}; exact "
        f"{rate(report.general_within(0), general)}, within ±31 days "
        f"{rate(report.general_within(31), general)}"
    )
    yield ""
    yield "| clause read | agreements | pairs | exact | within ±31 days |"
    yield "|---|---:|---:|---:|---:|"
    for kind, agreements in report.clause_kinds.most_common():
        pairs = [c for c in report.comparisons if c.rule == kind]
        exact = sum(1 for c in pairs if c.engine == c.ieadb)
        near = sum(1 for c in pairs if c.engine and abs((c.engine - c.ieadb).days) <= 31)
        yield f"| {kind} | {agreements} | {len(pairs)} | {rate(exact, len(pairs))} | " + (
            f"{rate(near, len(pairs))} |"
        )
    yield ""
    yield "## Disagreements by category"
    by_category: dict[str, list[Comparison]] = defaultdict(list)
    for c in report.comparisons:
        if c.category:
            by_category[c.category].append(c)
    for category, count in report.categories().most_common():
        agreements = len({c.agreement for c in by_category[category]})
        yield ""
        yield (f"### {category}: {count:,} pairs in {agreements:,} agreements "
               f"({kind_of(category)})")
        for c in _spread(by_category[category]):
            yield f"- {c.describe()}"
    if (second := report.second) is not None:
        yield ""
        yield "## A second source: HUGGO's hand-checked dates"
        yield (f"- pairs HUGGO also dates: {second.matched:,}; HUGGO's date differs from the "
               f"IEADB's on {second.differ:,}")
        yield (f"- there, the engine gives HUGGO's date on {second.with_huggo:,}, the IEADB's "
               f"on {second.with_ieadb:,}, neither on "
               f"{second.differ - second.with_huggo - second.with_ieadb:,}")
        yield (f"- HUGGO's copies of the IEADB's and ECOLEX's dates agree on "
               f"{second.ieadb_is_ecolex:,} of those {second.differ:,}")
    if report.not_computed:
        yield ""
        yield f"## Not computed: {len(report.not_computed)} agreements"
        for agreement, name, why in report.not_computed:
            yield f"- IEADB {agreement} {name[:70]}: {why}"
    yield ""
    yield "## Rows the reader set aside"
    for reason, count in report.set_aside.most_common(8):
        yield f"- {reason}: {count:,}"
    yield ""
    yield "## General entry into force that differs"
    for agreement, name, engine, ieadb_day in report.general:
        if engine != ieadb_day:
            shown = engine.isoformat() if engine else "not in force"
            yield f"- IEADB {agreement} {name[:80]}: engine {shown}, IEADB {ieadb_day.isoformat()}"


def _spread(comparisons: Sequence[Comparison]) -> list[Comparison]:
    """A few examples, from as many different agreements as possible."""
    chosen: list[Comparison] = []
    seen: set[str] = set()
    for c in comparisons:
        if c.agreement not in seen and len(chosen) < EXAMPLES_PER_CATEGORY:
            chosen.append(c)
            seen.add(c.agreement)
    return chosen


def main(argv: Sequence[str] | None = None) -> int:
    """Run the check over all of IEADB; print the report, or write it to --out."""
    parser = argparse.ArgumentParser(prog="python -m depositary.realdata.ieadb_check")
    parser.add_argument("--out", type=Path, help="write the Markdown report to this file")
    parser.add_argument("--json", type=Path, help="write the figures as JSON to this file")
    parser.add_argument("--drafts", action="store_true",
                        help="check the clauses the extractor drafts from IEADB's notes, "
                             "not the library's")
    args = parser.parse_args(argv)
    console = Console(stderr=True)
    data = real_data_dir()
    if not (data / "ieadb" / ieadb.MEMBERS).is_file():
        console.print(f"IEADB not found under {data}: set DEPOSITARY_REAL_DATA to the folder "
                      "that holds ieadb/")
        return 2
    try:
        report = agreement_report(data, progress=True, drafts=args.drafts)
    except FormatError as error:  # a library file that breaks the library's rules
        console.print(f"error: {error}", markup=False)
        return 2
    text = report.render()
    if args.json is not None:
        args.json.write_text(json.dumps(report.summary(), indent=1, ensure_ascii=False) + "\n",
                             encoding="utf-8")
        console.print(f"figures written to {args.json}")
    if args.out is not None:
        args.out.write_text(text + "\n", encoding="utf-8")
        console.print(f"report written to {args.out}")
    else:
        sys.stdout.write(text + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
