"""The settings object reads DEPOSITARY_* when it is made, with the defaults the
configuration reference in docs/deployment.md promises."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from depositary.app.settings import Settings

VARIABLES = ("HOME", "DATABASE_URL", "SECRET_KEY", "SECURE_COOKIES", "SIGNING_KEY", "ORIGIN",
             "MAX_BODY", "FORWARDED_ALLOW_IPS")


@pytest.fixture
def environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    """A clean environment whose home is a temporary directory."""
    for name in VARIABLES:
        monkeypatch.delenv(f"DEPOSITARY_{name}", raising=False)
    monkeypatch.setenv("DEPOSITARY_HOME", str(tmp_path))
    return monkeypatch


def test_defaults_follow_the_home(environment: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Unset, the database and the signing key live in the home; nothing else is set."""
    settings = Settings.from_environment()
    assert tmp_path == settings.home
    assert f"sqlite:///{tmp_path / 'register.sqlite3'}" == settings.database_url
    assert tmp_path / "depositary-signing-key.pem" == settings.signing_key()
    assert (False, None, 1024 * 1024, None) == (
        settings.secure_cookies, settings.origin, settings.max_body,
        settings.forwarded_allow_ips)


def test_an_empty_variable_counts_as_unset(environment: pytest.MonkeyPatch,
                                            tmp_path: Path) -> None:
    """DEPOSITARY_DATABASE_URL= (empty) still means the home's SQLite file."""
    environment.setenv("DEPOSITARY_DATABASE_URL", "")
    environment.setenv("DEPOSITARY_ORIGIN", "")
    settings = Settings()
    assert f"sqlite:///{tmp_path / 'register.sqlite3'}" == settings.database_url
    assert None is settings.origin


def test_values_are_read_when_the_settings_are_made(environment: pytest.MonkeyPatch) -> None:
    """Each variable reaches its method; a later change of the environment does not."""
    environment.setenv("DEPOSITARY_SECURE_COOKIES", "1")
    environment.setenv("DEPOSITARY_ORIGIN", "cis.example/register")
    environment.setenv("DEPOSITARY_MAX_BODY", "2048")
    environment.setenv("DEPOSITARY_FORWARDED_ALLOW_IPS", "10.0.0.1")
    environment.setenv("DEPOSITARY_SIGNING_KEY", "/keys/depositary.pem")
    settings = Settings()
    environment.setenv("DEPOSITARY_SECURE_COOKIES", "0")
    assert (True, "cis.example/register", 2048, "10.0.0.1", Path("/keys/depositary.pem")) == (
        settings.secure_cookies, settings.origin, settings.max_body,
        settings.forwarded_allow_ips, settings.signing_key())


@pytest.mark.parametrize(("given", "secure"), [("1", True), ("true", True), ("yes", True),
                                               ("0", False), ("false", False)])
def test_secure_cookies_take_the_usual_forms(environment: pytest.MonkeyPatch, given: str,
                                             secure: bool) -> None:
    """DEPOSITARY_SECURE_COOKIES is a boolean: 1/0, true/false, yes/no."""
    environment.setenv("DEPOSITARY_SECURE_COOKIES", given)
    assert secure == Settings().secure_cookies


def test_a_secure_cookies_value_that_means_nothing_is_refused(
        environment: pytest.MonkeyPatch) -> None:
    """A typo in a security setting is an error, not a silent plain-HTTP cookie."""
    environment.setenv("DEPOSITARY_SECURE_COOKIES", "maybe")
    with pytest.raises(ValidationError, match="DEPOSITARY_SECURE_COOKIES"):
        Settings()


@pytest.mark.parametrize("given", ["abc", "-5", "1e6", " 12"])
def test_a_max_body_that_is_not_a_count_falls_back(environment: pytest.MonkeyPatch,
                                                   given: str) -> None:
    """The server starts with the default limit rather than refusing to start."""
    environment.setenv("DEPOSITARY_MAX_BODY", given)
    assert 1024 * 1024 == Settings().max_body


def test_the_secret_key_is_made_once_in_the_home(environment: pytest.MonkeyPatch,
                                                 tmp_path: Path) -> None:
    """Without DEPOSITARY_SECRET_KEY the key is kept in the home, readable by its owner only."""
    settings = Settings()
    key = settings.secret_key()
    assert key == Settings().secret_key()
    assert 0o600 == (tmp_path / "secret.key").stat().st_mode & 0o777
    environment.setenv("DEPOSITARY_SECRET_KEY", "given")
    assert "given" == Settings().secret_key()


def test_code_can_name_the_register_by_home_and_url(environment: pytest.MonkeyPatch,
                                                    tmp_path: Path) -> None:
    """Settings(home, url) wins over the environment for those two and reads the rest."""
    environment.setenv("DEPOSITARY_DATABASE_URL", "sqlite:///elsewhere.sqlite3")
    environment.setenv("DEPOSITARY_ORIGIN", "cis.example/register")
    settings = Settings(tmp_path / "own", "sqlite:///own.sqlite3")
    assert (tmp_path / "own", "sqlite:///own.sqlite3", "cis.example/register") == (
        settings.home, settings.database_url, settings.origin)
