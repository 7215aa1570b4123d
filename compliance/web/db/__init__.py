"""Storage: SQLAlchemy schema, engine and sessions, Alembic migrations, the audit log."""
from .audit import audit
from .engine import Database

__all__ = ["Database", "audit"]
