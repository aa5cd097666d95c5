"""The workspace database as the interfaces open it: migrated to the newest schema first."""

from coordina.store.db import Database, database_url
from coordina.store.migrate import upgrade

__all__ = ["Database", "open_database"]


def open_database(url: str | None = None, *, migrate: bool = True) -> Database:
    """The database at ``url`` (else ``COORDINA_DATABASE_URL``, else ./coordina.db), migrated to head."""
    if migrate:
        upgrade(url or database_url())
    return Database(url)
