"""The hostile corpus (tests/hostile/corpus.yaml) through ingest, `compliance ingest` and the
web upload: each file gets its Swedish error or its safe result, nothing is lost, a refused
upload stores nothing and a stored one holds exactly what ingest read."""
from __future__ import annotations

import html
import importlib.util
import json
import os
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import CITY, PASSWORD, TEST_DATABASE, Browser
from sqlalchemy import create_engine, select, text

from compliance.allocation import load_allocation
from compliance.cli import main
from compliance.ingest import IngestError, ingest_file, is_error
from compliance.models import LineKind
from compliance.web import Settings, create_app
from compliance.web.allocations import store_allocation
from compliance.web.db.schema import Base, Committee, ReviewRun, Upload
from compliance.web.filecheck import RETURNS
from compliance.web.reviews.codec import from_json
from compliance.web.security.access import Role
from compliance.web.users import add_user, city_named, committee_named

HOSTILE = Path(__file__).resolve().parents[1] / "hostile"
ENTRIES = yaml.safe_load((HOSTILE / "corpus.yaml").read_text(encoding="utf-8"))
COMMITTEE = "Farsta"


def _generator():
    spec = importlib.util.spec_from_file_location("hostile_generate", HOSTILE / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fientliga")
    for path in (HOSTILE / "files").iterdir():
        shutil.copy(path, folder / path.name)
    _generator().generate(folder)
    return folder


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """One app for the whole corpus (1 MB upload limit) and Farsta's district user."""
    url = os.environ.get(TEST_DATABASE)
    if url:
        engine = create_engine(url)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'compliance.db'}"
    app = create_app(Settings(database_url=url, secret_key="test-nyckel", max_upload_bytes=1024 * 1024))
    examples = Path(__file__).resolve().parents[2] / "examples"
    with app.state.db.transaction() as session:
        city = city_named(session, CITY)
        store_allocation(session, None, city, load_allocation(examples / "allocations" / "stockholm-2022.yaml"),
                         "stockholm-2022.yaml")
        add_user(session, None, username="farsta", name="Farsta", password=PASSWORD, role=Role.district, city=city,
                 committee=committee_named(session, city, COMMITTEE))
        committee = session.scalar(select(Committee.id).where(Committee.name == COMMITTEE))
    person = Browser(app)
    assert person.login("farsta").status_code == 303
    yield app, person, committee
    app.state.queue.close()
    app.state.db.close()


def rows_of(app) -> dict[str, list]:
    with app.state.db.engine.connect() as connection:
        return {table.name: connection.execute(table.select()).all() for table in Base.metadata.sorted_tables
                if table.name != "app_settings"}


@pytest.mark.parametrize("entry", ENTRIES, ids=[entry["file"] for entry in ENTRIES])
def test_hostile_file(entry, files, site):
    path = files / entry["file"]
    kind = LineKind(entry.get("kind", "utfall"))
    result = _ingest(entry, path, kind)
    _cli(entry, path, kind, result)
    _web(entry, path, kind, result, *site)


def test_the_corpus_is_large_and_its_files_all_listed(files):
    assert len(ENTRIES) >= 40
    assert sorted(entry["file"] for entry in ENTRIES) == sorted(path.name for path in files.iterdir())


def _ingest(entry: dict, path: Path, kind: LineKind):
    if "error" in entry:
        with pytest.raises(IngestError) as refused:
            ingest_file(path, kind=kind)
        message = str(refused.value)
        assert message.startswith(path.name) and entry["error"] in message
        return None
    result = ingest_file(path, kind=kind)
    assert len(result.lines) == entry["lines"]
    assert result.totals.accepted == Decimal(entry["accepted"])
    assert result.totals.reconciles
    expected = entry.get("rejected", [])
    assert [(r.row, r.column, r.code) for r in result.rejections] == [tuple(e[:3]) for e in expected]
    for rejection, (*_, words) in zip(result.rejections, expected):
        assert rejection.message.startswith(f"{path.name}: rad") and str(rejection.row) in rejection.message
        assert words in rejection.message
    for words in entry.get("notices", []):
        assert any(words in notice for notice in result.notices), result.notices
    if "texts" in entry:
        assert [line.description for line in result.lines] == entry["texts"]
    rows = [line.source.row for line in result.lines] + [r.row for r in result.rejections]
    assert len(rows) == len(set(rows))                       # no row is two things
    return result


def _cli(entry: dict, path: Path, kind: LineKind, result) -> None:
    run = CliRunner().invoke(main, ["ingest", str(path), "--kind", kind.value, "--format", "json"])
    if result is None:
        assert run.exit_code == 2 and entry["error"] in " ".join(run.stderr.split()), run.output
        assert "Traceback" not in run.output
        return
    assert run.exit_code == (2 if any(is_error(r) for r in result.rejections) else 0), run.output
    document = json.loads(run.stdout)
    assert document["totals"] == result.totals.model_dump(mode="json")
    assert len(document["lines"]) == len(result.lines)


def _web(entry: dict, path: Path, kind: LineKind, result, app, person: Browser, committee: int) -> None:
    expected = _web_outcome(entry, path, result)
    before = rows_of(app)
    response = person.finish(person.upload(path, committee, kind=kind.value))
    if expected != "stored":
        assert response.status_code in (400, 413, 422), response.status_code
        page = html.unescape(response.text)
        assert expected in page and "Traceback" not in page
        assert rows_of(app) == before                            # a refused upload stores nothing
        return
    assert response.status_code == 303 and response.headers["location"].startswith("/granskningar/"), response.text
    run_id = int(response.headers["location"].rsplit("/", 1)[1])
    with app.state.db.transaction() as session:
        run = session.get(ReviewRun, run_id)
        stored = from_json(run.result)
        assert session.get(Upload, run.upload_id).content == path.read_bytes()
        assert run.spent == result.totals.accepted
    assert [r.line.description for r in stored.districts[0].lines] == [line.description for line in result.lines]
    assert stored.reconciliation.reconciles and stored.reconciliation.accepted == result.totals.accepted


def _web_outcome(entry: dict, path: Path, result) -> str:
    if "web" in entry:
        return entry["web"]
    if path.suffix not in RETURNS:
        return f"Filtypen ”{path.suffix}” tas inte emot"
    if result is None:
        return entry["error"]
    if any(is_error(r) for r in result.rejections):
        return "Filen har fel på"
    return "stored" if result.lines else "Filen innehåller inga utgiftsrader."
