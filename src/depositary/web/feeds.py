"""Atom feeds (RFC 4287) of the depositary's notifications: all of them, or those of one
instrument or one participant, newest first, for readers that follow the register."""

from __future__ import annotations

from typing import Any
from xml.etree import ElementTree

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from depositary.log.checkpoints import Checkpoint
from depositary.shapes.notifications import stored_notifications
from depositary.shapes.public import plain
from depositary.web.deps import Read, Stored, as_recorded_time, instrument_key
from depositary.web.problems import READS, documented

router = APIRouter(tags=["feeds"], responses=documented(READS),
                   dependencies=[Depends(as_recorded_time)])
ATOM = "http://www.w3.org/2005/Atom"
CHECKPOINT = "urn:depositary:checkpoint"  # the signed note, as /api/checkpoints gives it


@router.get("/feeds/notifications.atom", summary="Depositary notifications as an Atom feed",
            response_class=Response, responses={200: {"content": {"application/atom+xml": {}}}})
def notifications(request: Request, read: Read, stored: Stored, instrument: str | None = None,
                  participant: str | None = None) -> Response:
    found = read.register()
    alias = found.instrument(instrument_key(instrument)).alias if instrument else None
    code = found.participant(participant).code if participant else None
    if instrument:  # one instrument's, through the log's index
        notices = read.instrument_notifications(instrument_key(instrument), "en")
    else:
        log = read.entries_about(["notification"])
        notices = [plain(n) for n in stored_notifications(log, found, "en")][::-1]
    items = [n for n in notices if code is None or n["participant"] == code]
    title = "Depositary notifications" + (f": {alias}" if alias else "") + (
        f": {code}" if code else "")
    # The feed publishes the log's newest signed checkpoint too: whoever follows the
    # notifications keeps, with them, what the log held when they were read.
    signed = None if request.query_params.get("as_recorded") else (
        stored.latest_checkpoint())
    related = str(request.url_for("latest"))
    return Response(_atom(str(request.url), title, items, signed, related),
                    media_type="application/atom+xml")


def _atom(self_url: str, title: str, items: list[dict[str, Any]],
          signed: Checkpoint | None = None, related: str = "") -> bytes:
    ElementTree.register_namespace("", ATOM)
    ElementTree.register_namespace("checkpoint", CHECKPOINT)
    feed = ElementTree.Element(f"{{{ATOM}}}feed")
    _text(feed, "title", title)
    _text(feed, "id", self_url)
    ElementTree.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=self_url)
    if signed is not None:
        ElementTree.SubElement(feed, f"{{{ATOM}}}link", rel="related", href=related,
                               type="application/json", title="the log's signed checkpoint")
        note = ElementTree.SubElement(
            feed, f"{{{CHECKPOINT}}}checkpoint", tree_size=str(signed.tree_size),
            root_hash=signed.root_hash.hex(), signed_at=signed.signed_at,
            verifier=signed.verifier)
        note.text = signed.note
    _text(feed, "updated", f"{items[0]['date']}T00:00:00Z" if items else "1991-12-08T00:00:00Z")
    author = ElementTree.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", "depositary")
    for n in items:
        entry = ElementTree.SubElement(feed, f"{{{ATOM}}}entry")
        year = n["number"].rpartition(".")[2]
        _text(entry, "id", f"tag:depositary,{year}:notification/{n['number']}")
        _text(entry, "title", f"{n['number']}: {n['participant']}, {n['act']}, {n['instrument']}")
        _text(entry, "updated", f"{n['date']}T00:00:00Z")
        _text(entry, "content", n["text"]).set("type", "text")
    return bytes(ElementTree.tostring(feed, encoding="utf-8", xml_declaration=True))


def _text(parent: ElementTree.Element, tag: str, text: str) -> ElementTree.Element:
    element = ElementTree.SubElement(parent, f"{{{ATOM}}}{tag}")
    element.text = text
    return element
