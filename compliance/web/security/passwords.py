"""Password hashing with Argon2id (argon2-cffi's current defaults)."""
from __future__ import annotations

from typing import Optional

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH = 10
_HASHER = PasswordHasher()
_DUMMY = _HASHER.hash("ingen användare har detta lösenord")


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def verify_password(password_hash: Optional[str], password: str) -> bool:
    """True when ``password`` matches; an unknown user costs the same time as a known one."""
    try:
        return _HASHER.verify(password_hash or _DUMMY, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def password_problem(password: str) -> Optional[str]:
    """A Swedish reason why ``password`` is not acceptable, or None."""
    if len(password) < MIN_LENGTH:
        return f"lösenordet ska ha minst {MIN_LENGTH} tecken"
    if not password.strip():
        return "lösenordet får inte bara vara blanksteg"
    return None
