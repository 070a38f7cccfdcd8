"""The log: entries and their hash chain, signatures, the Merkle tree over the entries and
the checkpoints signed of it (docs/security.md)."""
