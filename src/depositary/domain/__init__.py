"""The pure domain: participants, instruments, acts, clauses and the status engine.

Nothing here does I/O or imports a framework, so the engine can be tested without a
database and replayed from any log.
"""
