"""Settings of the web app, read from the environment with zero-set-up defaults."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

ENV_DATABASE_URL = "COMPLIANCE_DATABASE_URL"
ENV_SECRET_KEY = "COMPLIANCE_SECRET_KEY"
ENV_SECURE_COOKIES = "COMPLIANCE_SECURE_COOKIES"
MB = 1024 * 1024


def default_database_url() -> str:
    """An SQLite file in ``$XDG_DATA_HOME/compliance`` (default ``~/.local/share/compliance``)."""
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    folder = base / "compliance"
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'compliance.db'}"


def database_url(explicit: Optional[str] = None) -> str:
    """The URL given, else ``$COMPLIANCE_DATABASE_URL``, else the default SQLite file."""
    return explicit or os.environ.get(ENV_DATABASE_URL) or default_database_url()


@dataclass(frozen=True)
class Settings:
    database_url: str
    secret_key: Optional[str] = None      # None: generated once and kept in the database
    secure_cookies: bool = False          # True behind HTTPS
    max_upload_bytes: int = 5 * MB
    session_hours: int = 8
    login_failures: int = 5               # per user name (and 4× per address) in the window
    login_window_seconds: int = 15 * 60

    @classmethod
    def from_env(cls, url: Optional[str] = None) -> "Settings":
        return cls(database_url=database_url(url), secret_key=os.environ.get(ENV_SECRET_KEY) or None,
                   secure_cookies=os.environ.get(ENV_SECURE_COOKIES, "") in ("1", "true", "ja"))
