"""The log's Merkle tree against RFC 9162 (and RFC 6962, whose tree it keeps): the
reference vectors of the certificate-transparency test suite (as transparency-dev/merkle
carries them), then properties on random trees: every proof made verifies, and a proof
altered in any way does not."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from depositary.log import merkle
from depositary.log.merkle import (
    MemoryTree,
    consistency_proof,
    inclusion_proof,
    verify_consistency,
    verify_inclusion,
)

LEAVES = [bytes.fromhex(h) for h in (
    "", "00", "10", "2021", "3031", "40414243", "5051525354555657",
    "606162636465666768696a6b6c6d6e6f",
)]
ROOTS = [
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]
# (leaf index, tree size) -> audit path, from the reference tests.
INCLUSION = {
    (0, 1): [],
    (0, 2): ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7"],
    (1, 2): ["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"],
    (2, 3): ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"],
    (1, 5): ["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
             "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
             "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"],
    (0, 8): ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
             "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
             "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"],
    (5, 8): ["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
             "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
             "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"],
}
CONSISTENCY = {
    (1, 1): [],
    (1, 8): ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
             "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
             "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"],
    (6, 8): ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
             "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
             "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"],
    (2, 5): ["5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
             "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"],
}
TREE = MemoryTree(LEAVES)


def test_the_hashes_of_rfc_9162() -> None:
    assert hashlib.sha256(b"").hexdigest() == merkle.EMPTY_ROOT.hex()
    assert ("395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56"
            == merkle.leaf_hash(b"L123456").hex())
    assert ("aa217fe888e47007fa15edab33c2b492a722cb106c64667fc2b044444de66bbb"
            == merkle.node_hash(b"N123", b"N456").hex())


@pytest.mark.parametrize("size", range(1, 9))
def test_the_roots_of_the_reference_trees(size: int) -> None:
    assert ROOTS[size - 1] == TREE.root(size).hex()
    assert ROOTS[size - 1] == MemoryTree(LEAVES[:size]).root().hex()


@pytest.mark.parametrize(("index", "size"), sorted(INCLUSION))
def test_the_reference_inclusion_proofs(index: int, size: int) -> None:
    proof = inclusion_proof(index, size, TREE)
    assert INCLUSION[index, size] == [h.hex() for h in proof]
    assert verify_inclusion(index, size, merkle.leaf_hash(LEAVES[index]), proof,
                            TREE.root(size))


@pytest.mark.parametrize(("old", "new"), sorted(CONSISTENCY))
def test_the_reference_consistency_proofs(old: int, new: int) -> None:
    proof = consistency_proof(old, new, TREE)
    assert CONSISTENCY[old, new] == [h.hex() for h in proof]
    assert verify_consistency(old, new, proof, TREE.root(old), TREE.root(new))


def _altered(proof: list[bytes], root: bytes) -> list[list[bytes]]:
    """The corruptions of the reference suite: a bit flipped in each element, one
    removed, one inserted, garbage before and after."""
    found = [[*proof, b""], [*proof, root], [b"", *proof], [root, *proof]]
    for n in range(len(proof)):
        flipped = list(proof)
        flipped[n] = bytes([flipped[n][0] ^ 8]) + flipped[n][1:]
        found.append(flipped)
    if proof:
        found.append(proof[:-1])
    if len(proof) > 1:
        found.append([proof[0], hashlib.sha256(b"x").digest(), *proof[1:]])
    return found


@given(st.integers(1, 300).flatmap(lambda n: st.tuples(st.just(n), st.integers(0, n - 1))))
def test_every_inclusion_proof_verifies_and_no_altered_one_does(case: tuple[int, int]) -> None:
    size, index = case
    tree = MemoryTree(i.to_bytes(4, "big") for i in range(size))
    proof, root = inclusion_proof(index, size, tree), tree.root(size)
    leaf = merkle.leaf_hash(index.to_bytes(4, "big"))
    assert verify_inclusion(index, size, leaf, proof, root)
    for wrong in _altered(proof, root):
        assert not verify_inclusion(index, size, leaf, wrong, root)
    assert not verify_inclusion(index, size, merkle.leaf_hash(b"another"), proof, root)
    if size > 1:
        assert not verify_inclusion((index + 1) % size, size, leaf, proof, root)


@given(st.integers(1, 300).flatmap(lambda n: st.tuples(st.integers(1, n), st.just(n))))
def test_every_consistency_proof_verifies_and_no_altered_one_does(
    case: tuple[int, int],
) -> None:
    old, new = case
    tree = MemoryTree(i.to_bytes(4, "big") for i in range(new))
    proof = consistency_proof(old, new, tree)
    assert verify_consistency(old, new, proof, tree.root(old), tree.root(new))
    if old == new:
        return
    for wrong in _altered(proof, tree.root(new)):
        assert not verify_consistency(old, new, wrong, tree.root(old), tree.root(new))
    # A log that rewrote one of its first `old` leaves cannot prove it kept them.
    rewritten = MemoryTree(
        (b"rewritten" if i == old - 1 else i.to_bytes(4, "big")) for i in range(new))
    assert not verify_consistency(old, new, consistency_proof(old, new, rewritten),
                                  tree.root(old), rewritten.root(new))


@given(st.integers(0, 200), st.integers(0, 60))
def test_growing_a_stored_tree_is_building_it_anew(size: int, more: int) -> None:
    """What an append writes (`grow` from the stored frontier) is the tree of the whole
    log, whatever the sizes."""
    data = [i.to_bytes(4, "big") for i in range(size + more)]
    before = MemoryTree(data[:size])
    frontier = [before.nodes[node] for node in merkle.frontier(size)]
    grown = before.nodes | dict(merkle.grow(size, frontier, data[size:]))
    assert MemoryTree(data).nodes == grown


def test_proofs_for_sizes_out_of_range_are_refused() -> None:
    with pytest.raises(merkle.ProofError):
        inclusion_proof(8, 8, TREE)
    with pytest.raises(merkle.ProofError):
        consistency_proof(0, 8, TREE)
    with pytest.raises(merkle.ProofError):
        consistency_proof(5, 4, TREE)
