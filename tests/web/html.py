"""Pages read as documents: the web tests parse the HTML (lxml) and ask for an element by
a CSS selector (cssselect) or XPath, so that a word in the navigation or in another section
does not pass for the content a test means."""

from __future__ import annotations

import re

from lxml import html as lxml_html
from lxml.html import HtmlElement


def page(text: str) -> HtmlElement:
    """The parsed document of an HTML answer's text."""
    document: HtmlElement = lxml_html.document_fromstring(text)
    return document


def text(element: HtmlElement) -> str:
    """An element's visible text, its whitespace runs folded into single spaces."""
    return re.sub(r"\s+", " ", element.text_content()).strip()


def one(document: HtmlElement, css: str) -> HtmlElement:
    """The single element `css` selects; fails the test if there is none or several."""
    found = document.cssselect(css)
    assert 1 == len(found), f"{len(found)} elements match {css!r}"
    element: HtmlElement = found[0]
    return element


def texts(document: HtmlElement, css: str) -> list[str]:
    """The visible text of each element `css` selects, in document order."""
    return [text(element) for element in document.cssselect(css)]


def links(document: HtmlElement, css: str = "a") -> list[str]:
    """The `href` of each link `css` selects (every link of the document by default)."""
    return [str(a.get("href")) for a in document.cssselect(css) if a.get("href") is not None]


def section(document: HtmlElement, name: str) -> HtmlElement:
    """The page's section named `name`: `<section id=name>` or the section labelled by the
    heading of that id (`<section aria-labelledby=name>`)."""
    return one(document, f'section#{name}, section[aria-labelledby="{name}"]')


def svg_titles(element: HtmlElement) -> list[str]:
    """The tooltips of a chart's marks: the `<title>` of each SVG shape under `element`."""
    return [text(title) for title in element.xpath(".//svg//title")]
