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


# What a Russian page may show in Latin letters without being English: the register's
# codes (RUS, V, U), the names of formats and of a source of outlines, identifiers written
# with an underscore (as_of), and one-letter symbols (the UN's consent symbols).
NOT_ENGLISH = re.compile(
    r"^(?:CSV|JSON|XML|SVG|Atom|Akoma|Ntoso|Natural|Earth|base64|[A-Z]+|[A-Za-z]|\w*_\w*)$")
# What a page quotes rather than says (the record's own words, «…»; a citation of the
# instrument's articles, […]) and the addresses it names.
QUOTED = re.compile(r"«[^»]*»|\[[^\]]*\]|https?://\S+|(?<!\w)/\S*")


def english_in(answer: str) -> list[str]:
    """The lines of a page's visible text that say something in English: every word in
    Latin letters outside what the page marks as not to be translated (translate="no": the
    record's notes and sources, names), as code, or
    quotes, and other than NOT_ENGLISH; a part in another language than the page's (lang)
    is not the page's to say. Each finding is "word word || the line"."""
    document = page(answer)
    language = document.get("lang") or "ru"
    for element in document.xpath(
            "//head|//script|//style|//code|//kbd|//*[@translate='no']"
            f"|//body//*[@lang and not(starts-with(@lang, '{language}'))]"):
        element.drop_tree()
    found = []
    for line in document.text_content().splitlines():
        said = QUOTED.sub(" ", line)
        words = [w for w in re.findall(r"[A-Za-z_][A-Za-z0-9_'’-]*", said)
                 if not NOT_ENGLISH.match(w.strip("'’-"))]
        if words:
            found.append(" ".join(words) + " || " + " ".join(line.split())[:100])
    return found
