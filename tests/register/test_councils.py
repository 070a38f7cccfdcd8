"""The councils in the register, read from the bundled Commonwealth register."""

from __future__ import annotations

from datetime import date

from depositary.app.bundled import load_commonwealth

REGISTER = load_commonwealth()
DAYS = [date(1991, 12, 21), date(1992, 5, 15), date(1993, 1, 22), date(1994, 4, 15),
        date(2003, 9, 19), date(2009, 8, 18), date(2025, 10, 10)]


def test_one_participants_standing_is_its_standing_in_the_whole_membership() -> None:
    """An appointment is checked against its participant's standing alone (`of`): that
    must be what the whole membership says of it, member or former or neither."""
    councils = REGISTER.councils
    compared = 0
    for alias, body in councils.bodies.items():
        if body.membership is None:
            continue
        for day in DAYS:
            members, former = councils.membership(alias, day)
            for code in [*REGISTER.participants, "XXX"]:
                alone = councils.membership(alias, day, of=code)
                assert alone == ([m for m in members if m.participant == code],
                                 [f for f in former if f.participant == code]), (alias, day)
                compared += bool(alone[0] or alone[1])
    assert compared > 100  # members and former members alike were compared
