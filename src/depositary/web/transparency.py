"""The log as outsiders check it (RFC 9162 style): the checkpoints the depositary signed,
each entry as stored, an inclusion proof of an entry in a checkpoint's tree, and a
consistency proof between two tree sizes. With them a member state's witness (`depositary
witness URL`), or anyone with the verifier key, checks that what was published is never
rewritten, cut or forked, without trusting the server (docs/security.md)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi import Path as FastPath

from depositary.app.stored import StoredRegister
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
from depositary.web.deps import Stored
from depositary.web.problems import documented

# Proofs are of the log as it stands: no past register is replayed, so never a 429.
router = APIRouter(prefix="/api", tags=["transparency"], responses=documented((404, 422, 503)))
MAX = 2**31 - 1  # the log numbers its entries in 32 bits
Seq = Annotated[int, FastPath(ge=1, le=MAX, description="The entry's number, from 1.")]


@router.get("/checkpoints", summary="The checkpoints the depositary signed, newest first")
def checkpoints(
    stored: Stored,
    limit: Annotated[int, Query(ge=1, le=1000, description="How many.")] = 100,
    before: Annotated[int | None, Query(ge=1, le=MAX, description="Only those of smaller tree "
                                        "sizes (the next page).")] = None,
) -> CheckpointsPublic:
    found = stored.checkpoints(limit, before)
    return CheckpointsPublic(checkpoints=[_checkpoint(c) for c in found])


@router.get("/checkpoints/latest", summary="The newest signed checkpoint")
def latest(stored: Stored) -> CheckpointPublic:
    return _checkpoint(_latest(stored))


@router.get("/checkpoints/consistency",
            summary="A consistency proof between two tree sizes (RFC 9162, 2.1.4)")
def consistency(
    stored: Stored,
    old: Annotated[int, Query(alias="from", ge=1, le=MAX, description="The smaller tree size.")],
    new: Annotated[int, Query(alias="to", ge=1, le=MAX, description="The larger tree size.")],
) -> ConsistencyPublic:
    proof = stored.consistency_proof(old, new)
    return ConsistencyPublic(from_=old, to=new, from_root=stored.root(old).hex(),
                             to_root=stored.root(new).hex(), proof=[h.hex() for h in proof])


@router.get("/entries/{seq}", summary="An entry of the log, as stored and hashed")
def entry(stored: Stored, seq: Seq) -> EntryPublic:
    return EntryPublic(**asdict(_entry(stored, seq)))


@router.get("/entries/{seq}/proof",
            summary="The inclusion proof of an entry in a tree size (RFC 9162, 2.1.3)")
def inclusion(
    stored: Stored, seq: Seq,
    tree_size: Annotated[int | None, Query(ge=1, le=MAX, description="Default: the newest "
                                           "checkpoint's.")] = None,
) -> InclusionPublic:
    signed = None
    if tree_size is None:
        signed = _latest(stored)
        tree_size = signed.tree_size
    found = _entry(stored, seq)
    digest = bytes.fromhex(found.hash)
    return InclusionPublic(
        entry=seq, leaf_index=seq - 1, tree_size=tree_size,
        entry_hash=found.hash, leaf_hash=merkle.leaf_hash(digest).hex(),
        root_hash=stored.root(tree_size).hex(),
        proof=[h.hex() for h in stored.inclusion_proof(seq, tree_size)],
        checkpoint=_checkpoint(signed) if signed is not None else None,
    )


def _checkpoint(signed: Checkpoint) -> CheckpointPublic:
    """The checkpoint as `Checkpoint.as_json` writes it, which witnesses read."""
    return CheckpointPublic(**signed.as_json())


def _latest(stored: StoredRegister) -> Checkpoint:
    found = stored.latest_checkpoint()
    if found is None:
        raise RegisterError("no checkpoint has been signed yet: the log is empty")
    return found


def _entry(stored: StoredRegister, seq: int) -> Entry:
    found = stored.database.entries_between(seq, seq)
    if not found:
        raise RegisterError(f"no entry {seq}: the log holds {stored.size()} entries")
    return found[0]
