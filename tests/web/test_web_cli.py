"""`compliance users add` makes the first admin; `compliance serve` documents itself."""
from __future__ import annotations

from click.testing import CliRunner
from conftest import PASSWORD, Browser

from compliance.cli import main
from compliance.web import Settings, create_app


def test_users_add_creates_the_first_admin_who_can_log_in(database_url):
    runner = CliRunner()
    result = runner.invoke(main, ["users", "add", "anna", "--role", "admin", "--city", "Stockholms stad",
                                  "--name", "Anna Admin", "--database", database_url],
                           input=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert "Skapade anna (admin) i Stockholms stad." in result.output
    again = runner.invoke(main, ["users", "add", "anna", "--city", "Stockholms stad", "--database", database_url,
                                 "--password-stdin"], input=f"{PASSWORD}\n")
    assert again.exit_code == 2 and "användarnamnet 'anna' är upptaget" in again.output
    listed = runner.invoke(main, ["users", "list", "--database", database_url])
    assert "Anna Admin" in listed.output
    app = create_app(Settings(database_url=database_url))
    try:
        person = Browser(app)
        assert person.login("anna").status_code == 303
        assert "Det finns ingen fördelning ännu" in person.get("/oversikt").text
    finally:
        app.state.queue.close()
        app.state.db.close()


def test_a_district_user_needs_a_committee(database_url):
    result = CliRunner().invoke(main, ["users", "add", "f", "--role", "district", "--city", "Stockholms stad",
                                       "--database", database_url, "--password-stdin"], input=f"{PASSWORD}\n")
    assert result.exit_code == 2 and "--committee" in result.output


def test_serve_listens_on_loopback_by_default():
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0 and "127.0.0.1" in result.output
