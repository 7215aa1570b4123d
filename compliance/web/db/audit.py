"""The audit log: one entry per change, written in the same transaction as the change."""
from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from .schema import AuditEntry, User


def audit(session: Session, user: User | int | None, action: str, entity: str, entity_id: object = None,
          **details: Any) -> None:
    """Record that ``user`` (or user id) did ``action`` on ``entity``; details must be JSON-serialisable."""
    user_id = user.id if isinstance(user, User) else user
    session.add(AuditEntry(user_id=user_id, action=action, entity=entity,
                           entity_id=None if entity_id is None else str(entity_id), details=details))
