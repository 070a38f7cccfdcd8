"""The register that ships with the package: the Commonwealth of Independent States as
founded by the Alma-Ata Protocols of 21 December 1991."""

from __future__ import annotations

from importlib.resources import as_file, files

from depositary.formats.register_file import load_file
from depositary.register import Register


def load_commonwealth() -> Register:
    """The bundled Commonwealth register, loaded through the same path as any register."""
    resource = files("depositary.data.cis").joinpath("register.yaml")
    with as_file(resource) as path:
        return load_file(path)
