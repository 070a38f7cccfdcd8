"""Read the International Environmental Agreements Database (IEADB, Mitchell et al.) into
domain values: per agreement, the acts of its participants, and IEADB's own per-country
entry-into-force dates, which are not acts but the oracle the engine is checked against.

The files (see data/ieadb/SOURCE.md) are semicolon-separated UTF-8 with a byte-order mark,
a three-line citation banner, and the header on line 4. A row that cannot be read (an
incomplete date, a name with no code, an action not known here) is counted by reason,
never raised: one bad row must not hide 125,000 good ones.
"""

from __future__ import annotations

import csv
import gzip
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TextIO

import pycountry

from depositary.domain.acts import Act, ActKind
from depositary.domain.participants import Participant, ParticipantKind
from depositary.domain.periods import Period
from depositary.domain.provenance import Confidence, Provenance
from depositary.domain.uri import WorkUri
from depositary.formats.names_file import default_names

MEMBERS = "db_members.csv.gz"
TREATIES = "db_treaties.csv"
BANNER_LINES = 3
# IEADB writes 1111-11-11 where a date is unknown ("Country EIF date unknown").
UNKNOWN_DATE = date(1111, 11, 11)
AMENDED_NOTE = "***Notes re: original agreement being amended:"

# IEADB action → the act it records. The dates IEADB gives for withdrawals and
# "Denunciation (effective date)" are the dates they took effect, not of the notice (Norway,
# IEADB 2667: "By a note dated December 29, 1958 ... to be effective June 30, 1959", dated
# 1959-06-30); a succession is dated from when it took effect ("Deposit of succession on
# 19aug1986 but took effect on 21sep1981"). Those acts carry the date as `effective`; the
# receipt is unknown, and the same date stands in for it rather than an invented one.
_ACTS: dict[str, ActKind] = {
    "Signature": ActKind.SIGNATURE,
    "Definitive signature": ActKind.DEFINITIVE_SIGNATURE,
    "Ratification": ActKind.RATIFICATION,
    "Deposit (ratification)": ActKind.RATIFICATION,
    # The form of consent is not stated: counted as a ratification, any consent counts
    # the same toward entry into force.
    "Consent To Be Bound": ActKind.RATIFICATION,
    "Deposit (instrument)": ActKind.RATIFICATION,
    "Accession": ActKind.ACCESSION,
    "Deposit (accession)": ActKind.ACCESSION,
    "Definitive accession": ActKind.ACCESSION,
    "Adherence": ActKind.ACCESSION,  # the US State Department's word for accession
    "Deposit (adherence)": ActKind.ACCESSION,
    "Adhesion": ActKind.ACCESSION,
    "Deposit (adhesion)": ActKind.ACCESSION,
    "Acceptance": ActKind.ACCEPTANCE,
    "Deposit (acceptance)": ActKind.ACCEPTANCE,
    "Approval": ActKind.APPROVAL,
    "Approbation": ActKind.APPROVAL,
    "Succession": ActKind.SUCCESSION,
    "Notification": ActKind.NOTIFICATION,  # CIS agreements: completion of procedures
    "Provisional application": ActKind.PROVISIONAL_APPLICATION,
    "Withdrawal": ActKind.WITHDRAWAL,
    "Withdrawal 2": ActKind.WITHDRAWAL,
    # Dated by the notice: Belarus, IEADB 2902, 2023-09-05, "enters into force on 2024-04-01".
    "Denunciation": ActKind.DENUNCIATION,
    "Denunciation (effective date)": ActKind.DENUNCIATION,
}
_EFFECTIVE_DATED = {"Withdrawal", "Withdrawal 2", "Denunciation (effective date)", "Succession"}
ENTRY_INTO_FORCE = "Entry into force"
# Rows that are not acts of a participant, by design: IEADB's derived statuses (the oracle
# and the tacit-acceptance rows it computes for amendments), and events of the agreement.
_NOT_ACTS = (
    "Entry Into Force",  # "Entry Into Force 2", "(Tacit Acceptance) ...", objections to it
    "Termination", "Partial termination of agreement", "Amendment negotiated by members",
    "Adoption", "Status follows original agreement", "Not expected to enter into force",
    "Not yet in force", "Waiver (Art.28)", "Cooperating Non-Contracting Party",
    "Non-provisional application",
)


@dataclass(frozen=True, slots=True)
class Agreement:
    """One IEADB agreement: its acts, and IEADB's entry-into-force dates as an oracle."""

    id: str  # the IEADB "Mitch ID" (= IEA#)
    name: str
    inclusion: str  # MEA, BEA, ... (multilateral/bilateral; agreement, amendment, protocol)
    acts: tuple[Act, ...]
    entry_into_force: dict[str, date]  # per participant, its first "Entry into force" row
    general_entry_into_force: date | None  # "Date IEA entered into force", if known
    concluded: date | None
    texts: tuple[str, ...]  # notes that may quote its final clauses

    @property
    def instrument(self) -> str:
        """An Akoma Ntoso-style work URI: /akn/ieadb/act/agreement/<date>/<IEA number>."""
        return str(WorkUri("ieadb", "agreement", self.concluded, self.id))


@dataclass(slots=True)
class Reading:
    """Everything read, with what was set aside and why."""

    agreements: dict[str, Agreement] = field(default_factory=dict)
    participants: dict[str, Participant] = field(default_factory=dict)
    rows: int = 0
    acts: int = 0
    oracle_rows: int = 0
    oracle_repeats: int = 0
    not_acts: Counter[str] = field(default_factory=Counter)  # by design, by action
    errors: Counter[str] = field(default_factory=Counter)  # malformed, by reason
    examples: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def error(self, reason: str, example: str) -> None:
        self.errors[reason] += 1
        if len(self.examples[reason]) < 5:
            self.examples[reason].append(example)


def read(directory: Path) -> Reading:
    """Read db_members.csv.gz and db_treaties.csv from `directory` (the ieadb folder)."""
    reading = Reading()
    treaties = _read_treaties(directory / TREATIES)
    acts: dict[str, list[Act]] = defaultdict(list)
    oracle: dict[str, dict[str, date]] = defaultdict(dict)
    notes: dict[str, dict[str, None]] = defaultdict(dict)  # ordered, de-duplicated
    names: dict[str, str] = {}
    for number, row in enumerate(member_rows(directory), start=BANNER_LINES + 2):
        reading.rows += 1
        if None in row or None in row.values():  # csv's marks for a short or long row
            reading.error("wrong number of fields", f"line {number}")
            continue
        agreement = row["Mitch ID"].strip()
        if not agreement.isdigit():
            reading.error("no agreement id", f"line {number}")
            continue
        names.setdefault(agreement, row["Treaty Name from Treaty Table"])
        note = row["Notes"].split(AMENDED_NOTE)[0].strip()
        if note:
            notes[agreement][note] = None
        _read_row(reading, number, row, acts[agreement], oracle[agreement])
    for agreement, name in names.items():
        treaty = treaties.get(agreement, {})
        texts = [treaty.get("Data entry notes", ""), *notes[agreement]]
        general = _iso_date(treaty.get("Date IEA entered into force", ""))
        reading.agreements[agreement] = Agreement(
            id=agreement,
            name=name,
            inclusion=treaty.get("Inclusion (type of agreements)", ""),
            acts=tuple(acts[agreement]),
            entry_into_force=oracle[agreement],
            general_entry_into_force=general,
            concluded=_iso_date(treaty.get("Date IEA was concluded", "")),
            texts=tuple(t for t in texts if t),
        )
    codes = {a.participant for acts_ in acts.values() for a in acts_}
    codes |= {c for days in oracle.values() for c in days}
    reading.participants = {code: participant_record(code) for code in sorted(codes)}
    return reading


def _read_row(
    reading: Reading, number: int, row: dict[str, str], acts: list[Act], oracle: dict[str, date]
) -> None:
    action = row["Action"].strip()
    where = f"line {number}: {row['Mitch ID']} {row['Country (official name)']} {action}"
    if action.endswith("Objection"):
        # An objection to an amendment's tacit acceptance: the domain's objection is to a
        # reservation, and has no act for this.
        reading.not_acts["objection to a tacit-acceptance amendment"] += 1
        return
    if action != ENTRY_INTO_FORCE and action.startswith(_NOT_ACTS):
        reading.not_acts[action] += 1
        return
    kind = _ACTS.get(action)
    if kind is None and action != ENTRY_INTO_FORCE:
        reading.error(f"action not known here: {action!r}", where)
        return
    official, entered = row["Country (official name)"].strip(), row["Country (as entered)"]
    if official == "Agreement":  # a row about the agreement itself (its termination)
        reading.not_acts[f"{action} (the agreement itself)"] += 1
        return
    code = participant_code(official, entered.strip())
    if code is None:
        reading.error(f"no ISO 3166 code for {official!r}", where)
        return
    day, problem = _row_date(row)
    if day is None:
        reading.error(problem, where)
        return
    if kind is None:
        reading.oracle_rows += 1
        if code in oracle and oracle[code] != day:
            reading.oracle_repeats += 1  # two dates for one participant: keep the earlier
        oracle[code] = min(day, oracle.get(code, day))
        return
    reading.acts += 1
    acts.append(
        Act(
            id=f"ieadb-{number}",
            instrument=f"ieadb-{row['Mitch ID'].strip()}",  # the agreement's alias
            participant=code,
            kind=kind,
            dated=day,
            received=day,
            effective=day if action in _EFFECTIVE_DATED else None,
            text=action,
            provenance=Provenance(
                f"IEADB db_members.csv line {number}", Confidence.SECONDARY, entered.strip()
            ),
        )
    )


def _row_date(row: dict[str, str]) -> tuple[date | None, str]:
    """The row's date, or None and why. IEADB fills the unknown parts of an incomplete date
    with 1 and says so in field_date_incomplete_value ("1993-**-**"): those rows are set
    aside, since any day chosen for them would be invented."""
    if row["field_date_incomplete_value"].strip():
        return None, "incomplete date (field_date_incomplete_value)"
    try:
        day = date(int(row["Year"]), int(row["Month"]), int(row["Day"]))
    except ValueError:
        return None, "no valid date (month or day 0, or not a number)"
    if day == UNKNOWN_DATE:
        return None, "unknown date (IEADB's 1111-11-11)"
    return day, ""


def _iso_date(text: str) -> date | None:
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        return None
    return None if day == UNKNOWN_DATE else day


def member_rows(directory: Path) -> Iterator[dict[str, str]]:
    """The rows of db_members.csv.gz in `directory`, as the file has them."""
    with gzip.open(directory / MEMBERS, "rt", encoding="utf-8-sig", newline="") as stream:
        yield from _rows(stream)


def _rows(stream: TextIO) -> Iterator[dict[str, str]]:
    for _ in range(BANNER_LINES):
        stream.readline()
    yield from csv.DictReader(stream, delimiter=";")


def _read_treaties(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return {row["IEA#"].strip(): row for row in _rows(stream)}


# -- names → codes ---------------------------------------------------------------------------
#
# IEADB's "official name" folds historic states into their heirs (USSR → Russian Federation,
# Czechoslovakia → Czechia, Yugoslavia → Serbia); the name "as entered" keeps the state
# that acted. A dissolved state is given its ISO 3166-3 code from the name as entered;
# everything else is coded from the official name.
_DISSOLVED_AS_ENTERED = {
    "USSR": "SUN", "Soviet Union": "SUN", "Union of Soviet Socialist Republics": "SUN",
    "Russia (Soviet Union)": "SUN", "Russian Federation (Soviet period)": "SUN",
    "Czechoslovakia": "CSK", "Former Czechoslovakia": "CSK",
    # ISO 3166-3 YUG covers the SFRY and the FRY ("Yugoslavia" until 2003) alike.
    "Yugoslavia": "YUG", "Socialist Federal Republic of Yugoslavia": "YUG",
    "Serbia and Montenegro": "SCG", "Serbia & Montenegro": "SCG",
}
_OFFICIAL = {
    "Germany, Former GDR": "DDR",
    "Yugoslavia": "YUG",
    "Yugoslavia (1918-1943)": "YUG",  # the Kingdom, the same subject as the later SFRY
    "Yemen, Democratic": "YMD",
    "Yemen, Arab Republic": "YEM",  # unified Yemen (1990) continues the YAR
    "Pacific Islands, Trust Territory": "PCI",
    "Zimbabwe (pre-1965)": "RHO",  # Southern Rhodesia
    # Renamed, not new: the Soviet-period republics that were UN members, and states whose
    # continuity through occupation or union is the accepted view.
    "Belarus (Soviet period)": "BLR", "Ukraine (Soviet period)": "UKR",
    "Estonia (pre-1940)": "EST", "Latvia (pre-1940)": "LVA", "Lithuania (pre-1940)": "LTU",
    "Iceland (pre-1944)": "ISL", "Norway (pre-1905)": "NOR", "Sweden (pre-1905)": "SWE",
    "Germany (pre-1949)": "DEU",  # the FRG's identity with the Reich (BVerfG 1973)
    # Self-governing from 1979 under the same governments, they acted in their own name
    # before the trusteeship ended (the 1982 Nauru Agreement counts their ratifications).
    "Micronesia (pre-1986)": "FSM", "Marshall Islands (pre-1986)": "MHL",
    # Names pycountry does not know.
    "Cape Verde": "CPV", "Congo, Democratic Republic of": "COD", "Congo, Republic of the": "COG",
    "Curacao": "CUW", "Faeroe Islands": "FRO", "Holy See": "VAT", "Micronesia": "FSM",
    "Korea, Democratic People's Republic": "PRK", "Palestine, Occupied Territories": "PSE",
    "Saint Helena": "SHN", "Saint Martin": "MAF",
    "Sahrawi Arab Democratic Republic": "ESH",  # ISO codes the territory, Western Sahara
    "Kosovo": "XKX",  # user-assigned code used by the EU and the IMF; ISO 3166 has none
    # Organisations, by their usual acronym (Participant.code).
    "European Union": "EU", "IO-European Atomic Energy Community": "EURATOM",
    "IO-IAEA": "IAEA", "IO-UN Food and Agriculture Organization": "FAO",
    "IO-World Health Organization": "WHO", "IO-World Meteorological Organization": "WMO",
    "IO-European Space Agency": "ESA", "IO-EUMETSAT": "EUMETSAT", "IO-Eutelsat": "EUTELSAT",
    "IO-International Bank for Reconstruction and Development": "IBRD",
    "IO-European Bank for Reconstruction and Development (EBRD)": "EBRD",
    "IO-Nordic Environment Finance Corporation (NEFCO)": "NEFCO",
    "IO-African Intellectual Property Organization": "OAPI",
    "IO-Comprehensive Nuclear-Test-Ban Treaty Organisation": "CTBTO",
    "IO-International Epizootic Bureau": "OIE", "IO-IUCN/SSC": "IUCN",
    "IO-Birdlife International": "BIRDLIFE", "IO-UNEP/CMS Secretariat": "UNEP-CMS",
    "Organisation of Eastern Caribbean States": "OECS",
}
_ORGANISATIONS = {code for name, code in _OFFICIAL.items() if name.startswith("IO-")}
_ORGANISATIONS |= {"EU", "OECS"}
# Dissolved states: the day they ceased and, where one exists, the state that continues
# them (DESIGN.md §5 rule 11). Czechoslovakia and the GDR have no continuator.
_DISSOLVED: dict[str, tuple[date, str | None]] = {
    "SUN": (date(1991, 12, 26), "RUS"),
    "CSK": (date(1993, 1, 1), None),
    "DDR": (date(1990, 10, 3), None),
    "YUG": (date(2003, 2, 4), "SCG"),  # the FRY renamed itself Serbia and Montenegro
    "SCG": (date(2006, 6, 3), "SRB"),
    "YMD": (date(1990, 5, 22), "YEM"),
    "PCI": (date(1994, 10, 1), None),
    "RHO": (date(1965, 11, 11), None),
}


def participant_code(official: str, entered: str) -> str | None:
    """The participant's code: ISO 3166-1 alpha-3, ISO 3166-3 for a dissolved state, an
    acronym for an organisation; None for an entity with no code (a German Land before
    1871, a colony before independence, a South African homeland)."""
    if entered in _DISSOLVED_AS_ENTERED:
        return _DISSOLVED_AS_ENTERED[entered]
    return _OFFICIAL.get(official) or _looked_up(official)


@lru_cache(maxsize=4096)
def _looked_up(official: str) -> str | None:
    """A name's code in ISO 3166 (pycountry), memoised: the same few hundred names recur
    in every row, and pycountry's fuzzy lookup is slow."""
    try:
        return str(pycountry.countries.lookup(official).alpha_3)
    except LookupError:
        historic = pycountry.historic_countries.get(name=official)
        return str(historic.alpha_3) if historic is not None else None


def participant_record(code: str) -> Participant:
    """The identity the engine needs: kind, existence, the continuator relation, and an
    organisation's members where the project's names files give them (the EU's)."""
    if code in _ORGANISATIONS:
        known = default_names().participants.get(code)
        members = known.members if known is not None else ()
        return Participant(code, ParticipantKind.ORGANISATION, members=members)
    ended = _DISSOLVED.get(code)
    existence = Period(end=ended[0]) if ended else Period()
    heirs = {heir: old for old, (_, heir) in _DISSOLVED.items() if heir is not None}
    return Participant(code, existence=existence, continuator_of=heirs.get(code))
