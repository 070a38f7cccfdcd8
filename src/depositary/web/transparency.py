"""The log as outsiders check it (RFC 9162 style): the checkpoints the depositary signed,
each entry as stored, an inclusion proof of an entry in a checkpoint's tree, and a
consistency proof between two tree sizes. With them a member state's witness (`depositary
witness URL`), or anyone with the verifier key, checks that what was published is never
rewritten, cut or forked, without trusting the server (docs/security.md)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi import Path as FastPath

from depositary.log import merkle
from depositary.log.checkpoints import Checkpoint
from depositary.log.entries import Entry
from depositary.register import RegisterError
from depositary.shapes.public_log import (
    CheckpointPublic,
    CheckpointsPublic,
    ConsistencyPublic,
    EntryPublic,
    InclusionPublic,
)
from depositary.web.api import ledger

router = APIRouter(prefix="/api", tags=["transparency"])
MAX = 2**31 - 1  # the log numbers its entries in 32 bits
Seq = Annotated[int, FastPath(ge=1, le=MAX, description="The entry's number, from 1.")]


@router.get("/checkpoints", summary="The checkpoints the depositary signed, newest first")
def checkpoints(
    request: Request,
    limit: Annotated[int, Query(ge=1, le=1000, description="How many.")] = 100,
    before: Annotated[int | None, Query(ge=1, le=MAX, description="Only those of smaller tree "
                                        "sizes (the next page).")] = None,
) -> CheckpointsPublic:
    found = ledger(request).checkpoints(limit, before)
    return CheckpointsPublic(checkpoints=[_checkpoint(c) for c in found])


@router.get("/checkpoints/latest", summary="The newest signed checkpoint")
def latest(request: Request) -> CheckpointPublic:
    return _checkpoint(_latest(request))


@router.get("/checkpoints/consistency",
            summary="A consistency proof between two tree sizes (RFC 9162, 2.1.4)")
def consistency(
    request: Request,
    old: Annotated[int, Query(alias="from", ge=1, le=MAX, description="The smaller tree size.")],
    new: Annotated[int, Query(alias="to", ge=1, le=MAX, description="The larger tree size.")],
) -> ConsistencyPublic:
    held = ledger(request)
    proof = held.consistency_proof(old, new)
    return ConsistencyPublic(from_=old, to=new, from_root=held.root(old).hex(),
                             to_root=held.root(new).hex(), proof=[h.hex() for h in proof])


@router.get("/entries/{seq}", summary="An entry of the log, as stored and hashed")
def entry(request: Request, seq: Seq) -> EntryPublic:
    return EntryPublic(**asdict(_entry(request, seq)))


@router.get("/entries/{seq}/proof",
            summary="The inclusion proof of an entry in a tree size (RFC 9162, 2.1.3)")
def inclusion(
    request: Request, seq: Seq,
    tree_size: Annotated[int | None, Query(ge=1, le=MAX, description="Default: the newest "
                                           "checkpoint's.")] = None,
) -> InclusionPublic:
    held = ledger(request)
    signed = None
    if tree_size is None:
        signed = _latest(request)
        tree_size = signed.tree_size
    found = _entry(request, seq)
    digest = bytes.fromhex(found.hash)
    return InclusionPublic(
        entry=seq, leaf_index=seq - 1, tree_size=tree_size,
        entry_hash=found.hash, leaf_hash=merkle.leaf_hash(digest).hex(),
        root_hash=held.root(tree_size).hex(),
        proof=[h.hex() for h in held.inclusion_proof(seq, tree_size)],
        checkpoint=_checkpoint(signed) if signed is not None else None,
    )


def _checkpoint(signed: Checkpoint) -> CheckpointPublic:
    """The checkpoint as `Checkpoint.as_json` writes it, which witnesses read."""
    return CheckpointPublic(**signed.as_json())


def _latest(request: Request) -> Checkpoint:
    found = ledger(request).latest_checkpoint()
    if found is None:
        raise RegisterError("no checkpoint has been signed yet: the log is empty")
    return found


def _entry(request: Request, seq: int) -> Entry:
    found = ledger(request).database.entries_between(seq, seq)
    if not found:
        raise RegisterError(f"no entry {seq}: the log holds {ledger(request).size()} entries")
    return found[0]
