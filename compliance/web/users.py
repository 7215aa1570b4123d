"""Creating and changing users: the same rules for `compliance users add` and the admin pages."""
from __future__ import annotations

import re
from typing import Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from .db import audit
from .db.schema import City, Committee, User
from .security.access import Role
from .security.passwords import hash_password, password_problem

_USERNAME = re.compile(r"^[a-z0-9._@-]{2,80}$")


class UserError(ValueError):
    """The user cannot be created or changed; the message says why, in Swedish."""


def city_named(session: Session, name: str) -> City:
    """The city called ``name``, created when it is new."""
    name = " ".join(name.split())
    if not name:
        raise UserError("ange stad (kommun)")
    city = session.scalar(select(City).where(City.name == name))
    if city is None:
        city = City(name=name)
        session.add(city)
        session.flush()
    return city


def committee_named(session: Session, city: City, name: str) -> Committee:
    """The committee called ``name`` in ``city``, created when it is new."""
    name = " ".join(name.split())
    committee = session.scalar(select(Committee).where(Committee.city_id == city.id, Committee.name == name))
    if committee is None:
        committee = Committee(city_id=city.id, name=name)
        session.add(committee)
        session.flush()
    return committee


def add_user(session: Session, actor: Optional[User], *, username: str, name: str, password: str, role: Role,
             city: City, committee: Optional[Committee] = None) -> User:
    """Create a user; a district user needs a committee of the same city, others have none."""
    username = username.strip().lower()
    if not _USERNAME.match(username):
        raise UserError("användarnamnet ska vara 2–80 tecken: a–z, siffror, punkt, bindestreck, @ eller _")
    if session.scalar(select(User).where(User.username == username)) is not None:
        raise UserError(f"användarnamnet '{username}' är upptaget")
    if problem := password_problem(password):
        raise UserError(problem)
    if role is Role.district and (committee is None or committee.city_id != city.id):
        raise UserError("en nämndanvändare behöver en nämnd i samma stad")
    if role is not Role.district:
        committee = None
    user = User(username=username, name=" ".join(name.split()) or username, password_hash=hash_password(password),
                role=role.value, city_id=city.id, committee_id=committee.id if committee else None)
    session.add(user)
    session.flush()
    audit(session, actor, "skapa", "användare", user.id, username=username, role=role.value,
          committee=committee.name if committee else None)
    return user


def set_active(session: Session, actor: User, user: User, active: bool) -> None:
    if user.id == actor.id and not active:
        raise UserError("du kan inte stänga av ditt eget konto")
    user.active = active
    audit(session, actor, "aktivera" if active else "stäng av", "användare", user.id, username=user.username)


def set_password(session: Session, actor: Optional[User], user: User, password: str) -> None:
    if problem := password_problem(password):
        raise UserError(problem)
    user.password_hash = hash_password(password)
    audit(session, actor, "byt lösenord", "användare", user.id, username=user.username)
