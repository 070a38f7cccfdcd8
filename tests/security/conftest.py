"""The security tests use the web tests' sites (tests/web/conftest.py)."""

from tests.web.conftest import client, desks, public_site, served_desks

__all__ = ["client", "desks", "public_site", "served_desks"]
