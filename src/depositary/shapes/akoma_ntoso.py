"""Akoma Ntoso 3.0 (OASIS LegalDocML) export of an instrument.

One expression (language) as an `<act>`, with its FRBR identification, signature and entry
into force in its lifecycle, its text by article, and the status chart on the date asked in
a proprietary block, so that a legal-XML toolchain reads the register without knowing its
JSON.

Validated against the official schema bundled in `depositary/data/akomantoso/`.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from importlib.resources import as_file, files

import pycountry
from lxml import etree

from depositary.domain.instruments import Instrument, Text
from depositary.domain.uri import WorkUri
from depositary.register.queries import Chart

AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
# The status chart is this register's own vocabulary: a namespace of its own, as AKN asks
# of proprietary metadata.
STATUS = "urn:depositary:status:1"
SOURCE = "#depositary"


def akoma_ntoso(instrument: Instrument, language: str, chart: Chart, generated: date) -> bytes:
    """Return the instrument's expression in `language` (ISO 639-1), with its status chart.

    The chart is the one on `chart.as_of`. An instrument without a text in that language
    still gets a valid document: its metadata and a note that the register holds no text.
    """
    text = instrument.texts.get(language)
    work, country = instrument.id, _country(instrument.id)
    # The expression is the original version, dated by adoption; an undated instrument's
    # is `lang@` (AKN's naming convention), its FRBR dates the generation's.
    dated = instrument.adopted or generated
    expression = f"{work}/{_alpha3(language)}@{_iso(instrument.adopted)}"
    root = etree.Element(_akn("akomaNtoso"), nsmap={None: AKN, "status": STATUS})
    act = _sub(root, "act", name=instrument.kind.value)
    meta = _sub(act, "meta")

    identification = _sub(meta, "identification", source=SOURCE)
    frbr = _sub(identification, "FRBRWork")
    _sub(frbr, "FRBRthis", value=f"{work}/!main")
    _sub(frbr, "FRBRuri", value=work)
    _sub(frbr, "FRBRalias", value=instrument.alias, name="alias")
    _sub(frbr, "FRBRdate", date=dated.isoformat(),
         name="signature" if instrument.adopted else "generation")
    _sub(frbr, "FRBRauthor", href=f"#{country}")
    _sub(frbr, "FRBRcountry", value=country)
    _sub(frbr, "FRBRsubtype", value=instrument.kind.value)
    _sub(frbr, "FRBRname", value=instrument.title(language))
    version = _sub(identification, "FRBRExpression")
    _sub(version, "FRBRthis", value=f"{expression}/!main")
    _sub(version, "FRBRuri", value=expression)
    _sub(version, "FRBRdate", date=dated.isoformat(),
         name="signature" if instrument.adopted else "generation")
    _sub(version, "FRBRauthor", href=f"#{country}")
    if text is not None:
        _sub(version, "FRBRauthoritative", value="true" if text.authentic else "false")
    _sub(version, "FRBRlanguage", language=_alpha3(language))
    manifestation = _sub(identification, "FRBRManifestation")
    _sub(manifestation, "FRBRthis", value=f"{expression}/!main.xml")
    _sub(manifestation, "FRBRuri", value=f"{expression}.akn")
    _sub(manifestation, "FRBRdate", date=generated.isoformat(), name="generation")
    _sub(manifestation, "FRBRauthor", href=SOURCE)

    lifecycle = _sub(meta, "lifecycle", source=SOURCE)
    _sub(lifecycle, "eventRef", eId="e_signature", date=dated.isoformat(), source="#original",
         type="generation", refersTo="#signature" if instrument.adopted else "#generation")
    if chart.entry_into_force is not None:
        _sub(lifecycle, "eventRef", eId="e_entry_into_force", source="#original",
             date=chart.entry_into_force.isoformat(), type="generation",
             refersTo="#entryIntoForce")
        temporal = _sub(meta, "temporalData", source=SOURCE)
        group = _sub(temporal, "temporalGroup", eId="period_in_force")
        _sub(group, "timeInterval", start="#e_entry_into_force", refersTo="#inForce")

    references = _sub(meta, "references", source=SOURCE)
    _sub(references, "original", eId="original", href=f"{work}/!main",
         showAs=instrument.title(language))
    _sub(references, "TLCOrganization", eId="depositary", href="/ontology/organization/depositary",
         showAs="depositary")
    _sub(references, "TLCOrganization", eId=country,
         href=f"/ontology/organization/{country}", showAs=country.upper())
    for concept, shown in (("signature", "Signature"), ("generation", "Generation"),
                           ("entryIntoForce", "Entry into force"), ("inForce", "In force")):
        _sub(references, "TLCEvent" if concept != "inForce" else "TLCConcept", eId=concept,
             href=f"/ontology/{'event' if concept != 'inForce' else 'concept'}/{concept}",
             showAs=shown)

    proprietary = _sub(meta, "proprietary", source=SOURCE)
    _status(proprietary, chart)

    preface = _sub(act, "preface")
    title = _sub(_sub(preface, "longTitle"), "p")
    _sub(title, "docTitle").text = _xml(instrument.title(language))
    _content(act, text)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                pretty_print=True))


def _status(parent: etree._Element, chart: Chart) -> None:
    """The status chart on its date, one element per participant (the JSON chart's rows)."""
    status = etree.SubElement(parent, f"{{{STATUS}}}chart", asOf=chart.as_of.isoformat())
    if chart.entry_into_force is not None:
        status.set("entryIntoForce", chart.entry_into_force.isoformat())
    for row in chart.rows:
        element = etree.SubElement(status, f"{{{STATUS}}}participant", code=row.participant,
                                   name=_xml(row.name), status=row.status.value)
        for attribute, value in (("signature", row.signature), ("consent", row.consent_cell),
                                 ("inForceFrom", row.in_force_from)):
            if value:
                element.set(attribute, str(value))
        for reservation in row.reservations:
            etree.SubElement(element, f"{{{STATUS}}}reservation").text = _xml(reservation)


def _content(act: etree._Element, text: Text | None) -> None:
    """Preamble, articles (each paragraph numbered for citation) and closing words."""
    if text is not None and text.preamble:
        preamble = _sub(act, "preamble")
        for paragraph in text.preamble:
            _sub(preamble, "p").text = _xml(paragraph)
    body = _sub(act, "body")
    if text is None or not text.articles:
        held = _sub(body, "hcontainer", eId="hcontainer_1", name="noText")
        _sub(_sub(held, "content"), "p").text = "The register holds no text in this language."
    else:
        seen: set[str] = set()
        for index, article in enumerate(text.articles, start=1):
            number = article.number or str(index)
            eid = f"art_{_eid(number)}"
            eid = eid if eid not in seen else f"{eid}_{index}"  # eIds are unique
            seen.add(eid)
            element = _sub(body, "article", eId=eid)
            _sub(element, "num").text = _xml(number)
            if article.heading:
                _sub(element, "heading").text = _xml(article.heading)
            for count, paragraph in enumerate(article.paragraphs or ("",), start=1):
                held = _sub(element, "paragraph", eId=f"{eid}__para_{count}")
                _sub(_sub(held, "content"), "p").text = _xml(paragraph)
    if text is not None and text.closing:
        conclusions = _sub(act, "conclusions")
        for paragraph in text.closing:
            _sub(conclusions, "p").text = _xml(paragraph)


def validate(document: bytes) -> list[str]:
    """The schema's complaints about a document, one line each; empty when it is valid."""
    parsed = etree.fromstring(document)
    schema = _schema()
    if schema.validate(parsed):
        return []
    return [f"line {e.line}: {e.message}" for e in schema.error_log]


@cache
def _schema() -> etree.XMLSchema:
    # The schema imports ./xml.xsd: parse it from its own folder, never from the network.
    with as_file(files("depositary.data") / "akomantoso" / "akomantoso30.xsd") as path:
        parser = etree.XMLParser(no_network=True)
        return etree.XMLSchema(etree.parse(str(path), parser))


def _sub(parent: etree._Element, tag: str, **attributes: str) -> etree._Element:
    return etree.SubElement(parent, _akn(tag), {k: _xml(v) for k, v in attributes.items()})


# Characters XML 1.0 cannot carry (C0 controls other than tab, newline, carriage return):
# a text pasted with a form feed must not make the whole export fail.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml(text: str) -> str:
    return _NOT_XML.sub(" ", text)


def _iso(day: date | None) -> str:
    return day.isoformat() if day is not None else ""


def _akn(tag: str) -> str:
    return f"{{{AKN}}}{tag}"


def _country(work: str) -> str:
    """The jurisdiction part of a work URI (/akn/<country>/...): `cis`, `un`."""
    try:
        return WorkUri.parse(work).jurisdiction
    except ValueError:
        return "un"


def _alpha3(language: str) -> str:
    """ISO 639-2 code, as AKN names languages in URIs (rus, eng)."""
    iso_language = pycountry.languages.get(alpha_2=language)
    return str(iso_language.alpha_3) if iso_language is not None else language


def _eid(number: str) -> str:
    """An article number as an eId part: letters, digits and hyphens only."""
    return "".join(c if c.isalnum() else "-" for c in number.lower()).strip("-") or "x"
