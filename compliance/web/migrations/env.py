"""Alembic environment: the app passes its engine; the command line uses the settings' URL."""
from alembic import context
from sqlalchemy import create_engine

from compliance.web.db.schema import Base
from compliance.web.settings import database_url

engine = context.config.attributes.get("engine") or create_engine(database_url())
with engine.begin() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True,
                      compare_type=True)
    with context.begin_transaction():
        context.run_migrations()
