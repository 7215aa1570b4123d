"""The schema comes from the migrations, matches the models, and stores money exactly."""
from __future__ import annotations

from decimal import Decimal

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select

from compliance.web.db import Database
from compliance.web.db.schema import AllocationShare, Base


def test_the_migrations_build_exactly_the_models_schema(database_url):
    db = Database(database_url)
    Database(database_url).close()                       # a second start migrates nothing
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
        assert connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == "0002"
    db.close()


def test_money_is_stored_to_the_ore(app):
    with app.state.db.transaction() as session:
        share = session.scalars(select(AllocationShare)).first()
        share.amount = Decimal("1234567.89")
    with app.state.db.transaction() as session:
        assert session.get(AllocationShare, share.id).amount == Decimal("1234567.89")
