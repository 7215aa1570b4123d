"""The FastAPI application: pages, sessions, limits, error pages, the review worker."""
from __future__ import annotations

import secrets
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from . import errors
from .db import Database
from .db.schema import AppSetting
from .headers import SecurityHeaders
from .limits import BodyLimit
from .reviews.jobs import JobQueue
from .reviews.service import ReviewService
from .routes import ROUTERS
from .security.ratelimit import LoginLimiter
from .settings import Settings

STATIC = Path(__file__).resolve().parent / "static"
FORM_OVERHEAD = 64 * 1024


def create_app(settings: Settings) -> FastAPI:
    """The app on ``settings.database_url`` (migrated to the newest schema on creation)."""
    db = Database(settings.database_url)
    queue = JobQueue()

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        queue.close()
        db.close()

    app = FastAPI(title="compliance", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)
    app.state.settings, app.state.db, app.state.queue = settings, db, queue
    app.state.reviews = ReviewService(db, queue)
    app.state.limiter = LoginLimiter(settings.login_failures, settings.login_window_seconds)
    errors.install(app)
    for router in ROUTERS:
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(SessionMiddleware, secret_key=_secret_key(db, settings), session_cookie="compliance_session",
                       max_age=settings.session_hours * 3600, same_site="lax", https_only=settings.secure_cookies)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodyLimit, max_bytes=settings.max_upload_bytes + FORM_OVERHEAD,
                       file_limit=settings.max_upload_bytes)
    return app


def _secret_key(db: Database, settings: Settings) -> str:
    """The configured key, else one generated on first start and kept in the database."""
    if settings.secret_key:
        return settings.secret_key
    with db.transaction() as session:
        row = session.get(AppSetting, "session_key")
        if row is None:
            row = AppSetting(name="session_key", value=secrets.token_urlsafe(48))
            session.add(row)
        return row.value
