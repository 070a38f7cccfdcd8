"""The security tests use the web tests' served registers (tests/web/conftest.py)."""

from tests.web.conftest import client, desks, public_site, server

__all__ = ["client", "desks", "public_site", "server"]
