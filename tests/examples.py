"""How many examples a property test (Hypothesis) tries. A test names the number each run
of `./dev test` tries, as few as its invariant needs to be exercised every time; with
HYPOTHESIS_PROFILE=thorough (tests/conftest.py loads the profile) it tries ten times as
many, and the tests that name no number try 1000 instead of Hypothesis's 100:

    HYPOTHESIS_PROFILE=thorough ./dev test -n 0 tests/domain/test_properties.py
"""

from __future__ import annotations

import os
from typing import Any

from hypothesis import settings

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "default")
SCALE = {"default": 1, "thorough": 10}


def examples(count: int, **options: Any) -> settings:
    """Settings for a property test: `count` examples (times the profile's scale), no
    deadline (the machine is shared; a slow example is not a failure)."""
    if PROFILE not in SCALE:
        raise ValueError(f"HYPOTHESIS_PROFILE={PROFILE!r}: the profiles are {sorted(SCALE)}")
    return settings(max_examples=count * SCALE[PROFILE], deadline=None, **options)
