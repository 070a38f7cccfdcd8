"""What a signed checkpoint says about a log: whether the log still holds exactly the
entries the checkpoint covered, and where it first differs if not.

The log's tree is recomputed from the entries themselves (`merkle.MemoryTree`), never
taken from the stored nodes. The stored nodes serve only to find the first entry that
differs: a stored node is trusted where, combined with its sibling, it gives a hash
already shown to be the signed one, so the search goes down from the signed root as far as
the stored tree still agrees with it. Someone who rewrote an entry but not the stored tree
is named to the entry; someone who rewrote both is named to the range the signature still
reaches.
"""

from __future__ import annotations

from collections.abc import Sequence

from depositary.log import merkle
from depositary.log.checkpoints import Checkpoint
from depositary.log.entries import Entry


def difference(checkpoint: Checkpoint, log: Sequence[Entry], tree: merkle.MemoryTree,
               stored: merkle.Nodes) -> str | None:
    """Why the log is not an extension of what `checkpoint` covered, naming the first
    difference; None if it is."""
    signed = f"the checkpoint signed at {checkpoint.signed_at or '(no time)'}"
    size = checkpoint.tree_size
    if tree.size < size:
        cut = f"entry {tree.size + 1} is" if tree.size + 1 == size else (
            f"entries {tree.size + 1} to {size} are")
        return (f"the log holds {tree.size} entries; {signed} covers {size}: {cut} "
                "gone (the log was cut, emptied or replaced)")
    if size == 0 or tree.root(size) == checkpoint.root_hash:
        return None
    start, end = _first_differing(checkpoint, tree, stored)
    if end - start == 1:
        entry = log[start]
        return (f"entry {start + 1} ({entry.kind} {entry.key!r}, recorded "
                f"{entry.recorded_at[:19]}) is not the entry {signed} covers: it was "
                "rewritten, inserted or removed, and the hashes after it recomputed")
    return (f"the first {size} entries are not those {signed} covers: an entry among "
            f"entries {start + 1} to {end} was rewritten, inserted or removed, and the "
            "hashes after it recomputed (with the stored tree)")


def _first_differing(checkpoint: Checkpoint, tree: merkle.MemoryTree, stored: merkle.Nodes
                     ) -> tuple[int, int]:
    """The narrowest range of leaves known to hold the first difference: down from the
    signed root, through stored nodes whose pair gives the hash already trusted."""
    start, end, trusted = 0, checkpoint.tree_size, checkpoint.root_hash
    while end - start > 1:
        k = 1 << ((end - start - 1).bit_length() - 1)
        try:
            left = merkle.subtree(start, start + k, stored)
            right = merkle.subtree(start + k, end, stored)
        except KeyError:
            break
        if merkle.node_hash(left, right) != trusted:
            break  # the stored tree was rewritten too: no further than here
        if merkle.subtree(start, start + k, tree) != left:
            end, trusted = start + k, left
        elif merkle.subtree(start + k, end, tree) != right:
            start, trusted = start + k, right
        else:
            break
    return start, end


def since(checkpoint: Checkpoint, log: Sequence[Entry], limit: int = 12) -> list[str]:
    """The entries recorded after the checkpoint's, as a witness would list them: what is
    new since then (a forged act would be public here, and can never be taken back)."""
    newer = log[checkpoint.tree_size:]
    shown = [
        f"entry {e.seq}: {e.kind} {e.key!r} by {e.author}, recorded {e.recorded_at[:19]}"
        for e in newer[:limit]
    ]
    if len(newer) > limit:
        shown.append(f"... and {len(newer) - limit} more")
    return shown
