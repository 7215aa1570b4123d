"""`compliance users`: create and list the web app's users (the first admin starts here)."""
from __future__ import annotations

import sys

import click
from rich.table import Table

from .common import console, fail

ROLES = ("admin", "reviewer", "district")


@click.group("users")
def users_command() -> None:
    """Användare i webbappen: skapa den första administratören, lista användare.

    \b
    Exempel:
      compliance users add admin --role admin --city "Stockholms stad"
      compliance users list
    """


@users_command.command("add")
@click.argument("username")
@click.option("--role", type=click.Choice(ROLES), default="admin", show_default=True,
              help="admin hanterar användare och fördelningar, reviewer granskar, district laddar upp för sin nämnd.")
@click.option("--city", required=True, help="Stad (kommun) som användaren hör till, t.ex. \"Stockholms stad\".")
@click.option("--committee", help="Nämnd, för en district-användare.")
@click.option("--name", default="", help="Namn som visas och står i beslut och PM.")
@click.option("--password-stdin", is_flag=True, help="Läs lösenordet från standard in (för skript).")
@click.option("--database", metavar="URL", help="Databas-URL (standard som för compliance serve).")
def add_command(username: str, role: str, city: str, committee: str | None, name: str, password_stdin: bool,
                database: str | None) -> None:
    """Skapa en användare. Lösenordet (minst 10 tecken) frågas efter två gånger.

    \b
    Exempel:
      compliance users add admin --role admin --city "Stockholms stad" --name "Anna Admin"
      echo "$LOSENORD" | compliance users add farsta --role district --city "Stockholms stad" \\
          --committee Farsta --password-stdin
    """
    from ..web.db import Database
    from ..web.security.access import Role
    from ..web.settings import database_url
    from ..web.users import UserError, add_user, city_named, committee_named

    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt("Lösenord", hide_input=True, confirmation_prompt="Upprepa lösenordet")
    if role == "district" and not committee:
        fail("en district-användare behöver --committee")
    db = Database(database_url(database))
    try:
        with db.transaction() as session:
            town = city_named(session, city)
            unit = committee_named(session, town, committee) if committee and role == "district" else None
            user = add_user(session, None, username=username, name=name, password=password, role=Role(role),
                            city=town, committee=unit)
            console.print(f"Skapade {user.username} ({role}) i {town.name}.")
    except UserError as exc:
        fail(str(exc))
    finally:
        db.close()


@users_command.command("list")
@click.option("--database", metavar="URL", help="Databas-URL (standard som för compliance serve).")
def list_command(database: str | None) -> None:
    """Lista användarna.

    \b
    Exempel:
      compliance users list
    """
    from sqlalchemy import select

    from ..web.db import Database
    from ..web.db.schema import User
    from ..web.settings import database_url

    db = Database(database_url(database))
    table = Table(title="Användare")
    for column in ("Användarnamn", "Namn", "Roll", "Stad", "Nämnd", "Aktiv"):
        table.add_column(column)
    with db.transaction() as session:
        for user in session.scalars(select(User).order_by(User.username)):
            table.add_row(user.username, user.name, user.role, user.city.name,
                          user.committee.name if user.committee else "–", "ja" if user.active else "nej")
    db.close()
    console.print(table)
