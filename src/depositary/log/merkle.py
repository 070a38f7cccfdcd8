"""The log as a Merkle tree (RFC 9162, section 2.1), beside its hash chain.

The chain lets anyone holding the whole log check it; the tree lets someone holding only
a signed checkpoint (a tree size and its root hash) check, with a few dozen hashes, that
an entry is in the log (an inclusion proof) and that the log of today still begins with
exactly the log the checkpoint covered (a consistency proof). Leaf `i` is entry `i + 1`'s
hash (32 bytes): the entry hash already covers its content and the chain before it.

The tree is kept as its perfect subtrees: node (level, index) is the hash of leaves
`index * 2**level` to `(index + 1) * 2**level - 1`, written once when its last leaf is
appended and never changed. Every subtree hash a proof needs, for any tree size up to the
log's, is made from a few of them (`subtree`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence

Node = tuple[int, int]  # (level, index)
Nodes = Callable[[Sequence[Node]], dict[Node, bytes]]  # the stored nodes asked for

EMPTY_ROOT = hashlib.sha256(b"").digest()


class ProofError(ValueError):
    """A proof that cannot be made (sizes out of range) or does not verify."""


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def _split(size: int) -> int:
    """The largest power of two smaller than `size` (size > 1): RFC 9162's k."""
    return 1 << ((size - 1).bit_length() - 1)


def frontier(size: int) -> list[Node]:
    """The perfect subtrees a tree of `size` leaves is made of, left to right (its compact
    range): one per bit set in `size`."""
    found, start = [], 0
    for level in reversed(range(size.bit_length())):
        if size >> level & 1:
            found.append((level, start >> level))
            start += 1 << level
    return found


def grow(size: int, frontier_hashes: Sequence[bytes], leaves: Iterable[bytes]
         ) -> Iterator[tuple[Node, bytes]]:
    """The nodes completed by appending `leaves` (leaf data) to a tree of `size` leaves
    whose frontier (`frontier(size)`, left to right) has these hashes: each leaf, then each
    subtree it completes, as a binary counter carries."""
    stack = list(zip(frontier(size), frontier_hashes, strict=True))
    index = size
    for data in leaves:
        node, digest = (0, index), leaf_hash(data)
        yield node, digest
        while stack and stack[-1][0][0] == node[0]:
            (level, left_index), left = stack.pop()
            node, digest = (level + 1, left_index >> 1), node_hash(left, digest)
            yield node, digest
        stack.append((node, digest))
        index += 1


def root_of(size: int, nodes: Nodes) -> bytes:
    """The root hash of the first `size` leaves (RFC 9162's MTH), from stored nodes."""
    if size == 0:
        return EMPTY_ROOT
    parts = frontier(size)
    found = nodes(parts)
    digest = found[parts[-1]]
    for part in reversed(parts[:-1]):
        digest = node_hash(found[part], digest)
    return digest


def subtree(start: int, end: int, nodes: Nodes) -> bytes:
    """MTH of leaves start..end-1, for `start` a multiple of the largest power of two not
    above `end - start` (as every subtree in RFC 9162's proofs is)."""
    width = end - start
    if width & (width - 1) == 0:
        level = width.bit_length() - 1
        return nodes([(level, start >> level)])[(level, start >> level)]
    return root_of(width, lambda wanted: _shifted(nodes, wanted, start))


def _shifted(nodes: Nodes, wanted: Sequence[Node], start: int) -> dict[Node, bytes]:
    moved = {(level, index + (start >> level)): (level, index) for level, index in wanted}
    return {moved[node]: digest for node, digest in nodes(list(moved)).items()}


def inclusion_proof(index: int, size: int, nodes: Nodes) -> list[bytes]:
    """The audit path of leaf `index` in the tree of `size` leaves (RFC 9162, 2.1.3.1)."""
    if not 0 <= index < size:
        raise ProofError(f"leaf {index} is not in a tree of {size} leaves")
    path: list[bytes] = []
    start, end = 0, size
    while end - start > 1:
        k = _split(end - start)
        if index < start + k:
            path.append(subtree(start + k, end, nodes))
            end = start + k
        else:
            path.append(subtree(start, start + k, nodes))
            start += k
    return path[::-1]


def consistency_proof(old: int, new: int, nodes: Nodes) -> list[bytes]:
    """The proof that the first `old` leaves of the tree of `new` are the tree of `old`
    (RFC 9162, 2.1.4.1: SUBPROOF, unrolled from the outside in)."""
    if not 0 < old <= new:
        raise ProofError(f"no consistency proof from {old} to {new} leaves: 0 < from <= to")
    outer: list[bytes] = []  # the hashes each level of SUBPROOF appends, outermost first
    start, end, whole = 0, new, True
    while old - start != end - start:
        k = _split(end - start)
        if old - start <= k:
            outer.append(subtree(start + k, end, nodes))
            end = start + k
        else:
            outer.append(subtree(start, start + k, nodes))
            start, whole = start + k, False
    inner = [] if whole else [subtree(start, end, nodes)]
    return inner + outer[::-1]


def verify_inclusion(index: int, size: int, leaf: bytes, proof: Sequence[bytes],
                     root: bytes) -> bool:
    """RFC 9162, 2.1.3.2: True if `leaf` (a leaf hash) is leaf `index` of the tree of
    `size` leaves whose root is `root`."""
    if index >= size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while fn and not fn & 1:
                    fn, sn = fn >> 1, sn >> 1
        else:
            r = node_hash(r, p)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and r == root


def verify_consistency(old: int, new: int, proof: Sequence[bytes], old_root: bytes,
                       new_root: bytes) -> bool:
    """RFC 9162, 2.1.4.2: True if the tree of `old` leaves with root `old_root` is the
    beginning of the tree of `new` leaves with root `new_root`."""
    if not 0 < old <= new:
        return False
    if old == new:
        return not proof and old_root == new_root
    path = list(proof)
    if old & (old - 1) == 0:  # a power of two: the old root is the first node
        path.insert(0, old_root)
    if not path:
        return False
    fn, sn = old - 1, new - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            if not fn & 1:
                while fn and not fn & 1:
                    fn, sn = fn >> 1, sn >> 1
        else:
            sr = node_hash(sr, c)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and fr == old_root and sr == new_root


class MemoryTree:
    """A whole tree held in memory: for `verify`, which recomputes the tree from the
    entries themselves rather than trust the stored nodes, and for tests."""

    def __init__(self, leaves: Iterable[bytes]) -> None:
        self.nodes: dict[Node, bytes] = dict(grow(0, [], leaves))
        self.size = sum(1 for level, _ in self.nodes if level == 0)

    def __call__(self, wanted: Sequence[Node]) -> dict[Node, bytes]:
        return {node: self.nodes[node] for node in wanted}

    def root(self, size: int | None = None) -> bytes:
        return root_of(self.size if size is None else size, self)
