"""Checks of the engine against real third-party data (read from DEPOSITARY_REAL_DATA)."""

from __future__ import annotations

import os
from pathlib import Path


def real_data_dir() -> Path:
    """The real-data directory: DEPOSITARY_REAL_DATA, else ../shared/data beside the
    checkout (the data is never copied into the project)."""
    configured = os.environ.get("DEPOSITARY_REAL_DATA")
    if configured:
        return Path(configured)
    checkout = Path(__file__).resolve().parents[3]
    return checkout.parent / "shared" / "data"
