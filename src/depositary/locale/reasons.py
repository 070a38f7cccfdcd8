"""The engine's reasons in the reader's language: the sentence from the catalogs
(`spoken`), the citation with the general rules in the language's words and the
instrument's own articles as the record cites them."""

from __future__ import annotations

from depositary.domain.admissibility import Rejection
from depositary.domain.phrases import cited
from depositary.domain.status import Reason
from depositary.locale import SOURCE_LANGUAGE, spoken
from depositary.locale.labels import RULES


def rule_in(rule: str, language: str) -> str:
    """A reason's citation in `language`: "Section IX; Art. 9; VCLT 24(3)" has the
    Vienna Convention's abbreviation said in the language, the rest as the record has it."""
    if language == SOURCE_LANGUAGE:
        return rule
    said = []
    for part in rule.split("; "):
        head, _, article = part.partition(" ")
        said.append(f"{RULES(head, language)} {article}" if head == "VCLT"
                    else RULES(part, language))
    return "; ".join(said)


def reason_in(reason: Reason, language: str) -> str:
    """Why a status holds, in `language`, the rule it applies in brackets (as the English
    `str()` of a reason writes it)."""
    return spoken(cited(reason.said, reason.rule), language)


def rejection_in(rejection: Rejection, language: str) -> str:
    """Why the engine refuses an act, in `language`."""
    return spoken(rejection.said, language)
