"""The register that ships with the package: the Commonwealth of Independent States as
founded by the Alma-Ata Protocols of 21 December 1991."""

from __future__ import annotations

from importlib.resources import as_file, files

from depositary.formats.register_file import NewEntry, items, read_register_file
from depositary.register import Register
from depositary.register.replay import apply_items

SOURCE = "depositary/data/cis/register.yaml"


def commonwealth_items() -> list[NewEntry]:
    """The bundled register as entries for the log."""
    resource = files("depositary.data.cis").joinpath("register.yaml")
    with as_file(resource) as path:
        return items(read_register_file(path))


def load_commonwealth() -> Register:
    """The bundled Commonwealth register in memory, through the same path as any."""
    register = Register()
    apply_items(register, commonwealth_items(), SOURCE)
    return register
