"""The councils in the stored register, on SQLite and PostgreSQL: sessions, positions,
decisions and appointments as entries of the log; bad input refused with nothing written."""

from __future__ import annotations

from datetime import date

import pytest

from depositary.app.secretariat import Secretariat
from depositary.app.stored import Refusal, StoredRegister
from depositary.app.workflow import SECRETARIAT, NotPermitted, Workflow
from depositary.domain.acts import Act, ActKind
from depositary.domain.bodies import Category
from depositary.formats.register_file import act_item
from depositary.log.entries import EntryKind
from depositary.register.councils import CouncilError

CHS = "council-of-heads-of-state"


@pytest.fixture
def secretariat(ledger: StoredRegister) -> Secretariat:
    ledger.append([(EntryKind.PERSON, "clerk", {"id": "clerk", "names": {"en": "A clerk"}})],
                  "test")
    Workflow(ledger).grant("clerk", "administrator", "clerk")
    Workflow(ledger).grant("clerk", SECRETARIAT, "clerk")
    office = Secretariat(ledger)
    office.convene("chs-1996-01", CHS, date(1996, 1, 19), "clerk", place="Moscow")
    office.table("d1", "chs-1996-01", "On a draft of the test", "clerk")
    return office


def agree_all_but(office: Secretariat, **others: str) -> None:
    """Every member agrees on d1 but those named; "position: text" attaches a text."""
    members = [m.participant for m in office.ledger.register().councils.members(
        CHS, date(1996, 1, 19))]
    for member in members:
        position, _, text = others.get(member, "agree").partition(": ")
        office.record("d1", member, position, "clerk", text)


def test_an_adopted_decision_binds_exactly_those_that_agreed(secretariat: Secretariat) -> None:
    agree_all_but(secretariat, UKR="non-interest", TKM="absent",
                  MDA="agree-with-reservation: advisory for Moldova")
    decided = secretariat.decide("d1", "clerk")
    assert decided.outcome.adopted
    assert decided.instrument == "decision-d1"
    register = secretariat.ledger.register()
    evaluation = register.evaluation("decision-d1")
    day = date(1996, 2, 1)
    bound = {code for code in evaluation.intervals
             if (s := evaluation.status_on(code, day)) is not None and s.status.in_force}
    assert set(decided.outcome.bound) == bound
    assert {"UKR", "TKM"}.isdisjoint(bound)
    reservations = [a for a in register.acts("decision-d1") if a.kind.value == "reservation"]
    assert [("MDA", "advisory for Moldova")] == [(a.participant, a.text) for a in reservations]
    assert secretariat.ledger.verify().ok


def test_a_member_s_agreement_is_a_concurrence_not_a_signature(
    secretariat: Secretariat,
) -> None:
    agree_all_but(secretariat, UKR="non-interest")
    decided = secretariat.decide("d1", "clerk")
    register = secretariat.ledger.register()
    consents = [a for a in register.acts("decision-d1") if a.kind is not ActKind.RESERVATION]
    assert {ActKind.CONCURRENCE} == {a.kind for a in consents}
    assert set(decided.outcome.bound) == {a.participant for a in consents}
    chart = secretariat.ledger.status_chart("decision-d1", date(1996, 2, 1))
    # Bound without having signed: no signatory, every agreeing member a party.
    assert (0, len(decided.outcome.bound)) == (chart.counts.signatures, chart.counts.parties)
    assert all(row.consent_cell == "1996-01-19 D" for row in chart.rows if row.consent)


def test_a_concurrence_on_anything_but_a_decision_is_refused(ledger: StoredRegister) -> None:
    concurrence = Act("rus-concurs", "cis-charter", "RUS", ActKind.CONCURRENCE,
                      date(1996, 1, 19), date(1996, 1, 19))
    refused(ledger, lambda: ledger.append([act_item(concurrence)], "test"),
            "cis-charter is a charter, not a body's decision")


def test_a_decision_s_signatures_written_before_the_concurrence_read_as_one(
    ledger: StoredRegister,
) -> None:
    """A log written when `decide` recorded each member's agreement as a definitive
    signature: replayed, those acts are concurrences; the log itself is unchanged."""
    key = "/akn/cis/act/decision/1996-01-19/d0"
    ledger.append([
        (EntryKind.INSTRUMENT, key, {"id": key, "alias": "decision-d0", "kind": "decision",
                                     "titles": {"en": "An old decision"},
                                     "adopted": "1996-01-19"}),
        *(act_item(Act(f"decision-d0-{code.lower()}", key, code,
                       ActKind.DEFINITIVE_SIGNATURE, date(1996, 1, 19), date(1996, 1, 19)))
          for code in ("RUS", "KAZ")),
    ], "test")
    register = ledger.register()
    assert {ActKind.CONCURRENCE} == {a.kind for a in register.acts("decision-d0")}
    logged = [e.data()["kind"] for e in ledger.database.entries() if e.kind == EntryKind.ACT
              and e.key.startswith("decision-d0")]
    assert ["definitive-signature"] * 2 == logged


def test_a_single_objection_blocks_and_nothing_binds(secretariat: Secretariat) -> None:
    agree_all_but(secretariat, UKR="object")
    decided = secretariat.decide("d1", "clerk")
    assert not decided.outcome.adopted
    assert "blocked by the objection of UKR" in decided.outcome.said[0]
    instruments = secretariat.ledger.register().instruments.values()
    assert "decision-d1" not in {i.alias for i in instruments}


def refused(ledger: StoredRegister, action: object, message: str) -> None:
    head = ledger.database.head()
    with pytest.raises((Refusal, CouncilError), match=message):
        action()  # type: ignore[operator]
    assert head == ledger.database.head()


def test_a_position_by_a_state_that_is_not_a_member_is_refused(secretariat: Secretariat) -> None:
    # Georgia left on 2009-08-18; this session is in 2010.
    secretariat.convene("chs-2010", CHS, date(2010, 5, 8), "clerk")
    secretariat.table("d2", "chs-2010", "A later draft", "clerk")
    refused(secretariat.ledger, lambda: secretariat.record("d2", "GEO", "agree", "clerk"),
            "GEO is not a member of council-of-heads-of-state on 2010-05-08")


def test_a_position_recorded_twice_is_refused(secretariat: Secretariat) -> None:
    secretariat.record("d1", "RUS", "agree", "clerk")
    refused(secretariat.ledger, lambda: secretariat.record("d1", "RUS", "object", "clerk"),
            "RUS has already recorded its position on d1")


def test_a_decision_adopted_twice_is_refused(secretariat: Secretariat) -> None:
    agree_all_but(secretariat)
    secretariat.decide("d1", "clerk")
    refused(secretariat.ledger, lambda: secretariat.decide("d1", "clerk"),
            "d1 was already decided on 1996-01-19")
    refused(secretariat.ledger, lambda: secretariat.record("d1", "RUS", "object", "clerk"),
            "no position can be recorded after the decision")


def test_an_unknown_position_names_the_allowed_ones(secretariat: Secretariat) -> None:
    refused(secretariat.ledger, lambda: secretariat.record("d1", "RUS", "yes", "clerk"),
            "position 'yes' is not one of: agree, agree-with-reservation")


def test_an_appointment_to_a_post_that_does_not_exist_is_refused(
    secretariat: Secretariat,
) -> None:
    refused(secretariat.ledger, lambda: secretariat.appoint(
        "grand-vizier", "boris-yeltsin", "clerk", start=date(1995, 1, 1)), "no post 'grand-vizier'")


def test_overlapping_holders_of_a_single_holder_post_are_refused(
    secretariat: Secretariat,
) -> None:
    refused(secretariat.ledger, lambda: secretariat.appoint(
        "chair-council-of-heads-of-state", "leonid-kravchuk", "clerk",
        start=date(1994, 6, 1), end=date(1995, 6, 1),
    ), "single holder: leonid-kravchuk from 1994-06-01 overlaps boris-yeltsin")


def test_an_appointment_where_the_record_is_silent_is_written(
    secretariat: Secretariat,
) -> None:
    """The bundled record names no chair for 2011: an appointment filling that term is
    written, and then the register names its holder."""
    post = "chair-council-of-heads-of-state"
    councils = secretariat.ledger.register().councils
    assert [] == councils.holders(post, date(2011, 3, 1))
    secretariat.appoint(post, "nursultan-nazarbayev", "clerk",
                        start=date(2011, 1, 1), end=date(2012, 1, 1), on_behalf_of="KAZ")
    holders = secretariat.ledger.register().councils.holders(post, date(2011, 3, 1))
    assert ["nursultan-nazarbayev"] == [h.person for h in holders]


def test_an_appointment_over_a_recorded_term_is_refused(secretariat: Secretariat) -> None:
    refused(secretariat.ledger, lambda: secretariat.appoint(
        "chair-council-of-heads-of-state", "leonid-kravchuk", "clerk",
        start=date(1995, 1, 1), end=date(1996, 1, 1), on_behalf_of="UKR",
    ), "single holder")


def test_the_secretariat_s_operations_need_its_role(ledger: StoredRegister) -> None:
    office = Secretariat(ledger)
    refused(ledger, lambda: office.convene("s", CHS, date(1996, 1, 1), "boris-yeltsin"),
            "session.convene needs the role secretariat")
    assert NotPermitted.__mro__[1] is Refusal


def test_councils_are_bitemporal(secretariat: Secretariat) -> None:
    """A decision is an entry: as recorded before it, the register knew no decision."""
    before = secretariat.ledger.database.head()
    assert before is not None
    agree_all_but(secretariat)
    secretariat.decide("d1", "clerk")
    then = secretariat.ledger.register(as_recorded=before.recorded_at)
    assert "d1" not in then.councils.decisions
    assert "d1" in secretariat.ledger.register().councils.decisions


def test_a_later_act_does_not_unmake_a_session_already_recorded(
    secretariat: Secretariat,
) -> None:
    """A withdrawal recorded afterwards but dated before a session leaves the session's
    members as recorded: the register stays readable and verify passes."""
    from depositary.domain.acts import Act, ActKind
    from depositary.formats.register_file import act_item

    secretariat.convene("chs-2015", CHS, date(2015, 10, 16), "clerk")
    secretariat.table("d3", "chs-2015", "A draft of 2015", "clerk")
    secretariat.record("d3", "ARM", "agree", "clerk")
    notice = date(2012, 3, 1)
    secretariat.ledger.append([
        act_item(Act("arm-out-charter", "cis-charter", "ARM", ActKind.WITHDRAWAL, notice, notice)),
    ], "clerk")
    register = secretariat.ledger.register()
    assert "ARM" in (register.councils.sessions["chs-2015"].members or ())
    assert "ARM" not in {m.participant for m in register.councils.members(CHS, date(2015, 10, 16))
                         if m.category.value == "member-state"}
    assert secretariat.ledger.verify().ok


def test_members_from_the_kept_spans_are_the_register_s_on_every_day(
    ledger: StoredRegister,
) -> None:
    """`StoredRegister.members` filters each body's membership spans, kept per log head: on every
    day the register's membership can change, and the day before, it gives what the
    register computes; a new entry is seen at once."""
    register = ledger.register()
    for body in register.councils.bodies:
        days = {date(1991, 12, 1), date(2026, 1, 1)}
        for _, _, start, end in register.councils.membership_spans(body):
            days |= {d for d in (start, end) if d is not None}
        days |= {date.fromordinal(d.toordinal() - 1) for d in days}
        for day in sorted(days):
            expected = [(m.participant, m.category)
                        for m in register.councils.members(body, day)]
            assert expected == ledger.members(body, day), (body, day)
    later = date(2031, 1, 1)
    assert ("GEO", Category.MEMBER_STATE) not in ledger.members(CHS, later)
    ledger.append([act_item(Act("geo-2030", "cis-charter", "GEO", ActKind.ACCESSION,
                                date(2030, 1, 15), date(2030, 1, 15)))], "test")
    assert ("GEO", Category.MEMBER_STATE) in ledger.members(CHS, later)
    with pytest.raises(CouncilError, match="no-such-body"):
        ledger.members("no-such-body", date(2000, 1, 1))
