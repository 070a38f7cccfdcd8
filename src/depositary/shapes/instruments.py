"""An instrument as the answers describe it.

Its line in the list of instruments, its infobox, and its page as data: what it is, the
instruments it relates to and those relating to it, and its texts by article.
"""

from __future__ import annotations

from datetime import date

from depositary.domain.instruments import Instrument
from depositary.register import Register
from depositary.register.queries import Infobox, infobox, known_on
from depositary.shapes.evidence import evidence_fields, provenance_fields
from depositary.shapes.public import (
    ArticlePublic,
    InfoboxPublic,
    InstrumentPublic,
    InstrumentSummary,
    RelationPublic,
    SignatoryPublic,
    TextPublic,
)


def summary_public(instrument: Instrument) -> InstrumentSummary:
    """Return an instrument as the list of instruments gives it."""
    return InstrumentSummary(
        id=instrument.id, alias=instrument.alias, title=instrument.title("en"),
        titles=dict(instrument.titles), kind=instrument.kind, adopted=instrument.adopted,
    )


def infobox_public(box: Infobox) -> InfoboxPublic:
    """Return an instrument's infobox, in the vocabulary of Wikipedia's treaty infobox."""
    return InfoboxPublic(
        title=box.title,
        type=box.kind,
        date_signed=box.signed,
        location_signed=box.place,
        state=box.state,
        date_effective=box.effective,
        date_effective_reason=box.effective_reason,
        **evidence_fields(box.effective_evidence, "date_effective_"),
        signatories=[
            SignatoryPublic(participant=p, representative=r, **provenance_fields(source))
            for p, r, source in box.signatories
        ],
        depositary=box.depositary,
        language=box.working_language or None,
        authentic_languages=list(box.languages),
    )


def instrument_public(
    register: Register, key: str, language: str, as_of: date | None = None
) -> InstrumentPublic:
    """Return an instrument's page as data.

    What it is, its infobox, the instruments it relates to and those relating to it, and
    its texts by article; on a date (`as_of`), only what was known by then.
    """
    subject = register.instrument(key)

    def existed(instrument: Instrument | None) -> bool:
        """On a date, only the instruments adopted by then are related to anything."""
        return as_of is None or instrument is None or (
            instrument.adopted is None or instrument.adopted <= as_of)

    related_by = [
        RelationPublic(kind=r.kind, instrument=other.alias, title=other.title(language))
        for other in register.instruments.values() for r in other.relations
        if r.target == subject.id and existed(other)
    ]
    return InstrumentPublic(
        id=subject.id,
        alias=subject.alias,
        title=subject.title(language),
        titles=dict(subject.titles),
        kind=subject.kind,
        # Not yet adopted on the day asked: its adoption is a later fact.
        adopted=known_on(subject.adopted, as_of) if as_of else subject.adopted,
        infobox=infobox_public(infobox(register, subject.id, language, as_of)),
        relations=[
            RelationPublic(kind=r.kind, instrument=alias_of(register, r.target),
                           title=register.instruments[r.target].title(language)
                           if r.target in register.instruments else r.target)
            for r in subject.relations if existed(register.instruments.get(r.target))
        ],
        related_by=related_by,
        texts={
            code: TextPublic(
                language=text.language, authentic=text.authentic,
                preamble=list(text.preamble), closing=list(text.closing),
                articles=[ArticlePublic(number=a.number, heading=a.heading,
                                        paragraphs=list(a.paragraphs)) for a in text.articles],
            )
            for code, text in sorted(subject.texts.items())
        },
    )


def alias_of(register: Register, key: str) -> str:
    """Return the alias of the instrument with this id, or the id if the register lacks it."""
    instrument = register.instruments.get(key)
    return instrument.alias if instrument is not None else key
