"""The councils as Popolo JSON: the export of the bundled Commonwealth register validates
against the bundled Popolo schemas, says what the register says, and reads back."""

from __future__ import annotations

import copy
import json
from datetime import date
from functools import cache
from importlib.resources import files
from typing import Any

import pytest
from hypothesis import HealthCheck, given
from hypothesis import strategies as st

from depositary.app.bundled import SOURCE, commonwealth_items, load_commonwealth
from depositary.domain.participants import Person
from depositary.domain.procedures import Position
from depositary.domain.sessions import Decision
from depositary.formats.councils_file import decision_payload
from depositary.formats.errors import FormatError
from depositary.formats.popolo import COLLECTIONS, validate
from depositary.formats.popolo_import import import_items
from depositary.formats.register_file import NewEntry
from depositary.log.entries import EntryKind
from depositary.register import Register
from depositary.register.replay import apply_items
from depositary.shapes.popolo import export
from tests.examples import examples

COUNCIL = "council-of-heads-of-state"
SESSION_DAY = date(1996, 1, 19)  # Georgia is a member state then, Ukraine not
# Popolo has no property for a reservation or special opinion: the one extension (docs).
VOTE_EXTENSION = {"position", "note"}


@cache
def _read_items() -> list[NewEntry]:
    return commonwealth_items()


def _items() -> list[NewEntry]:
    """The bundled register's entries (`commonwealth_items`), its YAML read once per
    module rather than three times per Hypothesis example; a copy each time."""
    return copy.deepcopy(_read_items())


def _commonwealth() -> Register:
    """The bundled register in memory, as `load_commonwealth` makes it, from `_items`."""
    register = Register()
    apply_items(register, _items(), SOURCE)
    return register


@cache
def _exported() -> dict[str, Any]:
    return export(load_commonwealth())


def _bundled_export() -> dict[str, Any]:
    """The bundled register's Popolo export, made once per module; a copy each time."""
    return copy.deepcopy(_exported())


def _bundled_bodies() -> dict[str, dict[str, Any]]:
    """The bundled bodies' own entries: what Popolo cannot carry (procedures, rotation,
    membership rule) comes back from them."""
    return {key: data for kind, key, data in _items() if kind == EntryKind.BODY}


def _with_decision(stances: dict[str, tuple[Position, str]]) -> Register:
    """The bundled register with one session of the Council, one draft on its agenda, the
    members' positions (Russia's stated by Boris Yeltsin) and the decision they give."""
    register = _commonwealth()
    entries: list[NewEntry] = [
        (EntryKind.SESSION, "s1", {"id": "s1", "body": COUNCIL,
                                   "date": SESSION_DAY.isoformat(), "place": "Moscow"}),
        (EntryKind.MOTION, "m1", {"id": "m1", "session": "s1", "title": "A draft decision"}),
    ]
    for participant, (position, text) in sorted(stances.items()):
        data = {"motion": "m1", "participant": participant, "position": position.value,
                "text": text}
        if participant == "RUS":
            data["person"] = "boris-yeltsin"
        entries.append((EntryKind.POSITION, f"m1/{participant}", data))
    apply_items(register, entries, "test")
    outcome = register.councils.outcome("m1")
    decided = decision_payload(Decision("m1", SESSION_DAY, outcome))
    apply_items(register, [(EntryKind.DECISION, "m1", decided)], "test")
    return register


def _members() -> list[str]:
    return [m.participant for m in _commonwealth().councils.members(COUNCIL, SESSION_DAY)]


def _read_back(document: dict[str, Any], **options: Any) -> dict[str, Any]:
    """The document imported into the bundled register without its councils and persons
    (they come from the document), then exported again."""
    kept = [
        item for item in _items()
        if item[0] not in EntryKind.COUNCILS and item[0] != EntryKind.PERSON
    ]
    register = Register()
    apply_items(register, [*kept, *import_items(document, **options)], "popolo")
    return export(register)


def _without_other_labels(document: dict[str, Any]) -> dict[str, Any]:
    """Popolo's other_label is a bare string, with no language to read it back under."""
    copied = copy.deepcopy(document)
    for post in copied["posts"]:
        post.pop("other_label", None)
    return copied


def _memberships(document: dict[str, Any], member: str, body: str) -> list[dict[str, Any]]:
    return [
        m for m in document["memberships"]
        if m.get("member", {}).get("id") == member and m["organization_id"] == body
    ]


def test_export_of_the_bundled_register_validates() -> None:
    """Every object of the bundled register's export satisfies its Popolo schema."""
    document = _bundled_export()
    assert [] == validate(document)
    assert list(COLLECTIONS)[:7] == list(document)


def test_export_uses_only_the_properties_the_schemas_declare() -> None:
    """The schemas allow any property; the export keeps to the declared ones, but for
    a vote's exact position and text."""
    schemas = {
        f.name.removesuffix(".json"): json.loads(f.read_text("utf-8"))
        for f in files("depositary.data").joinpath("popolo/schemas").iterdir()
    }

    def undeclared(obj: dict[str, Any], name: str, where: str) -> list[str]:
        properties = schemas[name]["properties"]
        found = [f"{where}.{key}" for key in obj if key not in properties]
        for key, value in obj.items():
            ref = properties.get(key, {}).get("items", {}).get("$ref", "")
            if ref and isinstance(value, list):
                inner = ref.rsplit("/", 1)[-1].removesuffix(".json#")
                for n, item in enumerate(value):
                    found += undeclared(item, inner, f"{where}.{key}[{n}]")
        return found

    reserved = (Position.AGREE_WITH_RESERVATION, "a reservation")
    document = export(_with_decision(dict.fromkeys(_members(), reserved)))
    found = [
        problem for collection, objects in document.items() for n, obj in enumerate(objects)
        for problem in undeclared(obj, COLLECTIONS[collection], f"{collection}[{n}]")
    ]
    assert all(p.startswith("vote_events[0].votes[") for p in found)
    assert VOTE_EXTENSION == {p.rsplit(".", 1)[-1] for p in found}


def test_a_broken_object_is_named_with_its_field() -> None:
    """A schema violation names the list, the object's index and id, and the field."""
    document = _bundled_export()
    person = document["persons"][0]
    person["other_names"] = [{"note": "ru"}]
    membership = document["memberships"][0]
    membership["end_date"] = "17 August 2009"
    problems = validate(document)
    assert [
        f"persons[0] (id {person['id']!r}): other_names[0].name: 'name' is a required property",
        f"memberships[0] (id {membership['id']!r}): end_date: '17 August 2009' does not match "
        + repr(_membership_date_pattern()),
    ] == problems


def _membership_date_pattern() -> str:
    schema = json.loads(
        files("depositary.data").joinpath("popolo/schemas/membership.json").read_text("utf-8")
    )
    pattern: str = schema["properties"]["end_date"]["pattern"]
    return pattern


def test_a_document_that_is_not_popolo_is_refused() -> None:
    """Lists Popolo does not have, and lists that are not lists, are named."""
    assert [
        "bills: not a Popolo list; expected one of: " + ", ".join(COLLECTIONS),
        "persons: expected a list, found dict",
    ] == validate({"bills": [], "persons": {}})
    assert ["(top level): expected an object of Popolo lists, found list"] == validate([])


def test_ukraine_takes_part_in_the_council_without_being_a_member_state() -> None:
    """Ukraine, a founding state that never became a party to the Charter, is a
    participating non-member of the Council of Heads of State on 1 January 2019."""
    spans = _memberships(_bundled_export(), "UKR", COUNCIL)
    covering = [
        m for m in spans
        if m["start_date"] <= "2019-01-01" <= m.get("end_date", "9999-12-31")
    ]
    assert ["participating-non-member"] == [m["role"] for m in covering]
    assert {"@type": "Organization", "id": "UKR"} == covering[0]["member"]


def test_georgias_membership_ends_on_the_last_day_it_held() -> None:
    """Georgia's membership ends with 17 August 2009: Popolo's end date is inclusive, the
    register's withdrawal took effect on 18 August. Before, it was an acceding state until
    its ratification of the Charter (19 April 1994)."""
    spans = _memberships(_bundled_export(), "GEO", COUNCIL)
    assert ["1994-04-18", "2009-08-17"] == [m["end_date"] for m in spans if "end_date" in m]
    assert ["acceding-state", "member-state"] == [m["role"] for m in spans]


def test_shaposhnikov_commands_the_armed_forces_from_21_december_1991() -> None:
    """The Alma-Ata minutes gave Shaposhnikov the command, acting, on 21 December 1991; he
    was appointed on 14 February 1992 and relieved on 24 September 1993."""
    found = [
        m for m in _bundled_export()["memberships"]
        if m.get("post_id") == "commander-in-chief-armed-forces"
    ]
    assert [{
        "id": "commander-in-chief-armed-forces/yevgeny-shaposhnikov/1991-12-21",
        "person_id": "yevgeny-shaposhnikov", "post_id": "commander-in-chief-armed-forces",
        "organization_id": "joint-armed-forces-command", "role": "acting",
        "start_date": "1991-12-21", "end_date": "1992-02-13",
    }, {
        "id": "commander-in-chief-armed-forces/yevgeny-shaposhnikov/1992-02-14",
        "person_id": "yevgeny-shaposhnikov", "post_id": "commander-in-chief-armed-forces",
        "organization_id": "joint-armed-forces-command", "role": "appointed",
        "start_date": "1992-02-14", "end_date": "1993-09-23",
    }] == found


def test_a_person_acts_for_a_state_as_its_member() -> None:
    """A capacity (VCLT 7) is a membership of the person in the state, title as label."""
    found = [m for m in _bundled_export()["memberships"]
             if m.get("person_id") == "boris-yeltsin" and "post_id" not in m]
    assert [{
        "id": "boris-yeltsin/RUS/head-of-state/1991-07-10", "person_id": "boris-yeltsin",
        "organization_id": "RUS", "role": "head-of-state",
        "label": "President of the RSFSR (later President of the Russian Federation)",
        "start_date": "1991-07-10", "end_date": "1999-12-30",  # Popolo's end is inclusive
    }] == found


def _consensus_stances() -> dict[str, tuple[Position, str]]:
    stances = dict.fromkeys(_members(), (Position.AGREE, ""))
    stances["UKR"] = (Position.NON_INTEREST, "")
    stances["BLR"] = (Position.AGREE_WITH_RESERVATION, "a special opinion")
    return stances


def test_a_consensus_with_a_declared_non_interest_is_exported_as_passed() -> None:
    """Russia agrees, Ukraine declares its non-interest, the others agree (Belarus with a
    special opinion): adopted; the votes say who stated what."""
    document = export(_with_decision(_consensus_stances()))
    assert [] == validate(document)
    assert "pass" == document["motions"][0]["result"]
    assert "consensus" == document["motions"][0]["requirement"]
    event = document["vote_events"][0]
    assert ("m1", "pass") == (event["motion_id"], event["result"])
    assert [{"option": "yes", "value": 11}, {"option": "not voting", "value": 1}] == (
        event["counts"]
    )
    votes = {v["group_id"]: v for v in event["votes"]}
    assert {"voter_id": "boris-yeltsin", "group_id": "RUS", "option": "yes"} == votes["RUS"]
    assert {"voter_id": "UKR", "group_id": "UKR", "option": "not voting"} == votes["UKR"]
    assert {"voter_id": "BLR", "group_id": "BLR", "option": "yes",
            "position": "agree-with-reservation", "note": "a special opinion"} == votes["BLR"]


def test_round_trip_gives_the_same_export() -> None:
    """Export, import into the bundled register without its councils, export again: the
    same document, but for the posts' names in other languages (other_label has none)."""
    first = export(_with_decision(_consensus_stances()))
    second = _read_back(first, bodies=_bundled_bodies())
    assert _without_other_labels(first) == second
    assert all("other_label" not in post for post in second["posts"])


def test_without_the_bodies_the_states_memberships_are_not_read_back() -> None:
    """Popolo cannot carry a body's membership rule: imported without `bodies`, a body has
    none, so no state's membership is computed, and a state is listed only where a person
    acts for it (or it holds a post); the rest reads back."""
    first = _bundled_export()
    second = _read_back(first)
    expected = _without_other_labels(first)
    # A state's standing in a body is not read back; a state holding a post (a chair) is.
    expected["memberships"] = [m for m in expected["memberships"]
                               if "member" not in m or "post_id" in m]
    named = {m.get(key) for m in expected["memberships"]
             for key in ("organization_id", "on_behalf_of_id")}
    # A participant (a state, or an organisation as the SCO) comes back only where named.
    expected["organizations"] = [
        o for o in expected["organizations"]
        if o["classification"] not in {"state", "organisation"} or o["id"] in named
    ]
    assert expected == second
    assert [] == [m for m in second["memberships"] if "member" in m and "post_id" not in m]


def test_without_the_bodies_no_position_can_be_read_back() -> None:
    """A body read without its membership rule has no members to take positions: import
    says so, and what to give, before the register refuses each position."""
    document = export(_with_decision(_consensus_stances()))
    with pytest.raises(FormatError) as refused:
        import_items(document)
    assert [
        "vote_events[0] (id 'm1/vote-event'): votes: body 'council-of-heads-of-state' has no "
        "membership rule (Popolo cannot carry one), so no state can take a position in it: "
        "give the body's entry in `bodies`"
    ] == refused.value.problems


def test_a_requirement_the_imported_body_cannot_meet_is_refused() -> None:
    """A draft needing unanimity in a body read back deciding by consensus is named."""
    document = export(_with_decision(_consensus_stances()))
    document["motions"][0]["requirement"] = "unanimity"
    with pytest.raises(FormatError) as refused:
        import_items(document, source="council.json")
    assert [
        "motions[0] (id 'm1'): requirement: 'unanimity', but body 'council-of-heads-of-state' "
        "decides 'default' questions by 'consensus': give the body's entry in `bodies`"
    ] == refused.value.problems
    assert "council.json" == refused.value.source


@pytest.mark.parametrize(("field", "value", "problem"), [
    ("option", "maybe", "option: 'maybe' is not one of: yes, no, abstain, not voting, absent"),
    ("group_id", None, "group_id: required, and missing or empty"),
])
def test_a_bad_vote_is_refused_naming_it(field: str, value: Any, problem: str) -> None:
    """A vote the register cannot read is named by its vote event, index and field."""
    document = export(_with_decision(_consensus_stances()))
    vote = document["vote_events"][0]["votes"][0]
    vote.pop("position", None)
    vote[field] = value
    if value is None:
        del vote[field]
    with pytest.raises(FormatError) as refused:
        import_items(document, bodies=_bundled_bodies())
    assert [f"vote_events[0] (id 'm1/vote-event'): votes[0]: {problem}"] == (
        refused.value.problems
    )


def test_a_date_without_a_day_is_refused() -> None:
    """Popolo allows a year or a month; the register keeps days, and says so."""
    document = _bundled_export()
    appointment = next(m for m in document["memberships"] if "post_id" in m)
    appointment["start_date"] = "1991-12"
    with pytest.raises(FormatError) as refused:
        import_items(document)
    assert [
        f"memberships[{document['memberships'].index(appointment)}] "
        f"(id {appointment['id']!r}): start_date: '1991-12' is not a full date (YYYY-MM-DD): "
        "the register keeps days, not years or months"
    ] == refused.value.problems


def test_import_refuses_a_document_that_fails_its_schemas() -> None:
    """Import checks the document first and lists every schema problem."""
    with pytest.raises(FormatError) as refused:
        import_items({"persons": [{"id": 7}]})
    assert ["persons[0] (id 7): id: 7 is not of type 'string', 'null'"] == refused.value.problems


@examples(10, suppress_health_check=[HealthCheck.too_slow])  # a replay of the register each
@given(st.data())
def test_any_positions_read_back_as_recorded(data: st.DataObject) -> None:
    """Whatever the members' positions, and whether adopted or not, the vote event and the
    motion's result survive the round trip."""
    drawn = {member: data.draw(st.sampled_from(list(Position))) for member in _members()}
    # A reservation has its text (the register refuses one without); others may note one.
    stances = {
        member: (position, "a reservation" if position is Position.AGREE_WITH_RESERVATION
                 else data.draw(st.sampled_from(["", "a note"])))
        for member, position in drawn.items()
    }
    first = export(_with_decision(stances))
    assert _without_other_labels(first) == _read_back(first, bodies=_bundled_bodies())


def test_the_staff_are_not_in_the_public_document() -> None:
    """A person who only signs in and holds roles (an officer) is no public fact: its id
    is a sign-in name (UX review, M7). The heads of state who attended stay."""
    register = _commonwealth()
    register.persons["officer"] = Person("officer", {"en": "The depositary officer"})
    ids = {p["id"] for p in export(register)["persons"]}
    assert "officer" not in ids
    assert "boris-yeltsin" in ids
