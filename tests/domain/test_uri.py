"""Work URIs are one value (domain/uri.py): made and read in one place."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from depositary.domain.uri import WorkUri

NAMES = st.from_regex(r"[a-z0-9][a-z0-9.-]{0,20}", fullmatch=True)
JURISDICTIONS = st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True)


def test_the_bundled_form_is_read_into_its_parts() -> None:
    uri = WorkUri.parse("/akn/cis/act/agreement/1991-12-08/establishment-of-the-cis")
    assert WorkUri("cis", "agreement", date(1991, 12, 8), "establishment-of-the-cis") == uri


def test_an_undated_work_keeps_undated() -> None:
    uri = WorkUri("un", "treaty", None, "XXVI-1")
    assert "/akn/un/act/treaty/undated/XXVI-1" == str(uri)
    assert uri == WorkUri.parse(str(uri))


@given(JURISDICTIONS, st.dates(), NAMES)
def test_every_uri_reads_back_as_written(jurisdiction: str, day: date, number: str) -> None:
    uri = WorkUri(jurisdiction, "treaty", day, number)
    assert uri == WorkUri.parse(str(uri))


@pytest.mark.parametrize("uri", [
    "/akn/un/act/treaty/XXVI-1",  # no date: the form the UN table evaluation once made
    "akn/cis/act/agreement/1991-12-08/x", "/akn/CIS/act/agreement/1991-12-08/x",
    "/akn/cis/act/agreement/1991-12-08/x/y",
])
def test_anything_else_is_refused_naming_the_shape(uri: str) -> None:
    with pytest.raises(ValueError, match="expected /akn/<jurisdiction>/act/"):
        WorkUri.parse(uri)


def test_a_register_file_refuses_an_instrument_id_that_is_no_work_uri() -> None:
    from depositary.formats.errors import FormatError
    from depositary.formats.register_file import parse_register

    data = {"format": "depositary/register@1", "instruments": [
        {"id": "/akn/un/act/treaty/XXVI-1", "alias": "x", "kind": "treaty",
         "titles": {"en": "X"}}]}
    with pytest.raises(FormatError, match="not a work URI"):
        parse_register(data, "test.yaml")
