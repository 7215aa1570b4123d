"""`compliance serve`: the web app for districts, reviewers and admins."""
from __future__ import annotations

import click

from .common import console


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Adress att lyssna på; 0.0.0.0 gör appen nåbar från andra datorer.")
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--database", "database", metavar="URL",
              help="Databas-URL, t.ex. postgresql+psycopg://user@localhost/compliance. Standard: "
                   "COMPLIANCE_DATABASE_URL, annars en SQLite-fil i ~/.local/share/compliance.")
def serve_command(host: str, port: int, database: str | None) -> None:
    """Starta webbappen: nämnder laddar upp planer och återrapporter, granskare beslutar och
    laddar ner PM. Databasen uppdateras till senaste schemat vid start. Skapa först en
    administratör med `compliance users add`.

    \b
    Exempel:
      compliance users add admin --role admin --city "Stockholms stad"
      compliance serve
      compliance serve --port 8080 --database postgresql+psycopg://compliance@localhost/compliance
    """
    import uvicorn

    from ..web import Settings, create_app

    settings = Settings.from_env(database)
    app = create_app(settings)
    console.print(f"Databas: {_shown(settings.database_url)}")
    console.print(f"Öppna http://{host}:{port}/ i webbläsaren. Avsluta med Ctrl+C.")
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)


def _shown(url: str) -> str:
    """The URL without its password."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
