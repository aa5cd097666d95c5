"""Persistence: SQLAlchemy 2 tables, Alembic migrations, SQLite by default, PostgreSQL in production."""
