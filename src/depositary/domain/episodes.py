"""Periods of consent: from an instrument of consent to the withdrawal that ends it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from depositary.domain.acts import NOTICE_KINDS, Act, ActKind
from depositary.domain.instruments import Instrument


@dataclass(slots=True)
class Episode:
    """One period of consent: from an instrument of consent to the withdrawal, if any."""

    consent: Act
    notice: Act | None = None
    notice_effective: date | None = None
    revoked_by: Act | None = None  # the notice stays on record: withdrawing until revoked

    @property
    def start(self) -> date:
        """Consent takes effect on receipt (VCLT 16); succession from its own date
        (VCLT succession practice: retroactive to the date of succession)."""
        if self.consent.kind is ActKind.SUCCESSION and self.consent.effective is not None:
            return self.consent.effective
        return self.consent.received

    @property
    def ends(self) -> date | None:
        """The day the withdrawal took effect; None while bound or after a revocation."""
        return self.notice_effective if self.revoked_by is None else None


def episodes_of(participant: str, own: Sequence[Act], instrument: Instrument) -> list[Episode]:
    """Split a participant's acts into periods of consent, each ended by a withdrawal that
    took effect; a notice revoked before it takes effect ends nothing (VCLT 68)."""
    clauses = instrument.clauses
    episodes: list[Episode] = []
    for act in own:
        current = episodes[-1] if episodes else None
        if current is not None and current.ends is not None and current.ends <= act.received:
            current = None  # the previous consent has ended by withdrawal
        # A consent while a notice is pending is a re-accession: a new period of consent.
        leaving = current is not None and current.notice is not None and not current.revoked_by
        if clauses.expresses_consent(act) and (current is None or leaving):
            episodes.append(Episode(consent=act))
        elif act.kind in NOTICE_KINDS and current is not None and current.ends is None:
            current.notice, current.revoked_by = act, None
            due = clauses.withdrawal.takes_effect(act.received)
            current.notice_effective = max(due, act.effective) if act.effective else due
        elif (
            act.kind is ActKind.NOTICE_REVOCATION
            and current is not None
            and current.revoked_by is None
            and current.notice_effective is not None
            and act.received < current.notice_effective
        ):
            current.revoked_by = act
    return episodes
