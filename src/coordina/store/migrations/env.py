"""Alembic environment: migrations run against the URL the caller configured."""

from alembic import context

from coordina.store import exchange_tables  # noqa: F401  (its tables on Base.metadata)
from coordina.store.db import make_engine
from coordina.store.tables import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    engine = make_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations_online()
