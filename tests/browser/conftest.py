"""Browser tests: Debian's Chromium (/usr/bin/chromium, installed by .ci/run with apt),
driven by Playwright, against the application served on a free port. No browser is ever
downloaded. Where Chromium is absent the tests are skipped with the reason, except in CI,
where they fail. Screenshots go to test-artifacts/screenshots/ (the user guide uses them).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.conftest import Templates
from tests.web.conftest import serve

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run installs the chromium package")
        pytest.skip(f"{CHROMIUM} not found: apt-get install chromium to run the browser tests")
    with sync_playwright() as playwright:
        found = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield found
        found.close()


@pytest.fixture
def site(tmp_path: Path, templates: Templates) -> Iterator[str]:
    """The application on the bundled register in a SQLite file of its own."""
    yield from serve(templates.copy("sqlite", tmp_path), tmp_path)


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    found = context.new_page()
    yield found
    context.close()


DOCS_IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images"


def screenshot(page: Page, name: str) -> Path:
    """A full-page screenshot for CI's artifacts; also for the user guide's images when
    DEPOSITARY_DOCS_SCREENSHOTS=1 (`./dev screenshots`)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    if os.environ.get("DEPOSITARY_DOCS_SCREENSHOTS") == "1":
        DOCS_IMAGES.mkdir(parents=True, exist_ok=True)
        (DOCS_IMAGES / path.name).write_bytes(path.read_bytes())
    return path
