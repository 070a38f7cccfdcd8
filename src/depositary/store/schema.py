"""The tables. `entries` is the append-only log (triggers refuse UPDATE and DELETE); the
others are projections, derived from the log and rebuilt from it at will."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    true,
)

metadata = MetaData()

entries = Table(
    "entries",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("kind", String(20), nullable=False),
    Column("key", Text, nullable=False),
    Column("recorded_at", String(40), nullable=False),  # ISO text: hashed as written
    Column("author", Text, nullable=False),
    Column("payload", Text, nullable=False),  # canonical JSON
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False, unique=True),
    Index("ix_entries_key", "key"),
    Index("ix_entries_recorded_at", "recorded_at"),
)

# One row per interval of a participant's status in an instrument (the engine's output).
status_intervals = Table(
    "status_intervals",
    metadata,
    Column("instrument", Text, nullable=False),
    Column("participant", String(16), nullable=False),
    Column("status", String(24), nullable=False),
    Column("valid_from", Date, nullable=True),
    Column("valid_to", Date, nullable=True),
    Column("in_force_from", Date, nullable=True),
    # JSON list of the reasons as phrases (app/projections.reason_json; 0011).
    Column("reasons", Text, nullable=False),
    # What a list of a participant's instruments shows, copied from the instrument (0004).
    Column("alias", Text, nullable=True),
    Column("kind", String(24), nullable=True),
    Column("titles", Text, nullable=True),  # JSON: language → title
    Column("adopted", Date, nullable=True),
    # JSON: the weakest confidence of what the status rests on, its sources, the readings
    # not chosen where sources disagree (0008).
    Column("evidence", Text, nullable=True),
    Index("ix_status_by_participant", "participant", "valid_from"),
    Index("ix_status_by_instrument", "instrument", "valid_from"),
)

# One row per instrument: its general entry into force.
instrument_status = Table(
    "instrument_status",
    metadata,
    Column("instrument", Text, primary_key=True),
    Column("entry_into_force", Date, nullable=True),
    Column("reason", Text, nullable=True),
    # False: whether and when it entered into force is not established (0008).
    Column("known", Boolean, nullable=False, server_default=true()),
    Column("evidence", Text, nullable=True),  # JSON, as status_intervals.evidence
)


# What each entry is about: an instrument's id (for the instrument and its acts), or the
# kind of register-wide entry ("participant", "person", "event").
entry_subjects = Table(
    "entry_subjects",
    metadata,
    Column("seq", Integer, nullable=False),
    Column("subject", Text, nullable=False),
    Index("ix_entry_subjects", "subject", "seq"),
)

# Every instrument by alias, with what a list of them shows.
instrument_index = Table(
    "instrument_index",
    metadata,
    Column("alias", Text, primary_key=True),
    Column("instrument", Text, nullable=False),
    Column("kind", String(24), nullable=False),
    Column("titles", Text, nullable=False),  # JSON: language → title
    Column("adopted", Date, nullable=True),
    Index("ix_instrument_index_instrument", "instrument"),
)


# Per instrument and participant, what a status chart shows beside the status (JSON).
participations = Table(
    "participations",
    metadata,
    Column("instrument", Text, nullable=False),
    Column("participant", String(16), nullable=False),
    Column("data", Text, nullable=False),
    Index("ix_participations", "instrument"),
)


# Sign-in (0005): secrets, kept out of the public log.
credentials = Table(
    "credentials",
    metadata,
    Column("person", Text, primary_key=True),
    Column("password_hash", Text, nullable=False),  # argon2id, with its parameters
    Column("updated_at", String(40), nullable=False),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("token_hash", String(64), primary_key=True),  # SHA-256 of the token
    Column("person", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("revoked_at", String(40), nullable=True),
)

# Invitations (0010): one-time links through which a person sets their own password, made
# by an administrator for a newcomer or for a reset; kept as the hash of the link's secret.
invitations = Table(
    "invitations",
    metadata,
    Column("token_hash", String(64), primary_key=True),  # SHA-256 of the link's secret
    Column("person", Text, nullable=False),
    Column("created_by", Text, nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("expires_at", String(40), nullable=False),
    Column("used_at", String(40), nullable=True),
)


# The log's Merkle tree (0009): its perfect subtrees, each written once its last leaf is
# appended (register/merkle.py). Derived from the log like the projections.
merkle_nodes = Table(
    "merkle_nodes",
    metadata,
    Column("level", Integer, primary_key=True, autoincrement=False),
    Column("idx", BigInteger, primary_key=True, autoincrement=False),
    Column("hash", String(64), nullable=False),
)

# The checkpoints the depositary signed (0009): not derived, append-only like the log.
checkpoints = Table(
    "checkpoints",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("tree_size", Integer, nullable=False),
    Column("root_hash", String(64), nullable=False),
    Column("signed_at", String(40), nullable=False),
    Column("note", Text, nullable=False),
    Column("verifier", Text, nullable=False),
    Index("ix_checkpoints_tree_size", "tree_size"),
)

# Signed-in sessions (0009): the cookie holds the id, the server the record, so that
# signing out, a new password or an idle hour ends it on the server.
web_sessions = Table(
    "web_sessions",
    metadata,
    Column("id_hash", String(64), primary_key=True),  # SHA-256 of the session id
    Column("person", Text, nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("seen_at", String(40), nullable=False),
    Column("ended_at", String(40), nullable=True),
    Index("ix_web_sessions_person", "person"),
)

# What the database says of itself (0009): for now, that it was made empty on purpose
# (`init --empty`), so that an empty log is otherwise given the bundled register.
markers = Table(
    "markers",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("value", Text, nullable=False),
)
