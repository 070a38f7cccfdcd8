"""Names files: identifiers and names a user adds without a code change, and the European
Union's members over time, which the project ships in the same format."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from depositary.domain.participants import ParticipantKind, is_user_assigned
from depositary.domain.provenance import Confidence
from depositary.formats import ieadb
from depositary.formats.errors import FormatError
from depositary.formats.names import BUILT_IN
from depositary.formats.names_file import default_names, names_of, read_names_file
from depositary.formats.untc import parse_status_table

CONSENT = '"Ratification, Accession(a), Formal confirmation(c)"'
FOUNDERS = {"BEL", "DEU", "FRA", "ITA", "LUX", "NLD"}


def names_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "names.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(FormatError) as raised:
        read_names_file(names_file(tmp_path, text))
    return raised.value.problems


# -- the European Union, shipped as data ----------------------------------------------------


@pytest.mark.parametrize(
    ("day", "count"),
    [
        (date(1957, 12, 31), 0),
        (date(1958, 1, 1), 6),  # the founders: the EEC Treaty in force
        (date(1973, 1, 1), 9),  # Denmark, Ireland, the United Kingdom
        (date(1981, 1, 1), 10),
        (date(1986, 1, 1), 12),
        (date(1995, 1, 1), 15),
        (date(2004, 5, 1), 25),
        (date(2007, 1, 1), 27),
        (date(2013, 7, 1), 28),  # Croatia
        (date(2020, 1, 31), 28),  # the United Kingdom's last day
        (date(2020, 2, 1), 27),
    ],
)
def test_the_eu_members_on_a_date(day: date, count: int) -> None:
    """The engine can read who the EU's members were on any date: each enlargement from
    the day its treaty entered into force, the United Kingdom until 31 January 2020."""
    eu = default_names().participants["EU"]

    assert count == len(eu.members_on(day))


def test_the_eu_founders_and_the_united_kingdom() -> None:
    """The six founders from 1958; the United Kingdom a member from 1973 to 2020."""
    eu = default_names().participants["EU"]

    assert FOUNDERS == eu.members_on(date(1958, 1, 1))
    assert "GBR" in eu.members_on(date(2020, 1, 31))
    assert "GBR" not in eu.members_on(date(2020, 2, 1))


def test_every_eu_membership_carries_its_source() -> None:
    """Every fact carries its source and confidence: the EU's own list, a secondary source."""
    eu = default_names().participants["EU"]

    assert ParticipantKind.ORGANISATION == eu.kind
    assert {Confidence.SECONDARY} == {m.provenance.confidence for m in eu.members}
    assert all("european-union.europa.eu" in m.provenance.source for m in eu.members)


@pytest.mark.parametrize(
    ("day", "name"),
    [(date(1990, 1, 1), "European Economic Community"), (date(2000, 1, 1), "European Community"),
     (date(2010, 1, 1), "European Union")],
)
def test_the_eu_names_by_period(day: date, name: str) -> None:
    """One participant under three names: the EEC, renamed at Maastricht, succeeded at
    Lisbon."""
    assert name == default_names().participants["EU"].name(day, short=False)


@pytest.mark.parametrize(
    "name", ["European Union", "European Community", "European Economic Community",
             "European Communities", "Union européenne", "Европейский союз"],
)
def test_the_eu_names_resolve(name: str) -> None:
    """Each of the EU's names, in each language, and its alias resolves to EU."""
    assert ("EU", ParticipantKind.ORGANISATION) == default_names().resolve(name)


def test_an_organisation_row_of_a_un_table_has_its_members() -> None:
    """The EU's row ("c", formal confirmation) makes a participant of kind organisation,
    with its members on the date of its act."""
    table = parse_status_table(
        f"Participant,Signature,{CONSENT}\nEuropean Union,30 Mar 2007,23 Dec 2010 c\n",
        "inline.csv", instrument="t",
    )
    eu = table.participants["EU"]

    assert ParticipantKind.ORGANISATION == eu.kind
    assert "formal-confirmation" == table.acts[1].kind.value
    assert 27 == len(eu.members_on(date(2010, 12, 23)))
    assert "European Union" == eu.name()


def test_the_ieadb_eu_has_its_members_too() -> None:
    """The IEADB codes its names its own way, and its EU takes the shipped members."""
    eu = ieadb.participant_record("EU")

    assert (ParticipantKind.ORGANISATION, 15) == (eu.kind, len(eu.members_on(date(1995, 1, 1))))


# -- a user's names file ----------------------------------------------------------------------

USER = """\
format: depositary/names@1
sources:
  atlas: "Marx Brothers, Duck Soup (1933)"
participants:
  - code: XFR
    kind: state
    names: [{en: Grand Duchy of Freedonia, en_short: Freedonia}]
    aliases: ["Freedonia (Grand Duchy of)"]
    source: atlas
    confidence: U
  - code: SF-UNION
    kind: organisation
    names: [{en: Sylvanian-Freedonian Union}]
    members:
      - {participant: XFR, from: 1933-11-17}
      - {participant: FRA, from: 1933-11-17, until: 1940-01-01}
"""


def test_a_users_names_resolve_in_a_table(tmp_path: Path) -> None:
    """A names file adds identifiers and names: a table writing them resolves, with the
    organisation's members, and the built-in names still resolve."""
    names = read_names_file(names_file(tmp_path, USER))
    table = parse_status_table(
        f"Participant,{CONSENT}\nFreedonia (Grand Duchy of),5 Feb 1990\n"
        "Sylvanian-Freedonian Union,6 Feb 1990 c\nGhana,7 Feb 1990\n",
        "inline.csv", instrument="t", names=names,
    )

    assert [] == table.errors
    assert ["XFR", "SF-UNION", "GHA"] == list(table.participants)
    union = table.participants["SF-UNION"]
    assert (ParticipantKind.ORGANISATION, {"XFR", "FRA"}) == (
        union.kind, union.members_on(date(1935, 1, 1))
    )
    assert "Marx Brothers, Duck Soup (1933)" == names.participants["XFR"].provenance.source


def test_a_users_file_overrides_the_built_in_names(tmp_path: Path) -> None:
    """A user's entry wins where it differs: another code for a name the project knows,
    and another membership for the EU; the names it does not mention stay."""
    path = names_file(tmp_path, """\
participants:
  - code: XKS
    kind: state
    names: [{en: Kosovo}]
  - code: EU
    kind: organisation
    members: [{participant: FRA, from: 1958-01-01}]
""")

    names = read_names_file(path)

    assert ("XKX", ParticipantKind.STATE) == BUILT_IN.resolve("Kosovo")
    assert ("XKS", ParticipantKind.STATE) == names.resolve("Kosovo")
    assert {"FRA"} == names.participants["EU"].members_on(date(2020, 1, 1))
    assert ("EU", ParticipantKind.ORGANISATION) == names.resolve("European Community")


def test_a_name_for_two_codes_is_an_error_naming_both(tmp_path: Path) -> None:
    """One name for two participants in a user's file is refused, naming both."""
    problems = problems_of(tmp_path, """\
participants:
  - {code: XFR, names: [{en: Freedonia}]}
  - {code: XSY, names: [{en: Sylvania}], aliases: [FREEDONIA]}
""")

    assert [
        "participants.1.aliases.0: the name 'FREEDONIA' is given to both XFR "
        "(participants.0.names.0.en) and XSY; one name must stand for one participant"
    ] == problems


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("participants:\n  - {code: CAN, kind: organisation}\n",
         "participants.0: Value error, CAN is an ISO 3166 alpha-3 code; an organisation's "
         "code is its acronym and never one"),
        ("participants:\n  - {code: FREEDONIA}\n",
         "participants.0.code: FREEDONIA is neither an ISO 3166 alpha-3 code nor one of "
         "ISO's user-assigned codes"),
        ("participants:\n  - {code: XFR}\n  - {code: XFR}\n",
         "participants.1.code: XFR is already given by participants.0"),
        ("participants:\n  - {code: FRA, members: [{participant: DEU}]}\n",
         "participants.0: Value error, members: FRA is a state; only an organisation has "
         "members"),
        ("participants:\n  - {code: OSCE, kind: organisation, members: [{participant: EU}]}\n",
         "participants.0.members.0.participant: EU is an organisation; a member of OSCE "
         "must be a state"),
        ("participants:\n  - {code: OSCE, kind: organisation, members: [{participant: XYZ1}]}\n",
         "participants.0.members.0.participant: XYZ1 is neither a participant of this file "
         "nor an ISO 3166 code"),
        ("participants:\n  - {code: XFR, names: [{en: ' '}]}\n",
         "participants.0.names.0.en: a name cannot be empty"),
        ("participants:\n  - {code: xfr}\n",
         "participants.0.code: String should match pattern"),
        ("format: depositary/register@1\n",
         "format: 'depositary/register@1' is not 'depositary/names@1'"),
        ("- XFR\n", "(top level): expected a names mapping, found a list"),
        ("", "(top level): expected a names mapping, found an empty file"),
        ("participants: [{code: XFR, nickname: Fredo}]\n",
         "participants.0.nickname: Extra inputs are not permitted"),
    ],
)
def test_a_bad_names_file_names_the_field(tmp_path: Path, text: str, problem: str) -> None:
    """Each rule of a names file is an error with the path of the field that breaks it."""
    problems = problems_of(tmp_path, text)

    assert any(p.startswith(problem) for p in problems), problems


def test_a_member_declared_as_a_state_in_the_file_is_accepted(tmp_path: Path) -> None:
    """A member ISO does not code is a state where the file declares it one."""
    names = read_names_file(names_file(tmp_path, USER))

    assert ParticipantKind.STATE == names.kind_of("XFR")


def test_a_missing_names_file_is_a_format_error(tmp_path: Path) -> None:
    """A file that cannot be read raises FormatError, not OSError."""
    with pytest.raises(FormatError):
        read_names_file(tmp_path / "absent.yaml")


def test_names_of_lays_a_file_over_a_base() -> None:
    """Without a user's file, readers use the built-in tables with the shipped names."""
    layer = names_of({"participants": [{"code": "XFR", "names": [{"en": "Freedonia"}]}]},
                     "inline", BUILT_IN)

    assert ("XFR", ParticipantKind.STATE) == layer.resolve("Freedonia")
    assert ("GHA", ParticipantKind.STATE) == layer.resolve("Ghana")
    assert None is BUILT_IN.resolve("Freedonia")


@pytest.mark.parametrize(
    ("code", "expected"),
    [("XKX", True), ("AAA", True), ("QMA", True), ("QZZ", True), ("ZZA", True),
     ("QLZ", False), ("FRA", False), ("XK", False), ("X1X", False), ("xkx", False)],
)
def test_user_assigned_codes(code: str, expected: bool) -> None:
    """ISO 3166-1's user-assigned alpha-3 ranges: AAA-AAZ, QMA-QZZ, XAA-XZZ, ZZA-ZZZ."""
    assert expected == is_user_assigned(code)
