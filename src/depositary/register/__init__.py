"""The register: participants, instruments and acts, and the use cases that change them."""

from depositary.register.register import Register, RegisterError

__all__ = ["Register", "RegisterError"]
