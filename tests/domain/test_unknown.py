""""Unknown" is an answer: where an instrument's final clause or a participant's consent
is not established, the engine says so, with what is known and what is missing, and
never a guess presented as fact (issue 12). And every status carries the confidence and
sources of what it rests on."""

from __future__ import annotations

from dataclasses import replace

from depositary.domain.acts import ActKind
from depositary.domain.clauses import (
    AllPartiesOf,
    AnyOf,
    Clauses,
    Delay,
    NamedParticipants,
    NotEstablished,
    OnDate,
    SignatureEffect,
    Threshold,
)
from depositary.domain.instruments import Unsettled
from depositary.domain.provenance import Confidence, Provenance
from depositary.domain.status import Status
from tests.domain.builders import act, d, instrument, run, status

TEXT = Provenance("the treaty's text", Confidence.VERIFIED)
NEWS = Provenance("a news report", Confidence.SECONDARY)
GUESS = Provenance("the register's reading", Confidence.UNVERIFIED)


def test_an_unread_clause_makes_signatures_and_consents_unknown() -> None:
    """The Provisional Agreement of 30 December 1991: its final clause was never read, so
    neither "in force on signature" nor "subject to ratification" is claimed."""
    treaty = instrument("councils", Clauses(NotEstablished("the final clause was not read"),
                                            provenance=NEWS), adopted="1991-12-30")
    evaluation = run(treaty, [act("RUS", ActKind.SIGNATURE, "1991-12-30"),
                              act("KAZ", ActKind.SIGNATURE, "1991-12-30"),
                              act("KAZ", ActKind.RATIFICATION, "1992-03-01")])
    assert (None, False) == (evaluation.entry_into_force, evaluation.entry_into_force_known)
    assert (Status.UNKNOWN, Status.UNKNOWN) == (
        status(evaluation, "RUS", "1995-01-01"), status(evaluation, "KAZ", "1995-01-01"))
    counts = evaluation.counts(d("1995-01-01"))
    assert (2, 0, 0, None) == (counts.unknown, counts.parties, counts.signatories,
                               counts.still_needed)
    row = evaluation.status_on("RUS", d("1995-01-01"))
    assert row is not None
    reasons = " ".join(str(r) for r in row.reasons)
    assert "the final clause was not read" in reasons
    assert "ratification" not in reasons


def test_a_known_withdrawal_ends_the_unknown() -> None:
    """A notice whose date of effect it states itself settles the end, whatever the
    clause: withdrawn from then."""
    treaty = instrument("councils", Clauses(NotEstablished()), adopted="1991-12-30")
    notice = act("KAZ", ActKind.WITHDRAWAL, "2000-01-01", effective="2000-06-01")
    evaluation = run(treaty, [act("KAZ", ActKind.RATIFICATION, "1992-03-01"), notice])
    assert [Status.UNKNOWN, Status.WITHDRAWN] == [
        status(evaluation, "KAZ", day) for day in ("2000-05-31", "2000-06-01")]


def test_an_alternative_that_cannot_be_read_makes_the_whole_clause_unknown() -> None:
    treaty = instrument("t", Clauses(AnyOf((OnDate(d("1994-01-22")), NotEstablished()))))
    evaluation = run(treaty, [act("RUS", ActKind.RATIFICATION, "1993-07-20")])
    assert (None, False) == (evaluation.entry_into_force, evaluation.entry_into_force_known)


def test_missing_deposits_make_the_nuclear_agreement_unknown_for_each_of_the_four() -> None:
    """Art. 8: thirty days after all four deposits. Belarus ratified on a day not found;
    Ukraine's registry says in force for it from signature; Kazakhstan's and Russia's
    ratifications were not found."""
    four = ("BLR", "KAZ", "RUS", "UKR")
    questions = (
        Unsettled("Art. 8 needs the four deposits", "the deposits", provenance=NEWS),
        Unsettled("Belarus's Supreme Soviet ratified it", "the date", "BLR", d("1991-12-22"),
                  provenance=TEXT),
        Unsettled("Ukraine's registry: in force from signature", "any deposit", "UKR",
                  provenance=NEWS),
    )
    treaty = replace(
        instrument("nuclear", Clauses(NamedParticipants(four, Delay(days=30)), provenance=TEXT),
                   adopted="1991-12-21"),
        unsettled=questions,
    )
    evaluation = run(treaty, [act(code, ActKind.SIGNATURE, "1991-12-21") for code in four])
    assert (None, False, None) == (evaluation.entry_into_force, evaluation.entry_into_force_known,
                                   evaluation.counts(d("2000-01-01")).still_needed)
    on = "2000-01-01"
    assert [Status.UNKNOWN, Status.SIGNATORY, Status.SIGNATORY, Status.UNKNOWN] == [
        status(evaluation, code, on) for code in four]
    # On the day after signature Belarus is unknown already; on the day itself, a signatory.
    assert (Status.SIGNATORY, Status.UNKNOWN) == (
        status(evaluation, "BLR", "1991-12-21"), status(evaluation, "BLR", "1991-12-22"))
    belarus = evaluation.status_on("BLR", d(on))
    assert belarus is not None
    assert "unknown: Belarus's Supreme Soviet ratified it; missing: the date" == str(
        belarus.reasons[0])
    assert Confidence.VERIFIED is belarus.evidence.confidence


def test_an_open_question_closes_at_the_participant_s_next_consent() -> None:
    """Moldova signed the Charter on a day not known: unknown from the day after adoption
    until its ratification, then a party."""
    treaty = replace(
        instrument("charter", Clauses(OnDate(d("1994-01-22")), provenance=TEXT),
                   adopted="1993-01-22"),
        unsettled=(Unsettled("signed after adoption", "the date of its signature", "MDA",
                             d("1993-01-23"), provenance=NEWS),),
    )
    evaluation = run(treaty, [act("MDA", ActKind.RATIFICATION, "1994-06-27", dated="1994-04-26"),
                              act("RUS", ActKind.RATIFICATION, "1993-07-20")])
    assert [Status.UNKNOWN, Status.UNKNOWN, Status.PARTY] == [
        status(evaluation, "MDA", day) for day in ("1993-01-23", "1994-06-26", "1994-06-27")]
    assert evaluation.entry_into_force_known  # a participant's question is its own


def test_a_signature_that_does_not_bind_claims_no_ratification_clause() -> None:
    """A treaty silent on signature: the reason says the clauses do not make it binding,
    not that it is "subject to ratification"."""
    evaluation = run(instrument("t", Clauses(Threshold(2), provenance=TEXT)),
                     [act("ARM", ActKind.SIGNATURE, "1992-01-01")])
    row = evaluation.status_on("ARM", d("1992-02-01"))
    assert row is not None and Status.SIGNATORY is row.status
    assert "the clauses do not make this signature binding" in str(row.reasons[0])
    assert "subject to ratification" not in str(row.reasons[0])


def test_a_status_is_as_sure_as_the_least_sure_fact_it_rests_on() -> None:
    """The Alma-Ata Protocol: Belarus is bound by its signature on the register's reading
    of the mixed mode (U), Kazakhstan by its ratification (S) under a clause read in the
    text (V)."""
    clauses = Clauses(None, signature=SignatureEffect.LISTED, signature_binds=("BLR",),
                      provenance=TEXT, signature_provenance=GUESS)
    signature = replace(act("BLR", ActKind.SIGNATURE, "1991-12-21"), provenance=TEXT)
    ratification = replace(act("KAZ", ActKind.RATIFICATION, "1991-12-23"), provenance=NEWS)
    evaluation = run(instrument("protocol", clauses), [signature, ratification])
    belarus = evaluation.status_on("BLR", d("1992-01-01"))
    kazakhstan = evaluation.status_on("KAZ", d("1992-01-01"))
    assert belarus is not None and kazakhstan is not None
    assert (Confidence.UNVERIFIED, Confidence.SECONDARY) == (
        belarus.evidence.confidence, kazakhstan.evidence.confidence)
    assert {"the treaty's text", "the register's reading"} == set(belarus.evidence.sources)
    # The general date rests on Belarus's signature: the reading of the mixed mode.
    assert evaluation.entry_into_force_evidence is not None
    assert Confidence.UNVERIFIED is evaluation.entry_into_force_evidence.confidence


def test_a_contracting_participant_s_reason_names_no_date_others_will_bring() -> None:
    """Russia's ratification of the Charter, received 20 July 1993: until the Charter
    entered into force the reason names the rule it awaits, not the general reason that
    cites the last of the acts that brought it into force."""
    treaty = instrument("charter", Clauses(OnDate(d("1994-01-22")), provenance=TEXT),
                        adopted="1993-01-22")
    evaluation = run(treaty, [act("RUS", ActKind.RATIFICATION, "1993-07-20")])
    contracting = evaluation.status_on("RUS", d("1993-08-01"))
    assert contracting is not None and Status.CONTRACTING is contracting.status
    assert "awaits its entry into force" in str(contracting.reasons[1])


def test_a_signatory_whose_status_is_unknown_can_withdraw_on_a_stated_date() -> None:
    """The Provisional Agreement: a signatory's status is unknown, and its notice that
    states its date of effect ends it there, whatever the unread clause says."""
    treaty = instrument("councils", Clauses(NotEstablished()), adopted="1991-12-30")
    evaluation = run(treaty, [
        act("UKR", ActKind.SIGNATURE, "1991-12-30"),
        act("UKR", ActKind.WITHDRAWAL, "2026-03-01", effective="2026-06-01"),
    ])
    assert [Status.UNKNOWN, Status.WITHDRAWN] == [
        status(evaluation, "UKR", day) for day in ("2026-05-31", "2026-06-01")]


def test_a_unanimity_amendment_whose_parent_is_not_known_is_unknown() -> None:
    """The 1956 Protocol to the Whaling Convention waits for every party to the 1946
    Convention; without the Convention's parties, its entry into force is unknown, never
    "not yet in force"."""
    protocol = instrument("icrw-protocol", Clauses(entry_into_force=AllPartiesOf("icrw")),
                          adopted="1956-11-19")
    evaluation = run(protocol, [act("NOR", ActKind.RATIFICATION, "1957-01-01")])
    assert not evaluation.entry_into_force_known
    assert evaluation.entry_into_force_reason is not None
    assert "the register does not know the parties to icrw" in (
        evaluation.entry_into_force_reason.text)
