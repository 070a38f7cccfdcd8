"""The depositary's workflow on both engines: submit, examine, register or return, with
signatures and permissions; each operation leaves its entry in the log."""

from __future__ import annotations

from datetime import date

import pytest

from depositary.app.stored import Refusal, StoredRegister
from depositary.app.workflow import OFFICER, NotPermitted, Workflow, signed_payload
from depositary.domain.acts import Act, ActKind
from depositary.formats.register_file import act_id, act_item
from depositary.log.entries import EntryKind
from depositary.log.signatures import generate, sign

TODAY = date.today()
PEOPLE = [
    ("admin", {"id": "admin", "names": {"en": "Registrar"}}),
    ("clerk", {"id": "clerk", "names": {"en": "Depositary officer"}}),
    ("georgian-delegate", {
        "id": "georgian-delegate", "names": {"en": "Delegate of Georgia"},
        "capacities": [{"participant": "GEO", "role": "plenipotentiary", "from": "2025-01-01"}],
    }),
]


@pytest.fixture
def desk(ledger: StoredRegister) -> tuple[Workflow, dict[str, bytes]]:
    """A register with an administrator, an officer and a Georgian delegate, with keys."""
    ledger.append([(EntryKind.PERSON, key, data) for key, data in PEOPLE], "setup")
    workflow = Workflow(ledger)
    workflow.grant("admin", "administrator", by="admin")
    workflow.grant("clerk", OFFICER, by="admin")
    pems = {}
    for person in ("clerk", "georgian-delegate", "admin"):
        pem, public = generate()
        workflow.register_key(person, public, date(2025, 1, 1), by="admin")
        pems[person] = pem
    return workflow, pems


def accession(code: str = "GEO") -> Act:
    """An accession dated 12 January 2026 and received today (the depositary's date), with
    the id the depositary gives it."""
    day = date(2026, 1, 12)
    return Act(act_id("cis-charter", code, ActKind.ACCESSION, TODAY), "cis-charter", code,
               ActKind.ACCESSION, day, TODAY)


def countersigned(workflow: Workflow, pems: dict[str, bytes], act: str,
                  officer: str = "clerk") -> str:
    """The officer's countersignature of a pending act, made where the key is."""
    return sign(pems[officer], workflow.message(act))


def test_submit_examine_register(desk: tuple[Workflow, dict[str, bytes]]) -> None:
    """A signed accession is submitted, examined (with its consequences) and registered,
    countersigned; the register then shows Georgia a party again, and verify passes."""
    workflow, pems = desk
    act = accession()
    workflow.submit(act, "georgian-delegate", sign(pems["georgian-delegate"],
                                                   signed_payload(act)), TODAY)
    assert [act.id] == [p["act"]["id"] for p in workflow.pending()]
    found = workflow.examine(act.id, "clerk")
    assert (True, [f"GEO party from {TODAY}"]) == (found.admissible,
                                                   [str(c) for c in found.consequences])
    entry = workflow.register(act.id, "clerk", countersigned(workflow, pems, act.id), TODAY)
    register = workflow.ledger.register()
    assert "party" == register.evaluation("cis-charter").status_on(
        "GEO", TODAY
    ).status.value  # type: ignore[union-attr]
    assert ("georgian-delegate", "clerk") == (
        entry.data()["signed_by"], entry.data()["countersigned_by"]
    )
    assert [] == workflow.pending()
    assert workflow.ledger.verify().ok
    kinds = [e.kind for e in workflow.ledger.database.entries()[-4:]]
    assert [EntryKind.SUBMISSION, EntryKind.EXAMINATION, EntryKind.ACT,
            EntryKind.NOTIFICATION] == kinds


def test_a_delegate_submits_for_its_own_participant_only(
    desk: tuple[Workflow, dict[str, bytes]]
) -> None:
    """VCLT 7: Georgia's delegate cannot submit an act of Armenia."""
    workflow, pems = desk
    act = accession("ARM")
    with pytest.raises(NotPermitted, match="VCLT 7"):
        workflow.submit(act, "georgian-delegate",
                        sign(pems["georgian-delegate"], signed_payload(act)), TODAY)


@pytest.mark.parametrize("signer", ["clerk", "nobody"])
def test_a_wrong_or_missing_signature_is_refused(
    desk: tuple[Workflow, dict[str, bytes]], signer: str
) -> None:
    """An act signed with another person's key, or not signed, is refused."""
    workflow, pems = desk
    act = accession()
    signature = sign(pems[signer], signed_payload(act)) if signer in pems else "AAAA"
    head = workflow.ledger.database.head()
    with pytest.raises(NotPermitted, match="signature"):
        workflow.submit(act, "georgian-delegate", signature, TODAY)
    assert head == workflow.ledger.database.head()


def test_a_revoked_key_cannot_sign(desk: tuple[Workflow, dict[str, bytes]]) -> None:
    """From its revocation on, a key signs nothing."""
    workflow, pems = desk
    (key,) = workflow.keys("georgian-delegate")
    workflow.revoke_key("georgian-delegate", key.public, date(2025, 6, 1), by="admin")
    act = accession()
    with pytest.raises(NotPermitted, match="no key valid"):
        workflow.submit(act, "georgian-delegate",
                        sign(pems["georgian-delegate"], signed_payload(act)), TODAY)


def test_only_an_officer_registers_and_returns(desk: tuple[Workflow, dict[str, bytes]]) -> None:
    """The depositary's operations need the officer's role; a return states its reasons."""
    workflow, pems = desk
    act = accession()
    workflow.submit(act, "georgian-delegate",
                    sign(pems["georgian-delegate"], signed_payload(act)), TODAY)
    with pytest.raises(NotPermitted, match="depositary-officer"):
        workflow.register(act.id, "georgian-delegate",
                          countersigned(workflow, pems, act.id, "georgian-delegate"), TODAY)
    with pytest.raises(Refusal, match="reasons"):
        workflow.return_act(act.id, "clerk", " ")
    workflow.return_act(act.id, "clerk", "the instrument of accession is not signed by the "
                                         "head of state")
    assert [] == workflow.pending()


def test_only_an_administrator_grants_roles_once_there_is_one(
    desk: tuple[Workflow, dict[str, bytes]]
) -> None:
    """The first administrator is granted freely; after that only an administrator grants."""
    workflow, _ = desk
    with pytest.raises(NotPermitted, match="administrator"):
        workflow.grant("georgian-delegate", OFFICER, by="clerk")


def test_verify_names_an_act_whose_signature_does_not_verify(
    desk: tuple[Workflow, dict[str, bytes]]
) -> None:
    """An act written around the workflow with a forged countersignature is named by
    verify: the chain holds, the signature does not."""
    workflow, pems = desk
    act = accession()
    workflow.submit(act, "georgian-delegate",
                    sign(pems["georgian-delegate"], signed_payload(act)), TODAY)
    submitted = workflow.pending()[0]
    forged = dict(
        submitted["act"], signed_by="georgian-delegate", signature=submitted["signature"],
        countersigned_by="clerk", countersignature=sign(pems["admin"], "something else"),
    )
    entry, _notification = workflow.ledger.append(
        [(EntryKind.ACT, act.id, forged)], "intruder", signed=True
    )
    found = workflow.ledger.verify()
    assert (None, (entry.seq, "its countersignature by clerk does not verify")) == (
        found.broken_entry, found.bad_signature
    )


def test_the_depositary_sets_the_date_of_receipt(desk: tuple[Workflow, dict[str, bytes]]) -> None:
    """VCLT 16, 78: a delegate cannot backdate its consent by stating an earlier receipt."""
    workflow, pems = desk
    day = date(2025, 2, 1)
    act = Act("geo-backdated", "cis-charter", "GEO", ActKind.ACCESSION, day, day)
    with pytest.raises(NotPermitted, match="date of receipt"):
        workflow.submit(act, "georgian-delegate",
                        sign(pems["georgian-delegate"], signed_payload(act)), TODAY)


def test_signed_acts_come_only_through_the_workflow(ledger: StoredRegister) -> None:
    """An act carrying signature fields, appended by any other path, is refused."""
    day = date(2030, 1, 1)
    _, _, data = act_item(Act("x-signed", "cis-charter", "GEO", ActKind.ACCESSION, day, day))
    with pytest.raises(Refusal, match=r"only through act\.register"):
        ledger.append([(EntryKind.ACT, "x-signed", {**data, "signature": "AAAA"})], "someone")


def test_a_key_revoked_after_the_submission_leaves_it_valid(
    desk: tuple[Workflow, dict[str, bytes]]
) -> None:
    """A signature is judged by the keys its signer could use when it was made: a key
    revoked after the submission does not unmake it, for the workflow and verify alike."""
    workflow, pems = desk
    act = accession()
    workflow.submit(act, "georgian-delegate",
                    sign(pems["georgian-delegate"], signed_payload(act)), TODAY)
    (key,) = workflow.keys("georgian-delegate")
    workflow.revoke_key("georgian-delegate", key.public, TODAY, by="admin")
    workflow.register(act.id, "clerk", countersigned(workflow, pems, act.id), TODAY)
    assert workflow.ledger.verify().ok
