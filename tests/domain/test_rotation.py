"""Rotation of the chair: Russian alphabetical order, members joining and leaving, and a
decision overriding the order."""

from __future__ import annotations

from datetime import date

from depositary.domain.rotation import Override, Rotation, chairs, collation_key

NAMES = {
    "ARM": "Армения", "AZE": "Азербайджан", "BLR": "Беларусь", "GEO": "Грузия",
    "KAZ": "Казахстан", "KGZ": "Кыргызстан", "MDA": "Молдова", "RUS": "Россия",
    "TJK": "Таджикистан", "TKM": "Туркменистан", "UZB": "Узбекистан", "UKR": "Украина",
}


def test_russian_collation_puts_yo_with_ye_and_ignores_case_first() -> None:
    words = ["ёлка", "Ель", "жук", "Яблоко", "еда", "аист"]
    assert ["аист", "еда", "ёлка", "Ель", "жук", "Яблоко"] == sorted(words, key=collation_key)


def members_on(day: date) -> list[tuple[str, str]]:
    """Five states; Georgia joins in 2003, Kazakhstan leaves in 2006."""
    codes = ["ARM", "BLR", "KAZ", "RUS", "UKR"]
    if day >= date(2003, 1, 1):
        codes.append("GEO")
    if day >= date(2006, 1, 1):
        codes.remove("KAZ")
    return [(c, NAMES[c]) for c in codes]


def test_ten_years_of_chairs_by_the_russian_order() -> None:
    rotation = Rotation(language="ru", term_months=12, start=date(2000, 1, 1))
    terms = chairs(rotation, members_on, date(2010, 1, 1))
    # Армения, Беларусь, Казахстан, Россия, Украина; Грузия joins after Беларусь;
    # Казахстан leaves, so after Грузия comes Россия.
    assert [
        ("ARM", 2000), ("BLR", 2001), ("KAZ", 2002), ("RUS", 2003), ("UKR", 2004),
        ("ARM", 2005), ("BLR", 2006), ("GEO", 2007), ("RUS", 2008), ("UKR", 2009),
    ] == [(t.participant, t.start.year) for t in terms]
    assert "Армения, Беларусь, Грузия, Россия, Украина" in str(terms[7].reason)


def test_a_decision_overrides_the_order_and_the_order_resumes_after_it() -> None:
    override = Override(date(2003, 1, 1), "UKR", date(2003, 7, 1), "decision of 2002-12-10")
    rotation = Rotation(term_months=12, start=date(2000, 1, 1), overrides=(override,))
    terms = chairs(rotation, members_on, date(2006, 1, 1))
    assert [
        ("ARM", date(2000, 1, 1)), ("BLR", date(2001, 1, 1)), ("KAZ", date(2002, 1, 1)),
        ("UKR", date(2003, 1, 1)), ("ARM", date(2003, 7, 1)), ("BLR", date(2004, 7, 1)),
        ("GEO", date(2005, 7, 1)),
    ] == [(t.participant, t.start) for t in terms]
    assert "named by decision of 2002-12-10" == str(terms[3].reason)


def test_a_decided_term_cuts_the_computed_one_short() -> None:
    override = Override(date(2000, 7, 1), "RUS", decision="an extraordinary decision")
    rotation = Rotation(term_months=12, start=date(2000, 1, 1), overrides=(override,))
    terms = chairs(rotation, members_on, date(2002, 1, 1))
    assert [("ARM", date(2000, 1, 1), date(2000, 7, 1)), ("RUS", date(2000, 7, 1),
            date(2001, 7, 1)), ("UKR", date(2001, 7, 1), date(2002, 7, 1))] == [
        (t.participant, t.start, t.end) for t in terms
    ]


def test_from_the_rule_s_date_the_previous_and_the_next_chair_co_chair() -> None:
    rotation = Rotation(term_months=12, start=date(2000, 1, 1), co_chairs_from=date(2001, 1, 1))
    terms = chairs(rotation, members_on, date(2003, 1, 1))
    assert [((), "ARM"), (("ARM", "KAZ"), "BLR"), (("BLR", "RUS"), "KAZ")] == [
        (t.co_chairs, t.participant) for t in terms
    ]
