"""The translation catalogs: every message the code and the templates mark has its Russian,
with the same placeholders; no catalog keeps a message the code no longer uses; every value
of the register's vocabulary has its words."""

from __future__ import annotations

from enum import StrEnum
from fractions import Fraction

import pytest
from babel.messages.catalog import Catalog

from depositary.app.workflow import ROLES as WORKFLOW_ROLES
from depositary.domain.acts import ActKind
from depositary.domain.bodies import Category
from depositary.domain.events import EventKind
from depositary.domain.instruments import InstrumentKind, RelationKind
from depositary.domain.participants import Role
from depositary.domain.posts import Tenure
from depositary.domain.procedures import Consensus, Majority, Position, Unanimity, procedure_name
from depositary.domain.reservations import ReservationState
from depositary.domain.status import Status
from depositary.locale import spoken, translate
from depositary.locale.catalogs import Message, extracted, missing, read
from depositary.locale.labels import (
    ACT_KINDS,
    CATEGORIES,
    EVENT_KINDS,
    INSTRUMENT_KINDS,
    POSITIONS,
    PROCEDURES,
    RELATION_KINDS,
    RESERVATION_STATES,
    ROLES,
    SEATS,
    STATES,
    STATUS_WORDS,
    STATUSES,
    TENURES,
    Vocabulary,
)
from depositary.register.queries import State


@pytest.fixture(scope="module")
def messages() -> list[Message]:
    return extracted()


def test_every_message_of_the_interface_has_its_russian(messages: list[Message]) -> None:
    assert len(messages) > 400  # the templates were read, not only the Python
    assert missing("ru", messages) == [], "run ./dev catalogs and translate what it lists"


def test_the_catalog_keeps_no_message_the_code_no_longer_uses(messages: list[Message]) -> None:
    used = {(m.context, m.id) for m in messages}
    kept = {(e.context, e.id) for e in read("ru") if e.id}
    assert kept - used == set(), "run ./dev catalogs to drop them"


def test_a_message_without_translation_or_with_other_placeholders_is_reported() -> None:
    new = Message("A message nobody has translated yet", None, (("web/x.py", 1),))
    assert ["web/x.py:1: 'A message nobody has translated yet' has no ru translation"] == \
        missing("ru", [new])
    day = Message("Participation on %(day)s", None, (("web/y.py", 2),))
    catalog = Catalog(locale="ru")
    catalog.add(day.id, "Участие в %(year)s году")
    assert ["web/y.py:2: 'Participation on %(day)s': the translation's placeholders differ"] \
        == missing("ru", [day], catalog)
    catalog.add(day.id, "Участие на %(day)s", flags=["fuzzy"])
    assert missing("ru", [day], catalog)[0].endswith("has no ru translation")


def test_a_translation_is_the_catalog_s_and_english_is_the_message_itself() -> None:
    assert "Участие на %(day)s" == translate("ru", "Participation on %(day)s")
    assert "Participation on %(day)s" == translate("en", "Participation on %(day)s")
    assert "заявление" == ACT_KINDS("declaration", "ru")
    assert "декларация" == INSTRUMENT_KINDS("declaration", "ru")


@pytest.mark.parametrize(("vocabulary", "values"), [
    (ACT_KINDS, ActKind), (STATUSES, Status), (STATUS_WORDS, Status), (CATEGORIES, Category),
    (INSTRUMENT_KINDS, InstrumentKind), (RELATION_KINDS, RelationKind), (STATES, State),
    (EVENT_KINDS, EventKind), (RESERVATION_STATES, ReservationState), (TENURES, Tenure),
    (SEATS, Role), (POSITIONS, Position), (ROLES, WORKFLOW_ROLES),
])
def test_every_value_of_the_register_s_vocabulary_has_its_words(
    vocabulary: Vocabulary, values: type[StrEnum] | frozenset[str],
) -> None:
    assert {getattr(v, "value", v) for v in values} == set(vocabulary.english)
    russian = vocabulary.in_language("ru")
    assert all(word != vocabulary.english[value] or value == "signature-ad-referendum"
               for value, word in russian.items())


def test_the_councils_words_the_domain_says_are_the_vocabulary_s() -> None:
    """A position or a procedure named in an outcome's reasons is said with the words of
    its table, so a Russian reason has no English word in it."""
    assert {p.said.english for p in Position} == set(POSITIONS.english.values())
    assert all(p.said.context == POSITIONS.context for p in Position)
    named = {procedure_name(p) for p in (Consensus(), Unanimity(), Majority(),
                                         Majority(threshold=Fraction(2, 3)))}
    assert {p.english for p in named} | {"joint decision"} == set(PROCEDURES.english.values())
    assert "простое большинство" == spoken(procedure_name(Majority()), "ru")
