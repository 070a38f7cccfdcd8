"""The bundled register of the Commonwealth of Independent States (src/depositary/data/cis/)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import depositary
from depositary.domain.acts import SIGNATURE_KINDS, ActKind
from depositary.domain.instruments import InstrumentKind
from depositary.domain.provenance import Confidence
from depositary.formats.register_file import parse_register, read_yaml
from depositary.register.register import Register
from depositary.register.replay import load_file

REGISTER_FILE = Path(depositary.__file__).parent / "data" / "cis" / "register.yaml"

ELEVEN = frozenset({"ARM", "AZE", "BLR", "KAZ", "KGZ", "MDA", "RUS", "TJK", "TKM", "UKR", "UZB"})
BELOVEZHA_THREE = frozenset({"BLR", "RUS", "UKR"})
ALIASES = (
    "belovezha-agreement",
    "alma-ata-declaration",
    "alma-ata-protocol",
    "alma-ata-decision-coordinating-institutions",
    "nuclear-weapons-agreement-1991",
    "councils-agreement-1991",
    "strategic-forces-agreement-1991",
    "armed-forces-agreement-1991",
    "rules-of-procedure-1992",
    "cis-charter",
)

# The infobox of the seed article (shared/seed/000_908f6d12311fabf0.txt), as facts to reproduce.
SEED_INFOBOX_SIGNATORIES = frozenset(
    {
        "Boris Yeltsin",
        "Stanislav Shushkevich",
        "Leonid Kravchuk",
        "Levon Ter-Petrosyan",
        "Ayaz Mutallibov",
        "Nursultan Nazarbayev",
        "Askar Akayev",
        "Mircea Snegur",
        "Rahmon Nabiyev",
        "Saparmurat Niyazov",
        "Islam Karimov",
    }
)


@pytest.fixture(scope="module")
def register() -> Register:
    return load_file(REGISTER_FILE)


def signed_by(register: Register, alias: str, day: date) -> frozenset[str]:
    """Participants that had signed `alias` by `day`."""
    signed = register.evaluation(alias).signed
    return frozenset(p for p, when in signed.items() if when <= day)


def test_loads_without_errors(register: Register) -> None:
    """The bundled register loads and deposits every act in the file."""
    spec = parse_register(read_yaml(REGISTER_FILE), REGISTER_FILE)
    assert len(spec.acts) == len(register.acts())


def test_every_act_and_instrument_is_sourced(register: Register) -> None:
    """Every act and instrument names a source and carries a V/S/U confidence."""
    confidences = set(Confidence)
    unsourced = [
        i.id
        for i in register.instruments.values()
        if not i.provenance.source or i.provenance.confidence not in confidences
    ] + [
        a.id
        for a in register.acts()
        if not a.provenance.source or a.provenance.confidence not in confidences
    ]
    assert [] == unsourced


def test_confidence_is_stated_not_defaulted() -> None:
    """In the file, every participant, person, instrument and act states source and confidence."""
    data = read_yaml(REGISTER_FILE)
    missing = [
        f"{section}[{index}]"
        for section in ("participants", "persons", "instruments", "acts")
        for index, item in enumerate(data[section])
        if not {"source", "confidence"} <= item.keys()
    ]
    assert [] == missing


def test_every_text_is_sourced_and_english_is_not_authentic(register: Register) -> None:
    """Every text is sourced; English translations are marked not authentic."""
    found = {
        (instrument.alias, lang): (text.authentic, bool(text.provenance.source))
        for instrument in register.instruments.values()
        for lang, text in instrument.texts.items()
    }
    expected = {
        (alias, "en"): (False, True)
        for alias in (
            "belovezha-agreement",
            "alma-ata-protocol",
            "alma-ata-declaration",
            "alma-ata-decision-coordinating-institutions",
            "alma-ata-minutes-armed-forces",
            "alma-ata-decision-un-membership",
            "nuclear-weapons-agreement-1991",
        )
    }
    assert expected == found


def test_aliases_exist(register: Register) -> None:
    """Every alias the project relies on names an instrument."""
    assert set(ALIASES) == {alias for alias in ALIASES if register.instrument(alias).alias == alias}


@pytest.mark.parametrize(
    ("day", "signatories", "parties"),
    [
        (date(1991, 12, 22), BELOVEZHA_THREE, BELOVEZHA_THREE),
        (
            date(1992, 12, 31),
            BELOVEZHA_THREE,
            BELOVEZHA_THREE | {"ARM", "KAZ", "KGZ", "TKM", "UZB"},
        ),
        (date(1994, 6, 30), BELOVEZHA_THREE, ELEVEN | {"GEO"}),
    ],
)
def test_belovezha_agreement_signatories_and_parties(
    register: Register, day: date, signatories: frozenset[str], parties: frozenset[str]
) -> None:
    """Who had signed and who was bound by the Agreement of 8 December 1991 on a date."""
    actual = (
        signed_by(register, "belovezha-agreement", day),
        register.parties_of("belovezha-agreement", day),
    )
    assert (signatories, parties) == actual


@pytest.mark.parametrize(
    ("day", "parties"),
    [
        # Belarus, Russia and Ukraine had ratified the Agreement before the Protocol was
        # signed: their signature binds them (mixed mode); the others by ratification.
        (date(1991, 12, 22), BELOVEZHA_THREE),
        (date(1992, 12, 31), BELOVEZHA_THREE | {"ARM", "KAZ", "KGZ", "TKM", "UZB"}),
        (date(1994, 6, 30), ELEVEN),
    ],
)
def test_alma_ata_protocol_signatories_and_parties(
    register: Register, day: date, parties: frozenset[str]
) -> None:
    """All eleven signed the Protocol on 21 December 1991; the Belovezha three are bound on
    signature, the eight others from their ratification (DESIGN.md §5 rule 4, mixed mode)."""
    actual = (
        signed_by(register, "alma-ata-protocol", day),
        register.parties_of("alma-ata-protocol", day),
    )
    assert (ELEVEN, parties) == actual


def test_georgia_withdrew_from_the_agreement(register: Register) -> None:
    """Georgia's notice of 18 August 2008 ends the Agreement for it on 18 August 2009."""
    evaluation = register.evaluation("belovezha-agreement")
    statuses = [
        evaluation.status_on("GEO", day).status.value  # type: ignore[union-attr]
        for day in (date(2008, 8, 17), date(2009, 8, 17), date(2009, 8, 18))
    ]
    assert ["party", "withdrawing", "withdrawn"] == statuses


@pytest.mark.parametrize(
    ("day", "parties"),
    [
        (
            date(1994, 6, 30),
            frozenset({"ARM", "AZE", "BLR", "GEO", "KAZ", "KGZ", "MDA", "RUS", "TJK", "UZB"}),
        ),
        (
            date(2006, 1, 1),
            frozenset({"ARM", "AZE", "BLR", "GEO", "KAZ", "KGZ", "MDA", "RUS", "TJK", "UZB"}),
        ),
        (
            date(2009, 8, 19),
            frozenset({"ARM", "AZE", "BLR", "KAZ", "KGZ", "MDA", "RUS", "TJK", "UZB"}),
        ),
    ],
)
def test_charter_parties(register: Register, day: date, parties: frozenset[str]) -> None:
    """Parties to the Charter: Turkmenistan and Ukraine never; Georgia until 18 August 2009."""
    assert parties == register.parties_of("cis-charter", day)


def test_charter_entered_into_force_one_year_after_adoption(register: Register) -> None:
    """Not all founders had ratified by 22 January 1994, so the one-year alternative applies."""
    assert date(1994, 1, 22) == register.evaluation("cis-charter").entry_into_force


def test_georgia_charter_withdrawal_takes_effect_on_2009_08_18(register: Register) -> None:
    """Georgia is withdrawing from 18 August 2008 and withdrawn from 18 August 2009 on."""
    evaluation = register.evaluation("cis-charter")
    statuses = [
        evaluation.status_on("GEO", day).status.value  # type: ignore[union-attr]
        for day in (date(2008, 8, 17), date(2008, 8, 18), date(2009, 8, 17), date(2009, 8, 18))
    ]
    assert ["party", "withdrawing", "withdrawing", "withdrawn"] == statuses


def test_russia_charter_ratification_counts_from_receipt(register: Register) -> None:
    """Russia's ratification is dated 15 April 1993 and takes effect on receipt, 20 July 1993."""
    evaluation = register.evaluation("cis-charter")
    statuses = [
        evaluation.status_on("RUS", day).status.value  # type: ignore[union-attr]
        for day in (date(1993, 7, 19), date(1993, 7, 20), date(1994, 1, 22))
    ]
    assert ["signatory", "contracting", "party"] == statuses


def test_nuclear_weapons_agreement_is_unknown_not_out_of_force(register: Register) -> None:
    """Art. 8 needs all four deposits; none is found, Belarus ratified on a day not found,
    and Ukraine's registry holds it in force for Ukraine: the register answers "unknown",
    nothing countable, rather than "not in force" (AUDIT.md row 23)."""
    evaluation = register.evaluation("nuclear-weapons-agreement-1991")
    on = date(2000, 1, 1)
    actual = (
        evaluation.entry_into_force,
        evaluation.entry_into_force_known,
        signed_by(register, "nuclear-weapons-agreement-1991", date(1991, 12, 21)),
        evaluation.counts(on).still_needed,
        {code: evaluation.status_on(code, on).status.value  # type: ignore[union-attr]
         for code in ("BLR", "KAZ", "RUS", "UKR")},
    )
    assert (None, False, frozenset({"BLR", "KAZ", "RUS", "UKR"}), None,
            {"BLR": "unknown", "KAZ": "unknown", "RUS": "unknown", "UKR": "unknown"}) == actual
    belarus = evaluation.status_on("BLR", on)
    assert belarus is not None
    assert "Supreme Soviet ratified it" in str(belarus.reasons[0])
    assert "V" == belarus.evidence.confidence.value


def test_nuclear_weapons_agreement_is_open_only_to_the_four(register: Register) -> None:
    """Only Belarus, Kazakhstan, Russia and Ukraine may become parties; Russia is depositary."""
    instrument = register.instrument("nuclear-weapons-agreement-1991")
    actual = (instrument.clauses.participation.open_to, instrument.depositary)
    assert (("BLR", "KAZ", "RUS", "UKR"), "RUS") == actual


def test_strategic_forces_agreement_in_force_on_signature(register: Register) -> None:
    """The Agreement on Strategic Forces binds the eleven from signature on 30 December 1991."""
    actual = (
        register.evaluation("strategic-forces-agreement-1991").entry_into_force,
        register.parties_of("strategic-forces-agreement-1991", date(1991, 12, 30)),
    )
    assert (date(1991, 12, 30), ELEVEN) == actual


def test_rules_of_procedure_reservations_at_signature(register: Register) -> None:
    """Ukraine and Moldova made reservations to rule 12 when signing on 15 May 1992."""
    reservations = {
        (a.participant, a.dated, a.refers_to)
        for a in register.acts("rules-of-procedure-1992")
        if a.kind is ActKind.RESERVATION and a.text
    }
    expected = {("UKR", date(1992, 5, 15), "rule 12"), ("MDA", date(1992, 5, 15), "rule 12")}
    assert expected == reservations


def test_ussr_ceased_on_26_december_1991(register: Register) -> None:
    """The USSR exists on 25 December 1991, not on 26 December; Russia continues it."""
    ussr = register.participant("SUN")
    actual = (
        ussr.exists_on(date(1991, 12, 25)),
        ussr.exists_on(date(1991, 12, 26)),
        register.participant("RUS").continuator_of,
    )
    assert (True, False, "SUN") == actual


def test_names_change_with_the_date(register: Register) -> None:
    """The RSFSR is the Russian Federation from 25 December 1991; Belarus renamed in 1991."""
    rus, blr = register.participant("RUS"), register.participant("BLR")
    actual = (
        rus.name(date(1991, 12, 21)),
        rus.name(date(1991, 12, 25)),
        blr.name(date(1991, 9, 1), short=False),
        blr.name(date(1991, 12, 8), short=False),
        rus.name(date(1991, 12, 25), "ru", short=False),
    )
    expected = (
        "RSFSR",
        "Russia",
        "Byelorussian Soviet Socialist Republic",
        "Republic of Belarus",
        "Российская Федерация",
    )
    assert expected == actual


def test_seed_infobox_type_date_and_place(register: Register) -> None:
    """The Protocol is a protocol signed at Alma-Ata on 21 December 1991 (seed infobox)."""
    protocol = register.instrument("alma-ata-protocol")
    dates = {a.dated for a in register.acts("alma-ata-protocol") if a.kind in SIGNATURE_KINDS}
    actual = (protocol.kind, protocol.adopted, dates, protocol.place["en"])
    assert (InstrumentKind.PROTOCOL, date(1991, 12, 21), {date(1991, 12, 21)},
            "Alma-Ata, Kazakhstan") == actual


def test_seed_infobox_signatories(register: Register) -> None:
    """The representatives who signed the Protocol are the eleven named in the seed's infobox."""
    names = {
        register.persons[a.person].name("en")
        for a in register.acts("alma-ata-protocol")
        if a.kind in SIGNATURE_KINDS and a.person is not None
    }
    assert SEED_INFOBOX_SIGNATORIES == names


def test_seed_infobox_signatories_by_state(register: Register) -> None:
    """The seed names Russia's and Ukraine's signatories: Yeltsin and Kravchuk."""
    by_state = {
        a.participant: register.persons[a.person].name("en")
        for a in register.acts("alma-ata-protocol")
        if a.kind in SIGNATURE_KINDS and a.person is not None
    }
    actual = (by_state["RUS"], by_state["UKR"], by_state["BLR"])
    assert ("Boris Yeltsin", "Leonid Kravchuk", "Stanislav Shushkevich") == actual


def test_seed_infobox_depositary_and_language(register: Register) -> None:
    """Depositary Belarus; Russian is one of the Protocol's authentic languages (seed infobox)."""
    protocol = register.instrument("alma-ata-protocol")
    depositary_name = register.participant(protocol.depositary).name(date(1991, 12, 21))
    actual = (depositary_name, "ru" in protocol.authentic_languages)
    assert ("Belarus", True) == actual


def test_signatories_acted_in_a_capacity(register: Register) -> None:
    """Every person on a signature held a capacity for the state he signed for."""
    missing = [
        a.id
        for a in register.acts()
        if a.person is not None
        and register.persons[a.person].capacity_on(a.participant, a.dated) is None
    ]
    assert [] == missing
