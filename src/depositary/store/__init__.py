"""Storage of the register in SQLite or PostgreSQL (SQLAlchemy 2, Alembic migrations)."""
