"""Joint decisions in the stored register, on SQLite and PostgreSQL: positions signed by
the head of state in office, concurrences required, consultation windows; every refusal
names its reason and writes nothing (the nuclear agreement's Art. 4 procedure and a body
with a consulted participant)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from depositary.app.secretariat import Secretariat, position_payload
from depositary.app.stored import Refusal, StoredRegister
from depositary.app.workflow import SECRETARIAT, Workflow
from depositary.formats.register_file import signed_message
from depositary.log.entries import EntryKind
from depositary.log.signatures import generate, sign
from depositary.register.councils import CouncilError

HEADS = {"RUS": "boris-yeltsin", "BLR": "stanislav-shushkevich", "KAZ": "nursultan-nazarbayev",
         "UKR": "leonid-kravchuk", "ARM": "levon-ter-petrosyan", "burbulis": "gennady-burbulis"}
DAY = date(1992, 3, 2)


@pytest.fixture
def office(ledger: StoredRegister) -> tuple[Secretariat, dict[str, bytes]]:
    """The secretariat, the heads' private keys, a session of the joint command with the
    nuclear draft on its agenda, and a test body whose joint procedure consults Armenia."""
    ledger.append([(EntryKind.PERSON, "clerk", {"id": "clerk", "names": {"en": "A clerk"}})],
                  "test")
    workflow = Workflow(ledger)
    workflow.grant("clerk", "administrator", "clerk")
    workflow.grant("clerk", SECRETARIAT, "clerk")
    keys = {}
    for person in HEADS.values():
        private, public = generate()
        workflow.register_key(person, public, date(1991, 1, 1), "clerk")
        keys[person] = private
    ledger.append([(EntryKind.BODY, "consulting-command", {
        "alias": "consulting-command", "names": {"en": "A command that consults"},
        "membership": {"founding": ["strategic-forces-agreement-1991"]},
        "procedures": {"default": {"kind": "joint", "decider": "RUS",
                                   "in_agreement_with": ["BLR"],
                                   "in_consultation_with": ["ARM"], "window_days": 3}},
    })], "clerk")
    secretariat = Secretariat(ledger)
    secretariat.convene("jc-1992", "joint-armed-forces-command", DAY, "clerk")
    secretariat.table("nuclear", "jc-1992", "A decision under Art. 4", "clerk",
                      question="nuclear-use")
    secretariat.convene("cc-1992", "consulting-command", DAY, "clerk")
    secretariat.table("consulted", "cc-1992", "A decision after consultation", "clerk")
    return secretariat, keys


def concur(office: tuple[Secretariat, dict[str, bytes]], motion: str, participant: str,
           person: str | None = None, position: str = "agree", *, forge: bool = False) -> None:
    secretariat, keys = office
    signer = person or HEADS[participant]
    payload = position_payload(motion, participant, position, signer, day=DAY)
    signature = sign(keys[HEADS["KAZ" if forge else participant]] if forge else keys[signer],
                     signed_message(payload))
    secretariat.record(motion, participant, position, signer, day=DAY, signature=signature)


def refused(ledger: StoredRegister, action: Callable[[], object], message: str) -> None:
    head = ledger.database.head()
    with pytest.raises((Refusal, CouncilError), match=message):
        action()
    assert head == ledger.database.head()


def test_the_nuclear_decision_is_authorised_when_the_four_heads_concur(
    office: tuple[Secretariat, dict[str, bytes]],
) -> None:
    for code in ("RUS", "BLR", "KAZ", "UKR"):
        concur(office, "nuclear", code)
    decided = office[0].decide("nuclear", "clerk", today=DAY)
    assert decided.outcome.adopted
    assert ("BLR", "KAZ", "RUS", "UKR") == decided.outcome.bound
    assert office[0].ledger.verify().ok


def test_a_required_concurrence_missing_is_refused_with_the_reason(
    office: tuple[Secretariat, dict[str, bytes]],
) -> None:
    for code in ("RUS", "BLR", "KAZ"):
        concur(office, "nuclear", code)
    refused(office[0].ledger, lambda: office[0].decide("nuclear", "clerk", today=DAY),
            "not authorised on 1992-03-02: no valid concurrence of UKR")


def test_a_consultation_window_still_open_is_refused_with_the_reason(
    office: tuple[Secretariat, dict[str, bytes]],
) -> None:
    secretariat = office[0]
    concur(office, "consulted", "RUS")
    concur(office, "consulted", "BLR")
    refused(secretariat.ledger, lambda: secretariat.decide("consulted", "clerk", today=DAY),
            "ARM \\(consulted\\) has not been notified")
    secretariat.consult("consulted", "ARM", date(1992, 3, 1), "clerk")
    refused(secretariat.ledger, lambda: secretariat.decide("consulted", "clerk", today=DAY),
            "the consultation window of ARM is open until 1992-03-04")
    decided = secretariat.decide("consulted", "clerk", today=date(1992, 3, 4))
    assert decided.outcome.adopted


def test_a_forged_signature_is_refused(office: tuple[Secretariat, dict[str, bytes]]) -> None:
    refused(office[0].ledger, lambda: concur(office, "nuclear", "UKR", forge=True),
            "the signature is not leonid-kravchuk's signature of this position")


def test_a_signature_by_someone_not_in_office_is_refused(
    office: tuple[Secretariat, dict[str, bytes]],
) -> None:
    refused(office[0].ledger, lambda: concur(office, "nuclear", "RUS", HEADS["burbulis"]),
            "gennady-burbulis did not hold the office that speaks for RUS on 1992-03-02")


def test_an_unsigned_position_on_a_joint_decision_is_refused(
    office: tuple[Secretariat, dict[str, bytes]],
) -> None:
    secretariat = office[0]
    refused(secretariat.ledger,
            lambda: secretariat.record("nuclear", "RUS", "agree", HEADS["RUS"], day=DAY),
            "must be signed by the head of state of RUS")


def test_a_state_with_no_part_in_the_joint_decision_is_refused(
    office: tuple[Secretariat, dict[str, bytes]],
) -> None:
    refused(office[0].ledger, lambda: concur(office, "nuclear", "ARM"),
            "ARM has no part in the joint decision nuclear")


def test_verify_names_a_position_written_around_the_secretariat_with_a_forged_signature(
    office: tuple[Secretariat, dict[str, bytes]],
) -> None:
    secretariat, keys = office
    payload = position_payload("nuclear", "RUS", "agree", HEADS["RUS"], day=DAY)
    forged = payload | {"signed_by": HEADS["RUS"],
                        "signature": sign(keys[HEADS["KAZ"]], signed_message(payload))}
    refused(secretariat.ledger, lambda: secretariat.ledger.append(
        [(EntryKind.POSITION, "nuclear/RUS", forged)], "intruder"),
        "signed acts and positions enter the register only through")
    (entry,) = secretariat.ledger.append(
        [(EntryKind.POSITION, "nuclear/RUS", forged)], "intruder", signed=True)
    found = secretariat.ledger.verify()
    assert (None, (entry.seq, "its signature by boris-yeltsin does not verify")) == (
        found.broken_entry, found.bad_signature
    )
