"""A search's hits as the answers give them: instruments by title or text, participants by name."""

from __future__ import annotations

from depositary.register.search import Hit
from depositary.shapes.public import HitPublic


def hit_public(hit: Hit) -> HitPublic:
    """Return one hit: what it is, its key and title, what matched, and an excerpt."""
    return HitPublic(kind=hit.kind, key=hit.key, title=hit.title, where=hit.where,
                     excerpt=hit.excerpt)
