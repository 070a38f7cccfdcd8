"""What a status or a fact rests on, as every answer carries it.

A status's evidence (how sure it is, its sources, the readings not chosen) and a fact's
provenance (its source, confidence and the editor's note): as a `*Public` model's fields,
or as plain JSON for the answers that are not models yet.
"""

from __future__ import annotations

from typing import Any

from depositary.domain.provenance import Provenance
from depositary.domain.status import Evidence


def evidence_fields(evidence: Evidence | None, prefix: str = "") -> dict[str, Any]:
    """Return a status's evidence as a model's fields, each name after `prefix`."""
    return {
        f"{prefix}confidence": evidence.confidence if evidence else None,
        f"{prefix}sources": list(evidence.sources) if evidence else [],
        f"{prefix}conflicts": list(evidence.conflicts) if evidence else [],
    }


def evidence_json(evidence: Evidence | None, prefix: str = "") -> dict[str, Any]:
    """Return a status's evidence as JSON: its confidence (V, S or U) and its sources."""
    confidence = evidence.confidence.value if evidence else None
    return {**evidence_fields(evidence, prefix), f"{prefix}confidence": confidence}


def provenance_fields(provenance: Provenance) -> dict[str, Any]:
    """Return a fact's source and confidence as a model's fields."""
    return {"source": provenance.source, "confidence": provenance.confidence,
            "note": provenance.note, "conflicts": list(provenance.conflicts)}


def provenance_json(provenance: Provenance) -> dict[str, Any]:
    """Return a fact's source and confidence as JSON, as every output carries them."""
    return {**provenance_fields(provenance), "confidence": provenance.confidence.value}
