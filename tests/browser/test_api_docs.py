"""The API's documentation pages work in a browser under the site's policy (no inline
script, nothing from another server): Swagger UI and ReDoc render the OpenAPI document,
and the browser reports no blocked script or style (issue 13, F17)."""

from __future__ import annotations

from playwright.sync_api import Page, expect


def test_swagger_ui_and_redoc_render_from_this_server(page: Page, site: str) -> None:
    refused: list[str] = []
    elsewhere: list[str] = []
    page.on("console", lambda m: refused.append(m.text)
            if "Content Security Policy" in m.text else None)
    page.on("request", lambda r: elsewhere.append(r.url)
            if not r.url.startswith((site, "data:", "blob:")) else None)
    page.goto(f"{site}/docs")
    # The OpenAPI document is built on its first request: seconds on a machine the rest of
    # the suite keeps busy, more than an expectation's default five.
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("depositary",
                                                                      timeout=30_000)
    expect(page.locator(".opblock-tag-section").first).to_be_visible()
    page.goto(f"{site}/redoc")
    expect(page.locator("h1").first).to_contain_text("depositary")
    # ReDoc's bundle asks for its maker's logo from cdn.redoc.ly: the policy blocks it, so
    # nothing is fetched from another server; nothing else is refused.
    logo = "https://cdn.redoc.ly/redoc/logo-mini.svg"
    assert [] == [m for m in refused if logo not in m]
    assert [] == [u for u in elsewhere if u != logo]
