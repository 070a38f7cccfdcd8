"""The rules of DESIGN.md §5, one or a few tests each, on real treaties' dates.

Deposit dates come from the UN Treaty Collection status tables (the untc-zmjones snapshot
in ../shared/data, March 2015) unless a comment says otherwise; CIS dates from
../shared/cis/FACTS.md with its confidence tags. Where no real case is at hand the
participants are ISO 3166 user-assigned codes (XAA, XAB, ...) so that no test states a
fact about a real state that it did not do. Rule 13 (numbered notifications) is a later
issue and is not tested here.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from depositary.domain.acts import Act, ActKind
from depositary.domain.admissibility import ActRejected
from depositary.domain.clauses import (
    AllPartiesOf,
    AllSignatories,
    AnyOf,
    Clauses,
    Delay,
    NamedParticipants,
    OnDate,
    OnSignature,
    Participation,
    ProvisionalApplication,
    ReservationRule,
    Reservations,
    Share,
    SignatureEffect,
    Threshold,
    Withdrawal,
)
from depositary.domain.instruments import Instrument, InstrumentKind
from depositary.domain.reservations import ReservationState
from depositary.domain.status import Status
from depositary.register.register import Register
from tests.domain.builders import (
    act,
    d,
    in_force_from,
    instrument,
    participant,
    participants,
    register_with,
    run,
    status,
    table,
)

K = ActKind
S = Status

# -- real treaties ------------------------------------------------------------------------

# VCLT art. 84: the 30th day after the 35th instrument; for later states the 30th day after
# their own. The 2015 table lacks the SFRY (ratified 27 Aug 1970; its row was replaced by
# its successors'), which makes Togo's accession of 28 Dec 1979 the 35th instrument.
VCLT_DEPOSITS = """
NGA:1969-07-31 JAM:1970-07-28 YUG:1970-08-27 SYR:1970-10-02 CAN:1970-10-14 TUN:1971-06-23
BRB:1971-06-24 GBR:1971-06-25 NZL:1971-08-04 NER:1971-10-27 CAF:1971-12-10 PRY:1972-02-03
LSO:1972-03-03 ESP:1972-05-16 MAR:1972-09-26 PHL:1972-11-15 ARG:1972-12-05 MUS:1973-01-18
AUS:1974-06-13 ITA:1974-07-25 MEX:1974-09-25 GRC:1974-10-30 SWE:1975-02-04 KWT:1975-11-11
TZA:1976-04-12 DNK:1976-06-01 CYP:1976-12-28 VAT:1977-02-25 KOR:1977-04-27 COD:1977-07-25
FIN:1977-08-19 NRU:1978-05-05 AUT:1979-04-30 HND:1979-09-20 TGO:1979-12-28 RWA:1980-01-03
"""
VCLT = instrument(
    "vclt",
    Clauses(
        entry_into_force=Threshold(35, Delay(days=30)),
        later_entry_into_force=Delay(days=30),
        source="VCLT art. 84",
    ),
    adopted="1969-05-23",
    kind=InstrumentKind.CONVENTION,
)

# CRC art. 49: the 30th day after the 20th instrument. Three instruments arrived on
# 3 Aug 1990 (the 20th to 22nd); the USSR's ratification (the Russian Federation's row
# today) is entered as SUN.
CRC_DEPOSITS = """
GHA:1990-02-05 VNM:1990-02-28 ECU:1990-03-23 VAT:1990-04-20 BLZ:1990-05-02 GTM:1990-06-06
SLE:1990-06-18 BOL:1990-06-26 SWE:1990-06-29 MNG:1990-07-05 EGY:1990-07-06 SLV:1990-07-10
GIN:1990-07-13 KNA:1990-07-24 MUS:1990-07-26 KEN:1990-07-30 SEN:1990-07-31 BTN:1990-08-01
TGO:1990-08-01 BEN:1990-08-03 BGD:1990-08-03 SDN:1990-08-03 FRA:1990-08-07 GMB:1990-08-08
HND:1990-08-10 CHL:1990-08-13 SUN:1990-08-16 UGA:1990-08-17 GNB:1990-08-20 CRI:1990-08-21
PHL:1990-08-21 BFA:1990-08-31
"""
# Signatures of the same states (Guinea and Mauritius acceded without signing).
CRC_SIGNATURES = """
GHA:1990-01-29 VNM:1990-01-26 ECU:1990-01-26 VAT:1990-04-20 BLZ:1990-03-02 GTM:1990-01-26
SLE:1990-02-13 BOL:1990-03-08 SWE:1990-01-26 MNG:1990-01-26 EGY:1990-02-05 SLV:1990-01-26
KNA:1990-01-26 KEN:1990-01-26 SEN:1990-01-26 BTN:1990-06-04 TGO:1990-01-26 BEN:1990-04-25
BGD:1990-01-26 SDN:1990-07-24 FRA:1990-01-26 GMB:1990-02-05 HND:1990-05-31 CHL:1990-01-26
SUN:1990-01-26 UGA:1990-08-17 GNB:1990-01-26 CRI:1990-01-26 PHL:1990-01-26 BFA:1990-01-26
"""
CRC = instrument(
    "crc",
    Clauses(
        entry_into_force=Threshold(20, Delay(days=30)),
        later_entry_into_force=Delay(days=30),
        source="CRC art. 49",
    ),
    adopted="1989-11-20",
    kind=InstrumentKind.CONVENTION,
)

# Rome Statute art. 126: the first day of the month after the 60th day following the 60th
# instrument, and likewise after each later state's own. Ten instruments were deposited
# together on 11 Apr 2002 (the 57th to 66th). Deposits to 1 Jul 2002.
ROME_DEPOSITS = """
SEN:1999-02-02 TTO:1999-04-06 SMR:1999-05-13 ITA:1999-07-26 FJI:1999-11-29 GHA:1999-12-20
NOR:2000-02-16 BLZ:2000-04-05 TJK:2000-05-05 ISL:2000-05-25 VEN:2000-06-07 FRA:2000-06-09
BEL:2000-06-28 CAN:2000-07-07 MLI:2000-08-16 LSO:2000-09-06 NZL:2000-09-07 BWA:2000-09-08
LUX:2000-09-08 SLE:2000-09-15 GAB:2000-09-20 ESP:2000-10-24 ZAF:2000-11-27 MHL:2000-12-07
DEU:2000-12-11 AUT:2000-12-28 FIN:2000-12-29 ARG:2001-02-08 DMA:2001-02-12 AND:2001-04-30
PRY:2001-05-14 HRV:2001-05-21 CRI:2001-06-07 ATG:2001-06-18 DNK:2001-06-21 SWE:2001-06-28
NLD:2001-07-17 SRB:2001-09-06 NGA:2001-09-27 LIE:2001-10-02 CAF:2001-10-03 GBR:2001-10-04
CHE:2001-10-12 PER:2001-11-10 NRU:2001-11-12 POL:2001-11-12 HUN:2001-11-30 SVN:2001-12-31
BEN:2002-01-22 EST:2002-01-30 ECU:2002-02-05 PRT:2002-02-05 MUS:2002-03-05 MKD:2002-03-06
CYP:2002-03-07 PAN:2002-03-21 BGR:2002-04-11 BIH:2002-04-11 COD:2002-04-11 IRL:2002-04-11
JOR:2002-04-11 KHM:2002-04-11 MNG:2002-04-11 NER:2002-04-11 ROU:2002-04-11 SVK:2002-04-11
GRC:2002-05-15 UGA:2002-06-14 BRA:2002-06-20 NAM:2002-06-25 BOL:2002-06-27 GMB:2002-06-28
LVA:2002-06-28 URY:2002-06-28 AUS:2002-07-01 HND:2002-07-01
"""
ROME_DELAY = Delay(days=60, first_of_next_month=True)
ROME = instrument(
    "rome-statute",
    Clauses(
        entry_into_force=Threshold(60, ROME_DELAY),
        later_entry_into_force=ROME_DELAY,
        reservations=Reservations(ReservationRule.PROHIBITED),
        withdrawal=Withdrawal(delay=Delay(months=12)),
        source="Rome Statute arts. 120, 126, 127",
    ),
    adopted="1998-07-17",
)

# Kyoto Protocol art. 25: the 90th day after at least 55 Parties, incorporating Annex I
# Parties with at least 55% of Annex I CO2 emissions in 1990, have deposited. The European
# Community's instrument is left out: art. 25(4) does not count it as additional to its
# members'. Deposits to 18 Nov 2004.
KYOTO_DEPOSITS = """
FJI:1998-09-17 ATG:1998-11-03 TUV:1998-11-16 SLV:1998-11-30 MDV:1998-12-30 TKM:1999-01-11
TTO:1999-01-28 PAN:1999-03-05 BHS:1999-04-09 NIU:1999-05-06 GEO:1999-06-16 FSM:1999-06-21
JAM:1999-06-28 CYP:1999-07-16 PRY:1999-08-27 GTM:1999-10-05 UZB:1999-10-12 NIC:1999-11-18
BOL:1999-11-30 PLW:1999-12-10 MNG:1999-12-15 ECU:2000-01-13 HND:2000-07-19 BRB:2000-08-07
GNQ:2000-08-16 LSO:2000-09-06 GIN:2000-09-07 KIR:2000-09-07 MEX:2000-09-07 AZE:2000-09-28
WSM:2000-11-27 URY:2001-02-05 ROU:2001-03-19 MUS:2001-05-09 GMB:2001-06-01 VUT:2001-07-17
SEN:2001-07-20 NRU:2001-08-16 COK:2001-08-27 ARG:2001-09-28 BDI:2001-10-18 BGD:2001-10-22
MWI:2001-10-26 MLT:2001-11-11 CZE:2001-11-15 COL:2001-11-30 MAR:2002-01-25 DOM:2002-02-12
BEN:2002-02-25 DJI:2002-03-12 UGA:2002-03-25 MLI:2002-03-28 PNG:2002-03-28 CUB:2002-04-30
ISL:2002-05-23 NOR:2002-05-30 AUT:2002-05-31 BEL:2002-05-31 DEU:2002-05-31 DNK:2002-05-31
ESP:2002-05-31 FIN:2002-05-31 FRA:2002-05-31 GBR:2002-05-31 GRC:2002-05-31 IRL:2002-05-31
ITA:2002-05-31 LUX:2002-05-31 NLD:2002-05-31 PRT:2002-05-31 SVK:2002-05-31 SWE:2002-05-31
JPN:2002-06-04 LVA:2002-07-05 SYC:2002-07-22 ZAF:2002-07-31 SVN:2002-08-02 GRD:2002-08-06
CRI:2002-08-09 BGR:2002-08-15 HUN:2002-08-21 KHM:2002-08-22 BRA:2002-08-23 BTN:2002-08-26
CHL:2002-08-26 IND:2002-08-26 TZA:2002-08-26 CMR:2002-08-28 THA:2002-08-28 CHN:2002-08-30
LKA:2002-09-03 MYS:2002-09-04 PER:2002-09-12 VNM:2002-09-25 EST:2002-10-14 LBR:2002-11-05
KOR:2002-11-08 POL:2002-12-13 CAN:2002-12-17 NZL:2002-12-19 LTU:2003-01-03 JOR:2003-01-17
TUN:2003-01-22 LAO:2003-02-06 SLB:2003-03-13 MDA:2003-04-22 ARM:2003-04-25 KGZ:2003-05-13
GHA:2003-05-30 CHE:2003-07-09 GUY:2003-08-05 BWA:2003-08-08 MHL:2003-08-11 MMR:2003-08-13
LCA:2003-08-20 NAM:2003-09-04 MDG:2003-09-24 BLZ:2003-09-26 PHL:2003-11-20 ISR:2004-03-15
UKR:2004-04-12 TGO:2004-07-02 RWA:2004-07-22 YEM:2004-09-15 NER:2004-09-30 SDN:2004-11-02
MKD:2004-11-18 RUS:2004-11-18
"""
# The annex to decision 1/CP.3: Annex I CO2 emissions in 1990, in per cent as printed.
ANNEX_I_1990_CO2 = {
    "AUS": 2.1, "AUT": 0.4, "BEL": 0.8, "BGR": 0.6, "CAN": 3.3, "CZE": 1.2, "DNK": 0.4,
    "EST": 0.3, "FIN": 0.4, "FRA": 2.7, "DEU": 7.4, "GRC": 0.6, "HUN": 0.5, "ISL": 0.0,
    "IRL": 0.2, "ITA": 3.1, "JPN": 8.5, "LVA": 0.2, "LIE": 0.0, "LUX": 0.1, "MCO": 0.0,
    "NLD": 1.2, "NZL": 0.2, "NOR": 0.3, "POL": 3.0, "PRT": 0.3, "ROU": 1.2, "RUS": 17.4,
    "SVK": 0.4, "ESP": 1.9, "SWE": 0.4, "CHE": 0.3, "GBR": 4.3, "USA": 36.1,
}  # fmt: skip
KYOTO = instrument(
    "kyoto-protocol",
    Clauses(
        entry_into_force=Threshold(
            55, Delay(days=90), Share(55.0, ANNEX_I_1990_CO2, "Annex I 1990 CO2 emissions")
        ),
        later_entry_into_force=Delay(days=90),
        source="Kyoto Protocol art. 25",
    ),
    adopted="1997-12-11",
    kind=InstrumentKind.PROTOCOL,
)

# The CIS Charter (FACTS.md): adopted 22 Jan 1993; in force for all founding states when
# all have deposited, or one year after adoption for those that have; 12 months' notice
# of withdrawal (art. 9). The founding states (art. 7) had ratified the 1991 Agreement
# and Protocol by the Charter's adoption; Turkmenistan and Ukraine never ratified the
# Charter, so only the second alternative ever applied.
CIS_FOUNDERS = ("ARM", "BLR", "KAZ", "KGZ", "RUS", "TKM", "UKR", "UZB")
CIS_MEMBERS = ("ARM", "AZE", "BLR", "GEO", "KAZ", "KGZ", "MDA", "RUS", "TJK", "UZB")
CHARTER = instrument(
    "cis-charter",
    Clauses(
        entry_into_force=AnyOf((NamedParticipants(CIS_FOUNDERS), OnDate(d("1994-01-22")))),
        withdrawal=Withdrawal(delay=Delay(months=12)),
        source="CIS Charter arts. 7, 9, 45",
    ),
    adopted="1993-01-22",
    kind=InstrumentKind.CHARTER,
)
# Signatures on adoption [V]; ratifications [S] from FACTS.md (Georgia's [U]).
CHARTER_SIGNATURES = "ARM BLR KAZ KGZ RUS TJK UZB"
CHARTER_RATIFICATIONS = """
TJK:1993-08-04 AZE:1993-12-14 BLR:1994-01-18 UZB:1994-02-09 ARM:1994-03-16 KGZ:1994-04-12
KAZ:1994-04-20 MDA:1994-06-27
"""


def charter_register(*extra: str) -> Register:
    """The CIS Charter with its signatures and ratifications; Russia's ratification
    (dated 1993-04-15, received 1993-07-20) and Georgia's accession included."""
    register = register_with(CHARTER, codes=(*CIS_MEMBERS, *extra))
    for code in CHARTER_SIGNATURES.split():
        register.deposit(act(code, K.SIGNATURE, "1993-01-22", instrument="cis-charter"))
    register.deposit(
        act("RUS", K.RATIFICATION, "1993-07-20", dated="1993-04-15", instrument="cis-charter")
    )
    for ratification in table(CHARTER_RATIFICATIONS, instrument="cis-charter"):
        register.deposit(ratification)
    register.deposit(act("GEO", K.ACCESSION, "1994-04-19", instrument="cis-charter"))
    return register


def deposits(cells: str, instrument: str = "") -> list[Act]:
    """Instruments of consent from a status table; the engine treats ratification,
    acceptance, approval and (unconditioned) accession alike, so all are ratifications."""
    return table(cells, K.RATIFICATION, instrument)


def rome_register(*codes: str) -> Register:
    """The Rome Statute with its deposits to 1 Jul 2002."""
    cells = deposits(ROME_DEPOSITS, "rome-statute")
    register = register_with(ROME, codes=[*codes, *(a.participant for a in cells)])
    register.deposit_all(cells)
    return register


# -- rule 1: consent on receipt ----------------------------------------------------------


def test_consent_takes_effect_on_receipt_not_on_the_document_date() -> None:
    """VCLT 16, 78: Russia's Charter ratification dated 1993-04-15 binds from its receipt."""
    evaluation = charter_register().evaluation("cis-charter")

    assert S.SIGNATORY == status(evaluation, "RUS", "1993-05-01")
    assert S.SIGNATORY == status(evaluation, "RUS", "1993-07-19")
    assert S.CONTRACTING == status(evaluation, "RUS", "1993-07-20")


def test_consent_reason_cites_receipt_and_document_date() -> None:
    """VCLT 16: the reason for Russia's status names both dates and the article."""
    evaluation = charter_register().evaluation("cis-charter")
    row = evaluation.status_on("RUS", d("1993-08-01"))

    assert row is not None
    assert "ratification received 1993-07-20 (dated 1993-04-15)" == row.reasons[0].text
    assert "VCLT 16" == row.reasons[0].rule


# -- rule 2: general entry into force ----------------------------------------------------


def test_threshold_vclt_in_force_30_days_after_35th_instrument() -> None:
    """VCLT 24(1), VCLT art. 84(1): in force 27 Jan 1980, 30 days after Togo's, the 35th."""
    evaluation = run(VCLT, deposits(VCLT_DEPOSITS))

    assert d("1980-01-27") == evaluation.entry_into_force
    assert evaluation.entry_into_force_reason is not None
    assert ("TGO-ratification-1979-12-28",) == evaluation.entry_into_force_reason.acts
    assert S.CONTRACTING == status(evaluation, "NGA", "1980-01-26")
    assert S.PARTY == status(evaluation, "NGA", "1980-01-27")


def test_threshold_crc_in_force_30_days_after_20th_instrument() -> None:
    """VCLT 24(1), CRC art. 49(1): the 20th instrument on 3 Aug 1990; in force 2 Sep 1990."""
    evaluation = run(CRC, deposits(CRC_DEPOSITS))

    assert d("1990-09-02") == evaluation.entry_into_force
    assert S.CONTRACTING == status(evaluation, "GHA", "1990-09-01")
    assert S.PARTY == status(evaluation, "GHA", "1990-09-02")
    assert S.PARTY == status(evaluation, "SDN", "1990-09-02")


def test_threshold_instruments_of_the_same_day_count_together() -> None:
    """VCLT 24(1), Rome Statute art. 126(1): ten on 11 Apr 2002 passed 60; in force 1 Jul 2002."""
    evaluation = run(ROME, deposits(ROME_DEPOSITS))

    assert d("2002-07-01") == evaluation.entry_into_force
    for code in ("BGR", "BIH", "COD", "IRL", "JOR", "KHM", "MNG", "NER", "ROU", "SVK"):
        assert S.PARTY == status(evaluation, code, "2002-07-01"), code
    assert S.CONTRACTING == status(evaluation, "SEN", "2002-06-30")


def test_threshold_with_share_waits_for_the_share() -> None:
    """VCLT 24(1), Kyoto art. 25(1): 55 parties in 2002, 55% only with Russia (18 Nov 2004):
    in force 16 Feb 2005."""
    evaluation = run(KYOTO, deposits(KYOTO_DEPOSITS))

    assert d("2005-02-16") == evaluation.entry_into_force
    assert evaluation.entry_into_force_reason is not None
    assert "RUS-ratification-2004-11-18" in evaluation.entry_into_force_reason.acts
    assert S.CONTRACTING == status(evaluation, "JPN", "2005-02-15")
    assert S.PARTY == status(evaluation, "JPN", "2005-02-16")
    assert S.PARTY == status(evaluation, "RUS", "2005-02-16")


def test_threshold_share_without_russia_is_not_enough() -> None:
    """VCLT 24(1), Kyoto art. 25(1): without Russia's 17.4% the Protocol never enters into force."""
    without_russia = [a for a in deposits(KYOTO_DEPOSITS) if a.participant != "RUS"]

    evaluation = run(KYOTO, without_russia)

    assert None is evaluation.entry_into_force
    assert S.CONTRACTING == status(evaluation, "JPN", "2010-01-01")


def test_alternatives_cis_charter_one_year_after_adoption() -> None:
    """VCLT 24(1), CIS Charter art. 45: not all founders ratified, so in force 22 Jan 1994
    for the four that had deposited by then."""
    register = charter_register()
    evaluation = register.evaluation("cis-charter")

    assert d("1994-01-22") == evaluation.entry_into_force
    assert evaluation.entry_into_force_reason is not None
    assert evaluation.entry_into_force_reason.text.startswith("first of alternatives")
    assert frozenset({"AZE", "BLR", "RUS", "TJK"}) == register.parties_of(
        "cis-charter", d("1994-01-22")
    )
    assert S.CONTRACTING == status(evaluation, "RUS", "1994-01-21")


def test_alternatives_all_founders_when_they_all_deposit_first() -> None:
    """VCLT 24(1), CIS Charter art. 45: had all founders deposited before 22 Jan 1994, the
    Charter would have entered into force on the last deposit (illustrative dates)."""
    founders = " ".join(f"{code}:1993-0{3 + i % 6}-01" for i, code in enumerate(CIS_FOUNDERS))

    evaluation = run(CHARTER, deposits(founders))

    assert d("1993-08-01") == evaluation.entry_into_force


def test_named_participants_all_four_then_30_days() -> None:
    """VCLT 24(1), 1991 Agreement on Joint Measures on Nuclear Weapons art. 8: 30 days after
    all four instruments (ratification dates illustrative: not found in a primary text)."""
    nuclear = instrument(
        "nuclear-weapons-1991",
        Clauses(entry_into_force=NamedParticipants(("BLR", "KAZ", "RUS", "UKR"), Delay(days=30))),
        adopted="1991-12-21",
    )
    acts = deposits("RUS:1992-01-10 BLR:1992-02-01 KAZ:1992-03-02 UKR:1992-05-15")

    partial = run(nuclear, acts[:3])
    evaluation = run(nuclear, acts)

    assert None is partial.entry_into_force
    assert d("1992-06-14") == evaluation.entry_into_force
    assert S.PARTY == status(evaluation, "RUS", "1992-06-14")


def test_on_date_for_those_that_consented_by_then() -> None:
    """VCLT 24(1): a fixed date (Istanbul Convention, 1 Aug 2014) binds those that consented
    before it; Turkey, first to ratify (14 Mar 2012), became a party that day."""
    istanbul = instrument(
        "istanbul-convention", Clauses(entry_into_force=OnDate(d("2014-08-01"))),
        adopted="2011-05-11",
    )

    evaluation = run(istanbul, [act("TUR", K.RATIFICATION, "2012-03-14")])

    assert S.CONTRACTING == status(evaluation, "TUR", "2014-07-31")
    assert S.PARTY == status(evaluation, "TUR", "2014-08-01")


def test_all_signatories_in_force_after_the_last_signatory_consents() -> None:
    """VCLT 24(1): "when all signatories have ratified", 30 days after the last (illustrative)."""
    treaty = instrument("all-signatories", Clauses(entry_into_force=AllSignatories(Delay(days=30))))
    acts = [
        act("XAA", K.SIGNATURE, "2000-01-10"),
        act("XAB", K.SIGNATURE, "2000-01-10"),
        act("XAA", K.RATIFICATION, "2000-03-01"),
        act("XAB", K.RATIFICATION, "2000-04-01"),
    ]

    evaluation = run(treaty, acts)

    assert d("2000-05-01") == evaluation.entry_into_force
    assert S.PARTY == status(evaluation, "XAA", "2000-05-01")


def test_all_signatories_later_signature_does_not_undo_entry_into_force() -> None:
    """VCLT 24(1): a signature after entry into force leaves the treaty in force for parties."""
    treaty = instrument("all-signatories", Clauses(entry_into_force=AllSignatories(Delay(days=30))))
    acts = [
        act("XAA", K.SIGNATURE, "2000-01-10"),
        act("XAB", K.SIGNATURE, "2000-01-10"),
        act("XAA", K.RATIFICATION, "2000-03-01"),
        act("XAB", K.RATIFICATION, "2000-04-01"),
        act("XAC", K.SIGNATURE, "2001-01-15"),
    ]

    evaluation = run(treaty, acts)

    assert d("2000-05-01") == evaluation.entry_into_force
    assert S.PARTY == status(evaluation, "XAA", "2000-06-01")


# -- rule 3: later participants ----------------------------------------------------------


def test_later_participant_own_deposit_plus_delay() -> None:
    """VCLT 24(3), Rome Statute art. 126(2): Japan acceded 17 Jul 2007; party 1 Oct 2007."""
    evaluation = run(
        ROME, [*deposits(ROME_DEPOSITS), act("JPN", K.ACCESSION, "2007-07-17")]
    )

    assert S.CONTRACTING == status(evaluation, "JPN", "2007-09-30")
    assert S.PARTY == status(evaluation, "JPN", "2007-10-01")
    assert d("2007-10-01") == in_force_from(evaluation, "JPN", "2007-10-01")


@pytest.mark.parametrize(
    ("treaty", "cells", "who", "expected"),
    [
        pytest.param(ROME, ROME_DEPOSITS, "GRC", "2002-08-01", id="rome-greece"),
        pytest.param(ROME, ROME_DEPOSITS, "UGA", "2002-09-01", id="rome-uganda"),
        pytest.param(ROME, ROME_DEPOSITS, "AUS", "2002-09-01", id="rome-australia"),
        pytest.param(CRC, CRC_DEPOSITS, "FRA", "1990-09-06", id="crc-france"),
        pytest.param(VCLT, VCLT_DEPOSITS, "RWA", "1980-02-02", id="vclt-rwanda"),
    ],
)
def test_later_participant_between_trigger_and_entry_into_force(
    treaty: Instrument, cells: str, who: str, expected: str
) -> None:
    """VCLT 24(3): consent after the N-th instrument but before entry into force: in force
    max(general date, own receipt + delay) (Greece: 15 May 2002 -> 1 Aug 2002)."""
    evaluation = run(treaty, deposits(cells))
    day_before = (d(expected) - timedelta(days=1)).isoformat()

    assert d(expected) == in_force_from(evaluation, who, expected)
    assert S.CONTRACTING == status(evaluation, who, day_before)


# -- rule 4: mixed mode ------------------------------------------------------------------


MIXED = instrument(
    "cis-mixed",
    Clauses(
        entry_into_force=OnSignature(),
        signature=SignatureEffect.LISTED,
        signature_binds=("BLR", "RUS"),
        source="CIS practice: in force on signature, for others on notification",
    ),
    adopted="1991-12-30",
)


def test_mixed_mode_signature_binds_listed_participants() -> None:
    """CIS practice (VCLT 12(1)(a)): Belarus's and Russia's signatures bind on 30 Dec 1991
    (illustrative agreement)."""
    acts = [act(code, K.SIGNATURE, "1991-12-30") for code in ("BLR", "RUS", "UKR", "KAZ")]

    evaluation = run(MIXED, acts)

    assert d("1991-12-30") == evaluation.entry_into_force
    assert S.PARTY == status(evaluation, "BLR", "1991-12-30")
    assert S.PARTY == status(evaluation, "RUS", "1991-12-30")
    assert S.SIGNATORY == status(evaluation, "UKR", "1991-12-30")
    assert S.SIGNATORY == status(evaluation, "KAZ", "1991-12-30")


def test_mixed_mode_others_bound_on_notification() -> None:
    """CIS practice (VCLT 12, 24(3)): a signatory not listed is bound from its notification."""
    acts = [act(code, K.SIGNATURE, "1991-12-30") for code in ("BLR", "RUS", "UKR")]
    acts.append(act("UKR", K.NOTIFICATION, "1992-03-10"))

    evaluation = run(MIXED, acts)

    assert S.SIGNATORY == status(evaluation, "UKR", "1992-03-09")
    assert S.PARTY == status(evaluation, "UKR", "1992-03-10")


# -- rule 5: provisional application -----------------------------------------------------


ECT = instrument(
    "energy-charter-treaty",
    Clauses(
        # art. 44(1): the 90th day after the 30th instrument (16 Jan 1998) = 16 Apr 1998.
        entry_into_force=OnDate(d("1998-04-16")),
        provisional_application=ProvisionalApplication(from_signature=True),
        source="ECT arts. 44, 45",
    ),
    adopted="1994-12-17",
)
ECT_RUSSIA = [
    act("RUS", K.SIGNATURE, "1994-12-17", instrument="energy-charter-treaty"),
    # art. 45(3)(a): termination takes effect 60 days after receipt of the notification.
    act(
        "RUS", K.PROVISIONAL_APPLICATION_END, "2009-08-20", effective="2009-10-19",
        instrument="energy-charter-treaty",
    ),
]


def test_provisional_application_from_signature_until_termination() -> None:
    """VCLT 25(1), ECT art. 45(1): Russia applied the ECT provisionally from signature,
    17 Dec 1994, past its general entry into force, and not after termination."""
    evaluation = run(ECT, ECT_RUSSIA)

    assert S.NOT_INVOLVED == status(evaluation, "RUS", "1994-12-16")
    assert S.PROVISIONALLY_APPLYING == status(evaluation, "RUS", "1994-12-17")
    assert S.PROVISIONALLY_APPLYING == status(evaluation, "RUS", "1998-04-16")
    assert S.PROVISIONALLY_APPLYING == status(evaluation, "RUS", "2009-08-19")
    assert S.SIGNATORY == status(evaluation, "RUS", "2009-10-19")


def test_provisional_application_end_through_the_register() -> None:
    """VCLT 25(2): the register accepts a termination stating its effective date."""
    register = register_with(ECT, codes=("RUS",))

    for item in ECT_RUSSIA:
        register.deposit(item)

    assert 2 == len(register.acts("energy-charter-treaty"))


def test_provisional_application_ends_on_the_stated_effective_date() -> None:
    """VCLT 25(2), ECT art. 45(3)(a): notified 20 Aug 2009, Russia applied the ECT until
    18 Oct 2009; the termination took effect 19 Oct 2009."""
    evaluation = run(ECT, ECT_RUSSIA)

    assert S.PROVISIONALLY_APPLYING == status(evaluation, "RUS", "2009-09-01")
    assert S.PROVISIONALLY_APPLYING == status(evaluation, "RUS", "2009-10-18")


ATT = instrument(
    "arms-trade-treaty",
    Clauses(
        # art. 22(1): the 90th day after the 50th instrument (25 Sep 2014) = 24 Dec 2014.
        entry_into_force=OnDate(d("2014-12-24")),
        source="ATT arts. 22, 23",
    ),
    adopted="2013-04-02",
)


def test_provisional_application_declared_at_signature_until_entry_into_force() -> None:
    """VCLT 25, ATT art. 23: Spain declared provisional application on signing (3 Jun 2013),
    ratified 2 Apr 2014, and became a party on entry into force, 24 Dec 2014."""
    acts = [
        act("ESP", K.SIGNATURE, "2013-06-03"),
        act("ESP", K.PROVISIONAL_APPLICATION, "2013-06-03"),
        act("ESP", K.RATIFICATION, "2014-04-02"),
    ]

    evaluation = run(ATT, acts)

    assert S.PROVISIONALLY_APPLYING == status(evaluation, "ESP", "2013-06-03")
    assert S.PROVISIONALLY_APPLYING == status(evaluation, "ESP", "2014-04-02")
    assert S.PROVISIONALLY_APPLYING == status(evaluation, "ESP", "2014-12-23")
    assert S.PARTY == status(evaluation, "ESP", "2014-12-24")


def test_provisional_application_declared_with_ratification() -> None:
    """VCLT 25, ATT art. 23: the United Kingdom declared it on ratifying, 2 Apr 2014."""
    acts = [
        act("GBR", K.SIGNATURE, "2013-06-03"),
        act("GBR", K.RATIFICATION, "2014-04-02"),
        act("GBR", K.PROVISIONAL_APPLICATION, "2014-04-02"),
    ]

    evaluation = run(ATT, acts)

    assert S.SIGNATORY == status(evaluation, "GBR", "2014-04-01")
    assert S.PROVISIONALLY_APPLYING == status(evaluation, "GBR", "2014-04-02")
    assert S.PARTY == status(evaluation, "GBR", "2014-12-24")


def test_provisional_application_from_signature_plus_delay() -> None:
    """VCLT 25(1)(a): a clause "from 60 days after signature" (illustrative treaty)."""
    treaty = instrument(
        "pa-delay",
        Clauses(
            entry_into_force=Threshold(2),
            provisional_application=ProvisionalApplication(True, Delay(days=60)),
        ),
    )

    evaluation = run(treaty, [act("XAA", K.SIGNATURE, "2001-03-01")])

    assert S.SIGNATORY == status(evaluation, "XAA", "2001-04-29")
    assert S.PROVISIONALLY_APPLYING == status(evaluation, "XAA", "2001-04-30")


# -- rule 6: simple and definitive signature ---------------------------------------------


def test_simple_signature_binds_no_one() -> None:
    """VCLT 14, 18: the United States signed the Rome Statute (31 Dec 2000) and never became
    a party."""
    evaluation = run(
        ROME, [*deposits(ROME_DEPOSITS), act("USA", K.SIGNATURE, "2000-12-31")]
    )

    assert S.SIGNATORY == status(evaluation, "USA", "2000-12-31")
    assert S.SIGNATORY == status(evaluation, "USA", "2010-01-01")
    assert 1 == evaluation.counts(d("2010-01-01")).signatories


STRATEGIC_FORCES = instrument(
    "strategic-forces",
    Clauses(entry_into_force=OnSignature(), source="Agreement on Strategic Forces"),
    adopted="1991-12-30",
)
CIS_ELEVEN = ("ARM", "AZE", "BLR", "KAZ", "KGZ", "MDA", "RUS", "TJK", "TKM", "UKR", "UZB")


def test_definitive_signature_binds_on_signature() -> None:
    """VCLT 12, 24(2): the Agreement on Strategic Forces was in force on signature,
    30 Dec 1991, for the eleven."""
    acts = [act(code, K.DEFINITIVE_SIGNATURE, "1991-12-30") for code in CIS_ELEVEN]

    evaluation = run(STRATEGIC_FORCES, acts)

    assert d("1991-12-30") == evaluation.entry_into_force
    assert 11 == evaluation.counts(d("1991-12-30")).parties
    assert S.NOT_INVOLVED == status(evaluation, "RUS", "1991-12-29")


def test_simple_signature_on_signature_clause_binds_no_one() -> None:
    """VCLT 12, 14: under the same clause, simple signatures (SignatureEffect.NONE) bind
    nobody, so the agreement is not in force."""
    acts = [act(code, K.SIGNATURE, "1991-12-30") for code in CIS_ELEVEN]

    evaluation = run(STRATEGIC_FORCES, acts)

    assert None is evaluation.entry_into_force
    assert 11 == evaluation.counts(d("1992-01-01")).signatories


# -- rule 7: reservations ----------------------------------------------------------------


def test_reservation_prohibited_is_rejected() -> None:
    """VCLT 19(a), Rome Statute art. 120: no reservations may be made."""
    register = register_with(ROME, codes=("FRA",))
    register.deposit(act("FRA", K.RATIFICATION, "2000-06-09", instrument="rome-statute"))

    with pytest.raises(ActRejected) as raised:
        register.deposit(
            act("FRA", K.RESERVATION, "2000-06-09", instrument="rome-statute")
        )

    assert ["VCLT 19(a)"] == [r.rule for r in raised.value.rejections]


BUDAPEST = instrument(
    "budapest-convention",
    Clauses(
        reservations=Reservations(
            ReservationRule.LISTED,
            ("4(2)", "6(3)", "9(4)", "10(3)", "11(3)", "14(3)", "22(2)", "29(4)", "41(1)"),
        ),
        source="Convention on Cybercrime art. 42",
    ),
    adopted="2001-11-23",
    kind=InstrumentKind.CONVENTION,
)


def test_reservation_listed_article_is_admitted() -> None:
    """VCLT 19(b), Convention on Cybercrime art. 42: a reservation to art. 9(4) is permitted."""
    register = register_with(BUDAPEST, codes=("XAA",))
    register.deposit(act("XAA", K.RATIFICATION, "2006-01-10", instrument="budapest-convention"))

    evaluation = register.deposit(
        act("XAA", K.RESERVATION, "2006-01-10", refers_to="9(4)", instrument="budapest-convention")
    )

    assert 1 == len(evaluation.reservations_of("XAA"))


def test_reservation_outside_listed_articles_is_rejected() -> None:
    """VCLT 19(b), Convention on Cybercrime art. 42: a reservation to art. 2 is not listed."""
    register = register_with(BUDAPEST, codes=("XAA",))

    with pytest.raises(ActRejected) as raised:
        register.deposit(
            act("XAA", K.RESERVATION, "2006-01-10", refers_to="2", instrument="budapest-convention")
        )

    assert ["VCLT 19(b)"] == [r.rule for r in raised.value.rejections]


def vclt_register(*codes: str) -> Register:
    return register_with(VCLT, codes=codes)


def test_reservation_free_tacitly_accepted_after_twelve_months() -> None:
    """VCLT 19, 20(5): China's reservation to VCLT art. 66 on accession (3 Sep 1997) was
    established once no objection came within twelve months."""
    register = vclt_register("CHN")
    register.deposit(act("CHN", K.ACCESSION, "1997-09-03", instrument="vclt"))
    evaluation = register.deposit(
        act("CHN", K.RESERVATION, "1997-09-03", refers_to="art. 66", instrument="vclt")
    )
    (record,) = evaluation.reservations_of("CHN")

    assert False is record.late
    assert None is record.state_on(d("1997-09-02"))
    assert ReservationState.PENDING == record.state_on(d("1998-09-02"))
    assert ReservationState.ESTABLISHED == record.state_on(d("1998-09-03"))


def late_reservation(objection_received: str) -> list[ReservationState | None]:
    """A late reservation by XAA (2005-03-01, after its 2001 ratification) objected to by
    XAB, and its states on 2005-09-30, 2005-10-01 and 2006-03-01."""
    register = vclt_register("XAA", "XAB")
    register.deposit(act("XAA", K.RATIFICATION, "2001-03-01", instrument="vclt"))
    register.deposit(act("XAB", K.RATIFICATION, "2001-04-01", instrument="vclt"))
    register.deposit(
        act("XAA", K.RESERVATION, "2005-03-01", refers_to="art. 66", instrument="vclt",
            act_id="late")
    )
    evaluation = register.deposit(
        act("XAB", K.OBJECTION, objection_received, refers_to="late", instrument="vclt")
    )
    (record,) = evaluation.reservations_of("XAA")
    assert True is record.late
    return [record.state_on(d(day)) for day in ("2005-09-30", "2005-10-01", "2006-03-01")]


def test_late_reservation_rejected_by_timely_objection() -> None:
    """UN Treaty Handbook 3.5.4: a late reservation falls if a party objects within 12 months."""
    expected = [ReservationState.PENDING, ReservationState.REJECTED, ReservationState.REJECTED]

    assert expected == late_reservation("2005-10-01")


def test_late_reservation_established_when_objection_comes_too_late() -> None:
    """UN Treaty Handbook 3.5.4, VCLT 20(5): an objection after 12 months does not stop it."""
    expected = [
        ReservationState.PENDING, ReservationState.PENDING, ReservationState.ESTABLISHED,
    ]

    assert expected == late_reservation("2006-03-02")


def test_reservation_withdrawal_effective_on_receipt() -> None:
    """VCLT 22(3)(a): a reservation withdrawn (received 2003-06-10) is withdrawn that day."""
    register = vclt_register("XAA")
    register.deposit(act("XAA", K.RATIFICATION, "2001-03-01", instrument="vclt"))
    register.deposit(
        act("XAA", K.RESERVATION, "2001-03-01", refers_to="art. 66", instrument="vclt",
            act_id="reservation")
    )
    evaluation = register.deposit(
        act("XAA", K.RESERVATION_WITHDRAWAL, "2003-06-10", dated="2003-06-02",
            refers_to="reservation", instrument="vclt")
    )
    (record,) = evaluation.reservations_of("XAA")

    assert ReservationState.ESTABLISHED == record.state_on(d("2003-06-09"))
    assert ReservationState.WITHDRAWN == record.state_on(d("2003-06-10"))


def test_objection_withdrawal_operative_from_receipt_only() -> None:
    """VCLT 22(3)(b): an objection withdrawn on 10 Jan 2007 still stood on 1 Jun 2006, when
    the late reservation it answered was rejected (illustrative)."""
    register = vclt_register("XAA", "XAB")
    register.deposit(act("XAA", K.RATIFICATION, "2001-03-01", instrument="vclt"))
    register.deposit(act("XAB", K.RATIFICATION, "2001-04-01", instrument="vclt"))
    register.deposit(
        act("XAA", K.RESERVATION, "2005-03-01", refers_to="art. 66", instrument="vclt",
            act_id="late")
    )
    register.deposit(
        act("XAB", K.OBJECTION, "2005-10-01", refers_to="late", instrument="vclt",
            act_id="objection")
    )
    evaluation = register.deposit(
        act("XAB", K.OBJECTION_WITHDRAWAL, "2007-01-10", refers_to="objection",
            instrument="vclt")
    )
    (record,) = evaluation.reservations_of("XAA")

    assert ReservationState.REJECTED == record.state_on(d("2006-06-01"))


OP1_ICCPR = instrument(
    "iccpr-op1",
    Clauses(
        # art. 9(1): three months after the 10th instrument; in force 23 Mar 1976.
        entry_into_force=OnDate(d("1976-03-23")),
        later_entry_into_force=Delay(months=3),
        withdrawal=Withdrawal(delay=Delay(months=3)),
        source="Optional Protocol to the ICCPR arts. 9, 12",
    ),
    adopted="1966-12-16",
    kind=InstrumentKind.PROTOCOL,
)


def test_reservation_on_re_accession_is_not_late() -> None:
    """VCLT 19, 20(5): Trinidad and Tobago (acceded 14 Nov 1980) denounced the Optional
    Protocol (notice 26 May 1998, effective 26 Aug 1998) and re-acceded on 26 Aug 1998 with
    a reservation: made on consent, it is not a late reservation (art. 9(2): in force for
    it three months later)."""
    register = register_with(OP1_ICCPR, codes=("TTO",))
    for kind, received in [
        (K.ACCESSION, "1980-11-14"),
        (K.DENUNCIATION, "1998-05-26"),
        (K.ACCESSION, "1998-08-26"),
        (K.RESERVATION, "1998-08-26"),
    ]:
        register.deposit(act("TTO", kind, received, instrument="iccpr-op1"))
    evaluation = register.evaluation("iccpr-op1")
    (record,) = evaluation.reservations_of("TTO")

    assert S.WITHDRAWING == status(evaluation, "TTO", "1998-08-25")
    assert S.CONTRACTING == status(evaluation, "TTO", "1998-08-26")
    assert S.PARTY == status(evaluation, "TTO", "1998-11-26")
    assert False is record.late


# -- rule 8: withdrawal and denunciation -------------------------------------------------


PARIS = instrument(
    "paris-agreement",
    Clauses(
        # art. 21(1): the 30th day after 55 Parties with 55% of emissions (5 Oct 2016).
        entry_into_force=OnDate(d("2016-11-04")),
        later_entry_into_force=Delay(days=30),
        withdrawal=Withdrawal(delay=Delay(months=12)),
        source="Paris Agreement arts. 21, 28",
    ),
    adopted="2015-12-12",
)


def paris_united_states() -> Register:
    """The United States and the Paris Agreement: signed 22 Apr 2016, accepted 3 Sep 2016,
    notices of withdrawal 4 Nov 2019 and 27 Jan 2025, accepted again 20 Jan 2021."""
    register = register_with(PARIS, codes=("USA",))
    for kind, received in [
        (K.SIGNATURE, "2016-04-22"),
        (K.ACCEPTANCE, "2016-09-03"),
        (K.WITHDRAWAL, "2019-11-04"),
        (K.ACCEPTANCE, "2021-01-20"),
        (K.WITHDRAWAL, "2025-01-27"),
    ]:
        register.deposit(act("USA", kind, received, instrument="paris-agreement"))
    return register


def test_withdrawal_one_year_after_receipt() -> None:
    """VCLT 54(a), 56(2), Paris art. 28(2): the US notice received 4 Nov 2019 took effect
    4 Nov 2020; the United States was bound until then."""
    evaluation = paris_united_states().evaluation("paris-agreement")

    assert S.PARTY == status(evaluation, "USA", "2019-11-03")
    assert S.WITHDRAWING == status(evaluation, "USA", "2019-11-04")
    assert S.WITHDRAWING == status(evaluation, "USA", "2020-11-03")
    assert S.WITHDRAWN == status(evaluation, "USA", "2020-11-04")


def test_rejoining_after_withdrawal_is_a_new_consent() -> None:
    """VCLT 24(3), Paris art. 21(3): accepted again 20 Jan 2021, a party 30 days later,
    19 Feb 2021; the second notice (27 Jan 2025) takes effect 27 Jan 2026."""
    evaluation = paris_united_states().evaluation("paris-agreement")

    assert S.CONTRACTING == status(evaluation, "USA", "2021-01-20")
    assert S.PARTY == status(evaluation, "USA", "2021-02-19")
    assert S.WITHDRAWING == status(evaluation, "USA", "2025-01-27")
    assert S.WITHDRAWN == status(evaluation, "USA", "2026-01-27")


def test_withdrawal_from_the_cis_charter_after_twelve_months() -> None:
    """VCLT 54(a), CIS Charter art. 9: Georgia's note of 18 Aug 2008 took effect 18 Aug 2009."""
    register = charter_register()
    register.deposit(act("GEO", K.WITHDRAWAL, "2008-08-18", instrument="cis-charter"))
    evaluation = register.evaluation("cis-charter")

    assert S.PARTY == status(evaluation, "GEO", "2008-08-17")
    assert S.WITHDRAWING == status(evaluation, "GEO", "2009-08-17")
    assert S.WITHDRAWN == status(evaluation, "GEO", "2009-08-18")
    assert "GEO" not in register.parties_of("cis-charter", d("2009-08-18"))


def test_denunciation_first_day_of_month_after_three_months() -> None:
    """VCLT 54(a), Istanbul Convention art. 80: Turkey's denunciation received 22 Mar 2021
    took effect on 1 Jul 2021."""
    istanbul = instrument(
        "istanbul-convention",
        Clauses(
            entry_into_force=OnDate(d("2014-08-01")),
            withdrawal=Withdrawal(delay=Delay(months=3, first_of_next_month=True)),
        ),
        adopted="2011-05-11",
    )
    acts = [act("TUR", K.RATIFICATION, "2012-03-14"), act("TUR", K.DENUNCIATION, "2021-03-22")]

    evaluation = run(istanbul, acts)

    assert S.WITHDRAWING == status(evaluation, "TUR", "2021-06-30")
    assert S.WITHDRAWN == status(evaluation, "TUR", "2021-07-01")


def test_withdrawal_on_a_later_date_stated_in_the_notice() -> None:
    """VCLT 56(2), Paris art. 28(2): "or on such later date as may be specified in the
    notification" (illustrative participant)."""
    acts = [
        act("XAA", K.ACCEPTANCE, "2016-10-05"),
        act("XAA", K.WITHDRAWAL, "2020-02-01", effective="2021-06-30"),
    ]

    evaluation = run(PARIS, acts)

    assert S.WITHDRAWING == status(evaluation, "XAA", "2021-06-29")
    assert S.WITHDRAWN == status(evaluation, "XAA", "2021-06-30")


def test_withdrawal_never_earlier_than_the_notice_period() -> None:
    """VCLT 56(2): a notice naming a date before the period ends takes effect at its end."""
    acts = [
        act("XAA", K.ACCEPTANCE, "2016-10-05"),
        act("XAA", K.WITHDRAWAL, "2020-02-01", effective="2020-03-01"),
    ]

    evaluation = run(PARIS, acts)

    assert S.WITHDRAWING == status(evaluation, "XAA", "2021-01-31")
    assert S.WITHDRAWN == status(evaluation, "XAA", "2021-02-01")


def test_notice_before_own_entry_into_force_does_not_put_it_in_force() -> None:
    """VCLT 24(3), 56(2): accepted 20 Jan 2021 (in force for it 19 Feb 2021), notice on
    1 Feb 2021: on 10 Feb 2021 the Agreement is not yet in force for it (illustrative)."""
    register = register_with(PARIS, codes=("XAA",))
    register.deposit(act("XAA", K.ACCEPTANCE, "2021-01-20", instrument="paris-agreement"))
    register.deposit(act("XAA", K.WITHDRAWAL, "2021-02-01", instrument="paris-agreement"))
    evaluation = register.evaluation("paris-agreement")

    assert False is status(evaluation, "XAA", "2021-02-10").in_force
    assert "XAA" not in register.parties_of("paris-agreement", d("2021-02-10"))


def gambia() -> Register:
    """The Gambia and the Rome Statute: ratified 28 Jun 2002, notice of withdrawal received
    10 Nov 2016, revoked 10 Feb 2017."""
    register = rome_register()
    register.deposit(
        act("GMB", K.WITHDRAWAL, "2016-11-10", instrument="rome-statute", act_id="gmb-notice")
    )
    register.deposit(
        act("GMB", K.NOTICE_REVOCATION, "2017-02-10", refers_to="gmb-notice",
            instrument="rome-statute")
    )
    return register


def test_revoked_notice_takes_no_effect() -> None:
    """VCLT 68: the Gambia revoked its notice before it took effect; it stayed a party."""
    evaluation = gambia().evaluation("rome-statute")

    assert S.PARTY == status(evaluation, "GMB", "2017-02-10")
    assert S.PARTY == status(evaluation, "GMB", "2017-11-10")
    assert S.PARTY == status(evaluation, "GMB", "2020-01-01")


def test_revoked_notice_was_pending_until_revocation() -> None:
    """VCLT 68: between notice (10 Nov 2016) and revocation (10 Feb 2017) the Gambia had
    given notice: withdrawing, still bound."""
    evaluation = gambia().evaluation("rome-statute")

    assert S.WITHDRAWING == status(evaluation, "GMB", "2016-12-01")


def test_revocation_after_the_notice_took_effect_changes_nothing() -> None:
    """VCLT 68: a notice can be revoked only before it takes effect."""
    acts = [
        act("XAA", K.RATIFICATION, "2002-06-28"),
        act("XAA", K.WITHDRAWAL, "2016-11-10", act_id="notice"),
        act("XAA", K.NOTICE_REVOCATION, "2017-12-01", refers_to="notice"),
    ]

    evaluation = run(ROME, [*deposits(ROME_DEPOSITS), *acts])

    assert S.WITHDRAWN == status(evaluation, "XAA", "2018-01-01")


# -- rule 9: accession with the consent of all parties -----------------------------------


CLOSED_CIRCLE = instrument(
    "closed-circle",
    Clauses(
        entry_into_force=Threshold(3),
        participation=Participation(
            accession_needs_consent_of_parties=True, accession_delay=Delay(days=30)
        ),
        source="CIS clause: accession with the consent of all parties",
    ),
    adopted="1999-01-01",
)
CIRCLE_PARTIES = deposits("XAA:1999-02-01 XAB:1999-03-01 XAC:1999-04-01")


def test_accession_in_force_after_the_last_partys_consent() -> None:
    """VCLT 15(c): XAD's accession (1 Jun 2000) is in force 30 days after the last of the
    three parties' consents (1 Aug 2000) (illustrative)."""
    acts = [
        *CIRCLE_PARTIES,
        act("XAA", K.ACCESSION_CONSENT, "2000-05-01", refers_to="XAD"),
        act("XAD", K.ACCESSION, "2000-06-01"),
        act("XAB", K.ACCESSION_CONSENT, "2000-07-15", refers_to="XAD"),
        act("XAC", K.ACCESSION_CONSENT, "2000-08-01", refers_to="XAD"),
    ]

    evaluation = run(CLOSED_CIRCLE, acts)

    assert S.CONTRACTING == status(evaluation, "XAD", "2000-08-30")
    assert S.PARTY == status(evaluation, "XAD", "2000-08-31")


def test_accession_awaits_a_missing_consent() -> None:
    """VCLT 15(c): without XAC's consent XAD stays contracting, and the reason says so."""
    acts = [
        *CIRCLE_PARTIES,
        act("XAA", K.ACCESSION_CONSENT, "2000-05-01", refers_to="XAD"),
        act("XAB", K.ACCESSION_CONSENT, "2000-05-02", refers_to="XAD"),
        act("XAD", K.ACCESSION, "2000-06-01"),
    ]

    evaluation = run(CLOSED_CIRCLE, acts)
    row = evaluation.status_on("XAD", d("2005-01-01"))

    assert row is not None
    assert S.CONTRACTING == row.status
    assert "accession awaits the consent of XAC" == row.reasons[1].text


def test_accession_consents_given_before_deposit() -> None:
    """VCLT 15(c): consents all given before the accession: in force 30 days after it."""
    acts = [
        *CIRCLE_PARTIES,
        *(
            act(code, K.ACCESSION_CONSENT, "2000-05-01", refers_to="XAD")
            for code in ("XAA", "XAB", "XAC")
        ),
        act("XAD", K.ACCESSION, "2000-06-01"),
    ]

    evaluation = run(CLOSED_CIRCLE, acts)

    assert S.PARTY == status(evaluation, "XAD", "2000-07-01")


def test_accession_before_entry_into_force_waits_for_it() -> None:
    """VCLT 24(1), 15: an accession received before the instrument is in force cannot bind
    before it is (general entry into force 1 Jun 2000; illustrative)."""
    treaty = instrument(
        "closed-on-date",
        Clauses(
            entry_into_force=OnDate(d("2000-06-01")),
            participation=Participation(accession_needs_consent_of_parties=True),
        ),
    )
    acts = [act("XAA", K.RATIFICATION, "2000-01-10"), act("XAD", K.ACCESSION, "2000-02-01")]

    evaluation = run(treaty, acts)

    assert S.CONTRACTING == status(evaluation, "XAD", "2000-03-01")


# -- rule 10: amendments -----------------------------------------------------------------


KAMPALA_DELAY = Delay(months=12)
KAMPALA_ART8 = instrument(
    "rome-amendment-art8",
    Clauses(
        entry_into_force=Threshold(1, KAMPALA_DELAY),
        later_entry_into_force=KAMPALA_DELAY,
        source="Rome Statute art. 121(5)",
    ),
    adopted="2010-06-10",
    kind=InstrumentKind.AMENDMENT,
)
KAMPALA_ART8_ACCEPTANCES = """
SMR:2011-09-26 LIE:2012-05-08 WSM:2012-09-25 TTO:2012-11-13 DEU:2013-06-03
"""


def test_amendment_binds_only_acceptors() -> None:
    """VCLT 40(4), Rome Statute art. 121(5): the art. 8 amendment binds San Marino from
    26 Sep 2012, one year after its instrument; France, which has not accepted, is not bound."""
    evaluation = run(KAMPALA_ART8, deposits(KAMPALA_ART8_ACCEPTANCES))

    assert S.CONTRACTING == status(evaluation, "SMR", "2012-09-25")
    assert S.PARTY == status(evaluation, "SMR", "2012-09-26")
    assert S.PARTY == status(evaluation, "TTO", "2013-11-13")
    assert S.PARTY == status(evaluation, "DEU", "2014-06-03")
    assert S.NOT_INVOLVED == status(evaluation, "FRA", "2015-01-01")


def test_amendment_each_acceptor_one_year_after_its_own_instrument() -> None:
    """VCLT 40(4), Rome Statute art. 121(5): Liechtenstein (8 May 2012) bound 8 May 2013."""
    evaluation = run(KAMPALA_ART8, deposits(KAMPALA_ART8_ACCEPTANCES))

    assert S.CONTRACTING == status(evaluation, "LIE", "2013-05-07")
    assert S.PARTY == status(evaluation, "LIE", "2013-05-08")


CHARTER_AMENDMENT = instrument(
    "cis-charter-amendment",
    Clauses(entry_into_force=AllPartiesOf("cis-charter"), source="CIS Charter (unanimity)"),
    adopted="1995-01-20",
    kind=InstrumentKind.AMENDMENT,
)


def test_unanimity_amendment_in_force_on_the_last_instrument() -> None:
    """VCLT 40(4)-(5), CIS Charter: an amendment needing every party's ratification is in
    force on receipt of the last (amendment and its dates illustrative)."""
    register = charter_register()
    register.add_instrument(CHARTER_AMENDMENT)
    members = sorted(register.parties_of("cis-charter", d("1995-01-20")))
    for i, code in enumerate(members):
        register.deposit(
            act(code, K.RATIFICATION, f"1995-{2 + i:02d}-01", instrument="cis-charter-amendment")
        )
    last = f"1995-{1 + len(members):02d}-01"
    evaluation = register.evaluation("cis-charter-amendment")

    assert 10 == len(members)
    assert d(last) == evaluation.entry_into_force
    assert S.CONTRACTING == status(evaluation, members[0], "1995-10-31")
    assert S.PARTY == status(evaluation, members[0], last)


def test_unanimity_amendment_not_in_force_while_one_party_is_missing() -> None:
    """VCLT 40(4): one member's ratification missing, the amendment binds no one."""
    register = charter_register()
    register.add_instrument(CHARTER_AMENDMENT)
    members = sorted(register.parties_of("cis-charter", d("1995-01-20")))
    for code in members[:-1]:
        register.deposit(
            act(code, K.RATIFICATION, "1995-06-01", instrument="cis-charter-amendment")
        )
    counts = register.evaluation("cis-charter-amendment").counts(d("1996-01-01"))

    assert None is register.evaluation("cis-charter-amendment").entry_into_force
    assert 1 == counts.still_needed


def test_unanimity_amendment_recomputed_when_the_charter_changes() -> None:
    """VCLT 40(4): the set of parties that must ratify is read from the register; a state
    that joins the Charter after the amendment's adoption is not needed."""
    register = charter_register("TKM")
    register.add_instrument(CHARTER_AMENDMENT)
    for code in CIS_MEMBERS:
        register.deposit(
            act(code, K.RATIFICATION, "1995-06-01", instrument="cis-charter-amendment")
        )
    register.deposit(act("TKM", K.ACCESSION, "1995-07-01", instrument="cis-charter"))

    assert d("1995-06-01") == register.evaluation("cis-charter-amendment").entry_into_force


# -- rule 11: succession -----------------------------------------------------------------


def vclt_successions() -> Register:
    """VCLT with Czechoslovakia (acceded 29 Jul 1987) and its successors, and the USSR
    (acceded 29 Apr 1986) continued by the Russian Federation."""
    register = register_with(
        VCLT,
        extra=[
            participant("CSK", exists_until="1993-01-01"),
            participant("SVK", exists_from="1993-01-01", predecessors=("CSK",)),
            participant("CZE", exists_from="1993-01-01", predecessors=("CSK",)),
            participant("SUN", exists_until="1991-12-26"),
            participant("RUS", continuator_of="SUN"),
            *(participant(a.participant) for a in deposits(VCLT_DEPOSITS)),
        ],
    )
    register.deposit_all(deposits(VCLT_DEPOSITS, "vclt"))
    register.deposit(act("SUN", K.ACCESSION, "1986-04-29", instrument="vclt"))
    register.deposit(act("CSK", K.ACCESSION, "1987-07-29", instrument="vclt"))
    register.deposit(
        act("CZE", K.SUCCESSION, "1993-02-22", effective="1993-01-01", instrument="vclt")
    )
    register.deposit(
        act("SVK", K.SUCCESSION, "1993-05-28", effective="1993-01-01", instrument="vclt")
    )
    return register


def test_succession_takes_effect_from_the_date_of_succession() -> None:
    """VCLST 17, 22; VCLT practice: Slovakia's notification received 28 May 1993 binds it
    from 1 Jan 1993, retroactively."""
    evaluation = vclt_successions().evaluation("vclt")
    row = evaluation.status_on("SVK", d("1993-01-01"))

    assert row is not None
    assert S.PARTY == row.status
    assert d("1993-01-01") == row.in_force_from
    assert S.NOT_INVOLVED == status(evaluation, "SVK", "1992-12-31")
    assert S.PARTY == status(evaluation, "CZE", "1993-01-01")


def test_dissolved_predecessor_ceases() -> None:
    """DESIGN.md §5 rule 11: Czechoslovakia, a party until 31 Dec 1992, ceased on 1 Jan 1993."""
    evaluation = vclt_successions().evaluation("vclt")

    assert S.PARTY == status(evaluation, "CSK", "1992-12-31")
    assert S.CEASED == status(evaluation, "CSK", "1993-01-01")


def test_succession_received_later_changes_the_past() -> None:
    """VCLT practice: before Slovakia's notification arrived, the register did not show it
    as a party on 1 Feb 1993; after, it does (the one act that changes the past)."""
    register = vclt_successions()
    acts = [a for a in register.acts("vclt") if a.participant != "SVK"]

    before = run(VCLT, acts, register.participants)
    after = register.evaluation("vclt")

    assert S.NOT_INVOLVED == status(before, "SVK", "1993-02-01")
    assert S.PARTY == status(after, "SVK", "1993-02-01")


def test_continuator_keeps_the_predecessors_record() -> None:
    """DESIGN.md §5 rule 11: the USSR's accession (29 Apr 1986, in force 29 May 1986) counts
    for the Russian Federation; the USSR ceased on 26 Dec 1991."""
    evaluation = vclt_successions().evaluation("vclt")
    row = evaluation.status_on("RUS", d("1992-06-01"))

    assert row is not None
    assert S.PARTY == row.status
    assert d("1986-05-29") == row.in_force_from
    assert S.PARTY == status(evaluation, "SUN", "1991-12-25")
    assert S.CEASED == status(evaluation, "SUN", "1991-12-26")


def test_continuator_cannot_consent_again() -> None:
    """VCLT 11; rule 11: Russia, continuing the USSR, is already bound and cannot accede."""
    register = vclt_successions()

    with pytest.raises(ActRejected) as raised:
        register.deposit(act("RUS", K.ACCESSION, "1995-01-10", instrument="vclt"))

    assert ["VCLT 11"] == [r.rule for r in raised.value.rejections]


def test_continuator_and_predecessor_are_one_party() -> None:
    """DESIGN.md §5 rules 11-12: on 1 Jan 1990 the USSR is one party, not two (SUN and RUS)."""
    evaluation = vclt_successions().evaluation("vclt")
    rows = [
        row for row in evaluation.chart(d("1990-01-01"))
        if row.participant in {"SUN", "RUS"} and row.status is S.PARTY
    ]

    assert 1 == len(rows)


def test_predecessor_ceasing_act_does_not_end_the_continuator() -> None:
    """DESIGN.md §5 rule 11: the USSR's end (an act recording that it ceased on 26 Dec 1991)
    ends the USSR, not the Russian Federation that continues it."""
    register = vclt_successions()
    register.deposit(
        act("SUN", K.CEASED, "1991-12-26", effective="1991-12-26", instrument="vclt")
    )
    evaluation = register.evaluation("vclt")

    assert S.CEASED == status(evaluation, "SUN", "1991-12-26")
    assert S.PARTY == status(evaluation, "RUS", "1992-06-01")


# -- rule 12: derived counts -------------------------------------------------------------


def crc() -> list[Act]:
    return [*deposits(CRC_DEPOSITS), *table(CRC_SIGNATURES, K.SIGNATURE)]


def test_counts_before_the_threshold() -> None:
    """DESIGN.md §5 rule 12, CRC art. 49: on 2 Aug 1990, 19 instruments, one still needed;
    of the 30 signatories in this table, 12 had signed without ratifying."""
    counts = run(CRC, crc()).counts(d("1990-08-02"))

    assert 19 == counts.consents
    assert 19 == counts.contracting
    assert 0 == counts.parties
    assert 1 == counts.still_needed
    assert 12 == counts.signatories
    assert 29 == counts.signatures


def test_counts_when_the_threshold_is_reached() -> None:
    """DESIGN.md §5 rule 12: on 3 Aug 1990 none is still needed, though not yet in force."""
    evaluation = run(CRC, crc())
    counts = evaluation.counts(d("1990-08-03"))

    assert 22 == counts.consents
    assert 0 == counts.still_needed
    assert False is evaluation.entered_into_force_by(d("1990-08-03"))
    assert 0 == evaluation.counts(d("1990-09-01")).parties
    assert 0 == evaluation.counts(d("1990-09-02")).still_needed


def test_in_force_for_a_participant_on_a_date() -> None:
    """DESIGN.md §5 rule 12: the Rome Statute was in force for Japan on 1 Oct 2007, not the
    day before."""
    register = rome_register("JPN")
    register.deposit(act("JPN", K.ACCESSION, "2007-07-17", instrument="rome-statute"))

    assert "JPN" in register.parties_of("rome-statute", d("2007-10-01"))
    assert "JPN" not in register.parties_of("rome-statute", d("2007-09-30"))


def test_counts_still_needed_with_unmet_share() -> None:
    """DESIGN.md §5 rule 12, Kyoto art. 25: on 17 Nov 2004 (44.2% of Annex I emissions) more
    instruments were still needed: the count must not be 0."""
    counts = run(KYOTO, deposits(KYOTO_DEPOSITS)).counts(d("2004-11-17"))

    assert 0 != counts.still_needed


def test_rome_statute_parties_on_entry_into_force() -> None:
    """DESIGN.md §5 rule 12, Rome Statute art. 126: 66 parties on 1 Jul 2002 (the ten
    that deposited later became parties on 1 Aug and 1 Sep 2002)."""
    counts = run(ROME, deposits(ROME_DEPOSITS)).counts(d("2002-07-01"))

    assert 66 == counts.parties
    assert 10 == counts.contracting


def test_continuity_is_transitive() -> None:
    """DESIGN.md §5 rule 11: Serbia continues Serbia and Montenegro, which continued
    Yugoslavia, so Serbia keeps Yugoslavia's record; each state is a party only while it
    exists (Yugoslavia's ratification illustrative)."""
    known = participants(
        extra=[
            participant("YUG", exists_until="2003-02-04"),
            participant("SCG", exists_from="2003-02-04", exists_until="2006-06-03",
                        continuator_of="YUG"),
            participant("SRB", exists_from="2006-06-03", continuator_of="SCG"),
        ]
    )
    evaluation = run(instrument("chain"), [act("YUG", K.RATIFICATION, "1995-01-01")], known)

    assert [S.PARTY, S.NOT_INVOLVED, S.NOT_INVOLVED] == [
        status(evaluation, code, "2000-01-01") for code in ("YUG", "SCG", "SRB")
    ]
    assert [S.CEASED, S.PARTY, S.NOT_INVOLVED] == [
        status(evaluation, code, "2004-01-01") for code in ("YUG", "SCG", "SRB")
    ]
    assert [S.CEASED, S.CEASED, S.PARTY] == [
        status(evaluation, code, "2010-01-01") for code in ("YUG", "SCG", "SRB")
    ]
