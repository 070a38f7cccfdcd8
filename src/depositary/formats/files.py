"""Reading the project's data files: YAML (of which JSON is a subset)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from depositary.formats.errors import FormatError


def read_yaml(path: Path) -> Any:
    """Parse a YAML (or JSON) file, reporting a syntax error with its line."""
    try:
        with path.open(encoding="utf-8") as stream:  # the stream's name shows in errors
            # The C loader where PyYAML has it: ten times faster on a large register.
            return yaml.load(stream, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except OSError as error:
        raise FormatError(path, [f"cannot read: {error.strerror}"]) from None
    except UnicodeDecodeError as error:
        raise FormatError(path, [f"not UTF-8 text: {error.reason} at byte {error.start}"]) from None
    except yaml.YAMLError as error:
        raise FormatError(path, [f"not valid YAML: {error}"]) from None
    except ValueError as error:
        # PyYAML builds dates itself and lets an impossible one (1991-13-12) through as a
        # plain ValueError, without the line.
        raise FormatError(path, [f"an impossible date or number: {error}"]) from None
