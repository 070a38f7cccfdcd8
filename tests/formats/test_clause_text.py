"""The entry-into-force clause extractor, on clause sentences quoted from real treaties
(most as IEADB's notes quote them, with the IEADB agreement number)."""

from __future__ import annotations

from datetime import date

import pytest

from depositary.domain.clauses import (
    AllSignatories,
    Clauses,
    Delay,
    LaterParticipants,
    OnDate,
    OnSignature,
    SignatureEffect,
    Threshold,
)
from depositary.formats.clause_text import clauses_from_text, extract, number, sentences

ROTTERDAM = (  # Rotterdam Convention (1998), art. 26
    "This Convention shall enter into force on the ninetieth day after the date of deposit of "
    "the fiftieth instrument of ratification, acceptance, approval or accession. For each State "
    "or regional economic integration organization that ratifies, accepts or approves this "
    "Convention or accedes thereto after the deposit of the fiftieth instrument of "
    "ratification, acceptance, approval or accession, the Convention shall enter into force on "
    "the ninetieth day after the date of deposit by such State or regional economic "
    "integration organization of its instrument of ratification, acceptance, approval or "
    "accession."
)
BASEL = (  # Basel Convention (1989), art. 25
    "The Convention shall enter into force on the ninetieth day after the date of deposit of "
    "the twentieth instrument of ratification, formal confirmation, approval or accession. For "
    "each State or political and/or economic integration organization which ratifies, accepts, "
    "approves or formally confirms this Convention or accedes thereto after the date of the "
    "deposit of the twentieth instrument of ratification, acceptance, approval, formal "
    "confirmation or accession, it shall enter into force on the ninetieth day after the date "
    "of deposit by such State or political and/or economic integration organization of its "
    "instrument of ratification, acceptance, approval, formal confirmation or accession."
)


def test_threshold_with_later_participants() -> None:
    """The UN formula: N-th instrument plus 90 days, and 90 days after a later deposit."""
    found = extract(ROTTERDAM)
    assert found is not None
    assert Threshold(50, Delay(days=90)) == found.clauses.entry_into_force
    assert Delay(days=90) == found.clauses.later_entry_into_force
    assert SignatureEffect.NONE == found.clauses.signature
    assert found.later_stated


def test_formal_confirmation_and_a_later_rule_whose_subject_is_it() -> None:
    """The Basel wording: "formal confirmation" counts, and "it" is the instrument."""
    clauses = clauses_from_text(BASEL)
    assert clauses is not None
    assert Threshold(20, Delay(days=90)) == clauses.entry_into_force
    assert Delay(days=90) == clauses.later_entry_into_force


def test_ordinal_in_digits() -> None:
    """"the 15th instrument" reads like "the fifteenth"."""
    text = (
        "This Convention shall enter into force on the ninetieth day after the date of deposit "
        "of the 15th instrument of ratification, acceptance, approval or accession."
    )
    found = extract(text)
    assert found is not None
    assert Threshold(15, Delay(days=90)) == found.clauses.entry_into_force
    assert not found.later_stated
    assert Delay() == found.clauses.later_entry_into_force


@pytest.mark.parametrize(
    ("text", "general", "later"),
    [
        (  # IEADB 5029, Carpathian Convention protocol on sustainable transport
            "The Convention shall enter into force on the ninetieth day after the date of "
            "deposit of the fourth instrument of ratification, approval, acceptance or "
            "accession. Thereafter the Convention shall enter into force for any other Party on "
            "the ninetieth day from the date of deposit of its instrument of ratification, "
            "acceptance, approval or accession",
            Threshold(4, Delay(days=90)),
            Delay(days=90),
        ),
        (  # IEADB 2934, Nauru Agreement (1982)
            "This Agreement shall enter into force 30 days following receipt by the depositary "
            "of the fifth instrument of ratification. Thereafter it shall enter into force for "
            "any signing or acceding State 30 days after receipt by the depositary of an "
            "instrument of ratification or accession",
            Threshold(5, Delay(days=30)),
            Delay(days=30),
        ),
        (  # IEADB 2652, Phytosanitary Convention for Africa (1954)
            "The present Convention shall enter into force on the date of deposit of the fourth "
            "instrument of ratification.(19560615) In respect of any signatory Government "
            "ratifying subsequently the Convention shall enter into force on the date of the "
            "deposit of its instrument of ratification",
            Threshold(4),
            Delay(),
        ),
        (  # IEADB 2600, ILO White Lead (Painting) Convention (1921)
            "This Convention shall come into force at the date on which the ratifications of "
            "two Members of the International Labour Organisation have been registered by the "
            "Director-General. Thereafter, the Convention shall come into force for any Member "
            "at the date on which its ratification has been registered with the International "
            "Labour Office",
            Threshold(2),
            Delay(),
        ),
        (  # IEADB 2616, Inter-American Institute of Agricultural Sciences (1944)
            "The present Convention shall come into force three months after the deposit of "
            "not less than five ratifications with the Pan American Union",
            Threshold(5, Delay(months=3)),
            Delay(),
        ),
        (  # IEADB 9677, Agreement on Climate Change, Trade and Sustainability (2024)
            "This Agreement shall enter into force on the first day of the third month "
            "following the date on which at least three signatories to this Agreement have "
            "notified the Depositary in writing of the completion of their applicable legal "
            "procedures.",
            Threshold(3, Delay(months=2, first_of_next_month=True)),
            Delay(),
        ),
        (  # IEADB 3180, Agreement on the Protection of the Scheldt (1994)
            "The Agreement shall enter into force on the first day of the second month "
            "following the receipt of the last notification (art. 12)",
            AllSignatories(Delay(months=1, first_of_next_month=True)),
            Delay(),
        ),
        (  # IEADB 4361, Finland-Sweden reindeer convention
            "It shall come into force ten days after the exchange of ratifications, and shall "
            "remain in force for a period of two years counting from the date on which either "
            "of the countries denounces it.",
            AllSignatories(Delay(days=10)),
            Delay(),
        ),
        (  # IEADB 3728
            "The present Agreement shall come into force on the First day of July 1954",
            OnDate(date(1954, 7, 1)),
            Delay(),
        ),
        (  # IEADB 1821, Denmark-Norway convention on East Greenland
            "The present Convention shall come into force on July 10, 1924, and shall remain in "
            "force without being subject to denunciation for twenty years",
            OnDate(date(1924, 7, 10)),
            Delay(),
        ),
    ],
)
def test_real_clauses(text: str, general: object, later: Delay) -> None:
    """Each real clause reads as the rule its words state."""
    clauses = clauses_from_text(text)
    assert clauses is not None
    assert general == clauses.entry_into_force
    assert later == clauses.later_entry_into_force


@pytest.mark.parametrize(
    "text",
    [
        "This Agreement shall enter into force upon signature and shall remain in force "
        "indefinitely",  # IEADB 4404
        "Article 15: This Agreement enters into force the date of signing",  # IEADB 3113
        "The present Agreement shall enter into force on the date of its signature and shall "
        "remain in force until otherwise agree by the Parties, subject to Article 7",  # 2980
    ],
)
def test_in_force_on_signature(text: str) -> None:
    """"Upon signature" and its variants: in force on signature, which binds."""
    clauses = clauses_from_text(text)
    assert clauses is not None
    assert OnSignature() == clauses.entry_into_force
    assert SignatureEffect.ALL == clauses.signature


def test_signature_count_when_not_subject_to_ratification() -> None:
    """IEADB 2899: counted signatures bind when the text says no ratification is needed."""
    text = (
        "This Convention is not subject to ratification and shall enter into force 30 days "
        "following the eighth signature. Thereafter it shall enter into force for any signing "
        "or acceding state thirty days after signature or the receipt by the depositary of an "
        "instrument of accession"
    )
    clauses = clauses_from_text(text)
    assert clauses is not None
    assert Threshold(8, Delay(days=30)) == clauses.entry_into_force
    assert Delay(days=30) == clauses.later_entry_into_force
    assert SignatureEffect.ALL == clauses.signature


def test_signature_by_all() -> None:
    """IEADB 5076: "the ninetieth (90) day following the date of signature by all"."""
    text = (
        "This Convention enters into force on the ninetieth (90) day following the date of "
        "signature by all Member States"
    )
    clauses = clauses_from_text(text)
    assert clauses is not None
    assert AllSignatories(Delay(days=90)) == clauses.entry_into_force
    assert SignatureEffect.ALL == clauses.signature


@pytest.mark.parametrize(
    "text",
    [  # IEADB 3009; IEADB 2602
        "This Protocol shall enter into force for each State on the date of its deposit with "
        "the depositary of its instrument of ratification.",
        "This Agreement shall come into force in respect of each signatory country from the "
        "date of deposit of its instrument of ratification",
    ],
)
def test_each_from_its_own_consent(text: str) -> None:
    """"For each State on the date of its deposit": no general rule, own consent binds."""
    assert Clauses(source=text.rstrip(".")) == clauses_from_text(text)


@pytest.mark.parametrize(
    "text",
    [
        # IEADB 3076: a named participant must be among the five.
        "The Arrangement will enter into force 14 days following receipt by the depositary of "
        "instruments of ratification by five signatories including Micronesia, Kiribati and "
        "Papua New Guinea",
        # IEADB 9227: only "eligible parties referred to in Article 12" count.
        "This Treaty shall enter into force three months after 15 eligible parties referred to "
        "in Article 12 have deposited their instruments of ratification or accession",
        # Montreal Protocol, art. 16: a share of consumption.
        "This Protocol shall enter into force on 1 January 1989, provided that at least eleven "
        "instruments of ratification, acceptance, approval of the Protocol or accession thereto "
        "have been deposited by States or regional economic integration organizations "
        "representing at least two-thirds of 1986 estimated global consumption of the "
        "controlled substances",
        # IEADB 3236: the later of two dates, one from another treaty.
        "This Protocol shall enter into force for each State on the date of its deposit with "
        "the Depositary of its instrument of ratification or the date of entry into force of "
        "the Treaty, whichever is later.",
        # IEADB 4533: a number with no unit ("30 after").
        "This Convention shall enter into force 30 after the fourth signature.",
        # IEADB 4415: only the rule for later participants; the general one is not stated.
        "For each signatory which ratifies, accepts or approves this Agreement after its entry "
        "into force, this Agreement shall enter into force for that signatory thirty (30) days "
        "after the deposit of its instrument of ratification, acceptance or approval",
        # CITES art. XV: amendments, not the instrument.
        "Amendments adopted at a meeting shall enter into force 90 days after that meeting for "
        "all Parties except those which make a reservation",
        # Two different general rules for one instrument.
        "This Agreement shall enter into force upon signature. This Agreement shall enter into "
        "force on the date of exchange of instruments of ratification",
        "",
    ],
)
def test_unsure_gives_none(text: str) -> None:
    """A compound, conditional, partial or contradictory clause gives None, not a guess."""
    assert None is extract(text)


def test_a_statement_about_another_instrument_is_ignored() -> None:
    """IEADB 3063: "... shall cease to have effect when the present Agreement enters into
    force" states no rule, and does not spoil a rule stated elsewhere."""
    text = (
        "The Agreement on the establishment of the Nordic Environmental Finance Corporation of "
        "3 March 1990 shall cease to have effect when the present Agreement enters into force. "
        "This Agreement shall enter into force upon signature."
    )
    clauses = clauses_from_text(text)
    assert clauses is not None
    assert OnSignature() == clauses.entry_into_force


def test_sentences_split_where_notes_run_together() -> None:
    """Notes omit the space after a full stop and close quotes before it."""
    text = "It is ratified.(19560615) In respect of any State.' 'The Convention// Next"
    expected = ["It is ratified", "(19560615) In respect of any State", "The Convention", "Next"]
    assert expected == sentences(text)


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("ninetieth", 90),
        ("15th", 15),
        ("sixty-first", 61),
        ("one hundred and fiftieth", 150),
        ("hundredth", 100),
        ("fiftieth", 50),
        ("twenty fifth", 25),
        ("thirty", 30),
        ("ninety one hundred", None),
        ("thirty thirty", None),
    ],
)
def test_number_words(words: str, value: int | None) -> None:
    """Cardinals and ordinals in words or digits; malformed sequences are None."""
    assert value == number(words)


def test_thereafter_is_read_from_the_entry_into_force() -> None:
    """"Thereafter" and "after the entry into force" make the later-participant rule for
    those consenting after the entry into force; "after the deposit of the N-th" for those
    after the condition was met."""
    thereafter = extract(  # IEADB 2899, the South Pacific Forum Fisheries Agency Convention
        "This Convention is not subject to ratification and shall enter into force 30 days "
        "following the eighth signature. Thereafter it shall enter into force for any signing "
        "or acceding state thirty days after signature or the receipt by the depositary of an "
        "instrument of accession.")
    assert thereafter is not None
    assert thereafter.clauses.later_participants is LaterParticipants.AFTER_ENTRY_INTO_FORCE
    rotterdam = extract(ROTTERDAM)
    assert rotterdam is not None
    assert rotterdam.clauses.later_participants is LaterParticipants.AFTER_CONDITION
