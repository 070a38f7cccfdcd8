"""Participant names as treaty tables write them, resolved to ISO 3166 alpha-3 codes
(3166-1 for states, 3166-3 for states that no longer exist) or an organisation's acronym.

The tables below are the built-in defaults; `Names` layers over them what the project ships
as data (the European Union's members, data/names/) and a user's names file
(formats/names_file.py), so that a name or identifier is added without a code change.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import pycountry

from depositary.domain.participants import Participant, ParticipantKind, is_iso_code

# UN names that pycountry does not resolve by exact lookup: renamed states (pycountry
# follows ISO's current short names), states that no longer exist (ISO 3166-3 codes), and
# names in the UN's own forms. Keys are compared case-insensitively.
STATE_NAMES: dict[str, str] = {
    "bolivia (plurinational state of)": "BOL",
    "cape verde": "CPV",  # Cabo Verde since 2013
    "czechoslovakia": "CSK",  # ISO 3166-3; dissolved 31 Dec 1992
    "democratic republic of the congo": "COD",  # ISO: "Congo, The Democratic Republic of"
    "german democratic republic": "DDR",  # ISO 3166-3; acceded to Germany 3 Oct 1990
    "holy see": "VAT",
    "iran (islamic republic of)": "IRN",
    "kosovo": "XKX",  # no ISO code; XKX is the user-assigned code the EU and IMF use
    "libyan arab jamahiriya": "LBY",  # the UN's name for Libya until 2011
    "micronesia (federated states of)": "FSM",
    "republic of korea": "KOR",  # ISO: "Korea, Republic of"
    "serbia and montenegro": "SCG",  # ISO 3166-3
    "state of palestine": "PSE",
    "swaziland": "SWZ",  # Eswatini since 2018
    "the former yugoslav republic of macedonia": "MKD",
    "turkey": "TUR",  # Türkiye since 2022
    "union of soviet socialist republics": "SUN",  # ISO 3166-3; the Russian Federation continues it
    "venezuela (bolivarian republic of)": "VEN",
    "yugoslavia": "YUG",  # ISO 3166-3; from 1992 to 2003 the UN's name for today's Serbia
    "cook islands": "COK",  # self-governing in free association with New Zealand
    "niue": "NIU",  # likewise; both take part in treaties in their own name
}

# International organisations that take part in UN treaties, by their common acronym. An
# acronym that is also an ISO alpha-3 code is replaced (the Andean Community's "CAN" is
# Canada's code), so an organisation is never mistaken for a state.
ORGANISATION_NAMES: dict[str, str] = {
    "european union": "EU",
    "european community": "EU",  # the EU succeeded the Community on 1 Dec 2009 (TEU art. 1)
    "european economic community": "EU",
    "andean community": "ANDEAN",
    "caribbean community": "CARICOM",
    "common market for eastern and southern africa": "COMESA",
    "council of europe": "COE",
    "east african community": "EAC",
    "economic community of west african states": "ECOWAS",
    "eurasian economic community": "EAEC",
    "food and agriculture organization of the united nations": "FAO",
    "international atomic energy agency": "IAEA",
    "international civil aviation organization": "ICAO",
    "international criminal police organization": "ICPO",  # ICPO-INTERPOL
    "international labour organisation": "ILO",
    "international maritime organization": "IMO",
    "international telecommunication union": "ITU",
    "organisation for the prohibition of chemical weapons": "OPCW",
    "organization of african unity": "OAU",
    "preparatory commission for the comprehensive nuclear-test-ban treaty organization": "CTBTO",
    "southern african development community": "SADC",
    "united nations": "UN",
    "united nations educational scientific and cultural organization": "UNESCO",
    "united nations industrial development organization": "UNIDO",
    "universal postal union": "UPU",
    "west african economic and monetary union": "WAEMU",
    "world health organization": "WHO",
    "world intellectual property organization": "WIPO",
    "world meteorological organization": "WMO",
}

# Footnote marks the UN appends to names and dates: "Germany 2, 3", "[4]", superscripts.
_FOOTNOTES = re.compile(r"\[\d+\]|[\u00b9\u00b2\u00b3\u2070-\u2079]+")
_TRAILING_FOOTNOTES = re.compile(r"(?<=\D)[\d,\s]+$")
_INVERTED = re.compile(r"^(?P<short>[^()]+?)\s*\((?P<form>[^()]+)\)$")


def clean_name(name: str) -> str:
    """The name without footnote marks and with plain apostrophes and spaces."""
    text = _FOOTNOTES.sub("", name.replace("\u2019", "'").replace("\u00a0", " "))
    return " ".join(_TRAILING_FOOTNOTES.sub("", text).split())


def name_key(name: str) -> str:
    """How names are compared: without footnote marks, spaces evened, case folded."""
    return clean_name(name).casefold()


@dataclass(frozen=True, slots=True)
class Names:
    """The names a reader resolves to participants' codes, each code's kind, and what is
    known of a participant beyond its name (an organisation's members over time)."""

    by_name: Mapping[str, str] = field(default_factory=dict)  # name_key → code
    kinds: Mapping[str, ParticipantKind] = field(default_factory=dict)  # code → kind
    participants: Mapping[str, Participant] = field(default_factory=dict)

    def over(self, base: Names) -> Names:
        """These names laid over `base`: where both name a name or a code, these win."""
        return Names(
            {**base.by_name, **self.by_name},
            {**base.kinds, **self.kinds},
            {**base.participants, **self.participants},
        )

    def kind_of(self, code: str) -> ParticipantKind | None:
        """The kind of a code given for a participant; None for a code nobody gives."""
        if code in self.kinds:
            return self.kinds[code]
        return ParticipantKind.STATE if is_iso_code(code) else None

    def resolve(self, name: str) -> tuple[str, ParticipantKind] | None:
        """The code for a participant's name: the names tables first (a user's over the
        built-in ones), then ISO 3166-1 and 3166-3 by exact name, the UN's inverted form
        ("Iran (Islamic Republic of)" is ISO's official "Islamic Republic of Iran") and
        "St." for "Saint".

        Fuzzy search is not used: it resolves "Republic of Korea" to the Democratic
        People's Republic of Korea. An unresolved name is an error for a person to settle
        (in a names file), not a guess.
        """
        code = self.by_name.get(name_key(name))
        if code is not None:
            return code, self.kind_of(code) or ParticipantKind.STATE
        found = _iso_code(clean_name(name))
        return (found, ParticipantKind.STATE) if found is not None else None


def _iso_code(text: str) -> str | None:
    candidates = [text, re.sub(r"^St\.?\s", "Saint ", text)]
    if match := _INVERTED.match(text):
        short, form = match["short"], match["form"].removesuffix(" of").removesuffix(" of the")
        # "Bahamas (The)": only an article may be dropped; "Congo (Democratic Republic of
        # the)" must not fall back to "Congo", another state.
        candidates += [short] if form.casefold() == "the" else [
            f"{form} of {short}", f"{form} of the {short}"
        ]
    for candidate in candidates:
        for table in (pycountry.countries, pycountry.historic_countries):
            try:
                return str(table.lookup(candidate).alpha_3)
            except LookupError:
                continue
    return None


# The built-in tables as `Names`: the defaults every reader starts from.
BUILT_IN = Names(
    by_name={**STATE_NAMES, **ORGANISATION_NAMES},
    kinds={
        **dict.fromkeys(STATE_NAMES.values(), ParticipantKind.STATE),
        **dict.fromkeys(ORGANISATION_NAMES.values(), ParticipantKind.ORGANISATION),
    },
)


def resolve_participant(name: str) -> tuple[str, ParticipantKind] | None:
    """The code for a name by the built-in tables and ISO 3166 alone."""
    return BUILT_IN.resolve(name)
