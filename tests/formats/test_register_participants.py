"""Organisations in a register file: `kind: organisation` with its members over time,
validated with the field's path, and the same participants written back as entries."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from depositary.cli import app
from depositary.domain.participants import Member, Name, Participant, ParticipantKind
from depositary.domain.periods import Period
from depositary.domain.provenance import Confidence, Provenance
from depositary.formats.errors import FormatError
from depositary.formats.register_file import (
    items,
    parse_register,
    participant_from,
    participant_item,
)

SAMPLE = Path(__file__).parents[1] / "cli" / "fixtures" / "sample.yaml"
EEC = {
    "code": "EU", "kind": "organisation", "names": [{"en": "European Economic Community"}],
    "members": [
        {"participant": "FRA", "from": "1958-01-01", "source": "rome", "confidence": "S"},
        {"participant": "GBR", "from": "1973-01-01", "until": "2020-02-01"},
        {"participant": "XKX", "from": "2030-01-01"},  # a state of the built-in names
    ],
    "source": "rome",
}


def participants(*given: dict[str, object]) -> list[Participant]:
    spec = parse_register(
        {"sources": {"rome": "Treaty of Rome (1957)"}, "participants": list(given)}, "inline"
    )
    return [participant_from(data) for _, _, data in items(spec)]


def problems(*given: dict[str, object]) -> list[str]:
    with pytest.raises(FormatError) as raised:
        participants(*given)
    return raised.value.problems


def test_an_organisation_with_members_over_time() -> None:
    """A register file's organisation has its members by period, each with its source."""
    [eu] = participants(EEC)

    assert ParticipantKind.ORGANISATION == eu.kind
    assert {"FRA"} == eu.members_on(date(1960, 1, 1))
    assert {"FRA", "GBR"} == eu.members_on(date(2020, 1, 31))
    assert {"FRA"} == eu.members_on(date(2020, 2, 1))
    assert Provenance("Treaty of Rome (1957)", Confidence.SECONDARY) == eu.members[0].provenance


def test_a_member_may_be_a_state_the_file_declares() -> None:
    """A member ISO does not code is accepted where the file declares it a state."""
    union = {"code": "SF-UNION", "kind": "organisation", "members": [{"participant": "XFR"}]}

    found = participants({"code": "XFR"}, union)

    assert {"XFR"} == found[1].members_on(date(2000, 1, 1))


@pytest.mark.parametrize(
    ("given", "problem"),
    [
        ([{"code": "CAN", "kind": "organisation"}],
         "participants.0: Value error, CAN is an ISO 3166 alpha-3 code; an organisation's "
         "code is its acronym and never one"),
        ([{"code": "FRA", "members": [{"participant": "DEU"}]}],
         "participants.0: Value error, members: FRA is a state; only an organisation has "
         "members (give kind: organisation)"),
        ([{"code": "SCO", "kind": "organisation"},
          {"code": "CIS", "kind": "organisation", "members": [{"participant": "SCO"}]}],
         "participants.1.members.0.participant: SCO is an organisation; a member of CIS must "
         "be a state"),
        ([{"code": "CIS", "kind": "organisation", "members": [{"participant": "EU"}]}],
         "participants.0.members.0.participant: EU is an organisation; a member of CIS must "
         "be a state"),
        ([{"code": "CIS", "kind": "organisation", "members": [{"participant": "QQQQ"}]}],
         "participants.0.members.0.participant: QQQQ is neither a participant of this file "
         "nor an ISO 3166 code; a member of CIS must be a state"),
        ([{"code": "CIS", "kind": "organisation", "members": [{"participant": "CIS"}]}],
         "participants.0: Value error, members.0: an organisation is not its own member"),
        ([{"code": "CIS", "kind": "organisation", "members": [
            {"participant": "GEO", "from": "1993-12-09", "until": "2009-08-18"},
            {"participant": "GEO", "from": "2009-01-01"}]}],
         "participants.0: Value error, members.1: GEO's membership overlaps the one of "
         "members.0"),
        ([{"code": "CIS", "kind": "organisation", "members": [
            {"participant": "GEO", "from": "2009-08-18", "until": "1993-12-09"}]}],
         "participants.0.members.0: Value error, the membership ends (1993-12-09) before it "
         "starts (2009-08-18)"),
        ([{"code": "CIS", "kind": "organisation", "members": [{"participant": "GEO",
                                                                 "joined": "1993-12-09"}]}],
         "participants.0.members.0.joined: Extra inputs are not permitted"),
    ],
)
def test_a_bad_organisation_names_the_field(given: list[dict[str, object]], problem: str) -> None:
    """Each rule of an organisation and its members is an error with the field's path."""
    assert any(p.startswith(problem) for p in problems(*given)), problems(*given)


def test_a_state_that_left_and_joined_again_has_two_periods() -> None:
    """Periods one after the other are not an overlap."""
    [cis] = participants({"code": "CIS", "kind": "organisation", "members": [
        {"participant": "GEO", "from": "1993-12-09", "until": "2009-08-18"},
        {"participant": "GEO", "from": "2030-01-01"}]})

    assert frozenset() == cis.members_on(date(2010, 1, 1))
    assert {"GEO"} == cis.members_on(date(2031, 1, 1))


def test_a_participant_written_as_an_entry_reads_back_the_same() -> None:
    """An import writes a participant it read (a UN table's EU) as an entry: names by
    period, members and sources survive the round trip."""
    eu = Participant(
        "EU", ParticipantKind.ORGANISATION,
        (Name("en", "European Community", Period(date(1993, 11, 1), date(2009, 12, 1)), "EC"),
         Name("ru", "Европейский союз", Period(date(2009, 12, 1)))),
        provenance=Provenance("4-15.csv row 60", Confidence.SECONDARY),
        members=(Member("FRA", Period(date(1958, 1, 1)),
                        Provenance("EU countries", Confidence.SECONDARY, "a founder")),),
    )

    kind, key, data = participant_item(eu)

    assert ("participant", "EU") == (kind, key)
    assert eu == participant_from(data)


def test_a_register_file_with_a_bad_organisation_is_refused(tmp_path: Path) -> None:
    """The CLI refuses the file (exit 2) with the field's path, and reads nothing of it."""
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        SAMPLE.read_text(encoding="utf-8").replace(
            "participants:",
            "participants:\n  - {code: CAN, kind: organisation, names: [{en: Andean Community}]}",
            1,
        ),
        encoding="utf-8",
    )

    result = CliRunner().invoke(app, ["--register", str(bad), "instruments"])

    assert 2 == result.exit_code
    assert "participants.0: Value error, CAN is an ISO 3166 alpha-3 code" in result.output
    assert "Traceback" not in result.output
