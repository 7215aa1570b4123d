"""The web app: districts upload plans and returns, reviewers decide and download memos.

A thin layer over the library (``compliance.review.review`` and ``compliance.memo``) with
storage in SQLAlchemy (SQLite by default, PostgreSQL by URL) and Alembic migrations.

    from compliance.web import Settings, create_app
    app = create_app(Settings.from_env())
"""
from .app import create_app
from .settings import Settings

__all__ = ["Settings", "create_app"]
