"""The web app on a real database file: SQLite in a temporary folder, or the PostgreSQL
database named by COMPLIANCE_TEST_DATABASE_URL (emptied for each test)."""
from __future__ import annotations

import os
import re
import time

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, select, text

from compliance.allocation import load_allocation
from compliance.web import Settings, create_app
from compliance.web.allocations import store_allocation
from compliance.web.db.schema import Base, Committee, ReviewRun
from compliance.web.security import passwords
from compliance.web.security.access import Role
from compliance.web.users import add_user, city_named, committee_named

PASSWORD = "ett långt lösenord"
CITY = "Stockholms stad"
TEST_DATABASE = "COMPLIANCE_TEST_DATABASE_URL"
USERS = {  # username: (role, committee)
    "admin": (Role.admin, None),
    "granskare": (Role.reviewer, None),
    "sodermalm": (Role.district, "Södermalm"),
    "farsta": (Role.district, "Farsta"),
}


@pytest.fixture(autouse=True)
def quick_hashing(monkeypatch):
    """Argon2id with small costs in tests: the same algorithm in a fraction of the time."""
    monkeypatch.setattr(passwords, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def database_url(tmp_path):
    url = os.environ.get(TEST_DATABASE)
    if not url:
        return f"sqlite:///{tmp_path / 'compliance.db'}"
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


@pytest.fixture
def settings(database_url):
    return Settings(database_url=database_url, secret_key="test-nyckel", max_upload_bytes=256 * 1024)


@pytest.fixture
def app(settings, examples):
    """The app with Stockholm's 2022 allocation and one user per role."""
    app = create_app(settings)
    with app.state.db.transaction() as session:
        city = city_named(session, CITY)
        store_allocation(session, None, city, load_allocation(examples / "allocations" / "stockholm-2022.yaml"),
                         "stockholm-2022.yaml")
        for username, (role, committee) in USERS.items():
            add_user(session, None, username=username, name=username.capitalize(), password=PASSWORD, role=role,
                     city=city, committee=committee_named(session, city, committee) if committee else None)
    yield app
    app.state.queue.close()
    app.state.db.close()


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


class Browser:
    """A TestClient with the steps a person takes: log in, fill forms, wait for a review."""

    def __init__(self, app):
        self.client = TestClient(app, follow_redirects=False)

    def get(self, url, **kwargs):
        return self.client.get(url, **kwargs)

    def login(self, username, password=PASSWORD):
        token = csrf_of(self.get("/logga-in").text)
        return self.client.post("/logga-in", data={"username": username, "password": password,
                                                   "csrf_token": token, "nasta": "/"})

    def token(self, page="/ladda-upp"):
        return csrf_of(self.get(page).text)

    def post(self, url, data=None, files=None, token=True):
        data = dict(data or {})
        if token:
            data.setdefault("csrf_token", self.token())
        return self.client.post(url, data=data, files=files)

    def upload(self, path, committee, kind="utfall", year=2022, **extra):
        content = path.read_bytes() if hasattr(path, "read_bytes") else path[1]
        name = path.name if hasattr(path, "name") else path[0]
        return self.post("/ladda-upp", data={"namnd": committee, "ar": year, "typ": kind, **extra},
                         files={"fil": (name, content, "application/octet-stream")})

    def finish(self, response, timeout=120):
        """Follow a job to its end: the result's URL, or the job page's response when it failed."""
        deadline = time.monotonic() + timeout
        job = None
        while True:
            if response.status_code == 303 and response.headers["location"].startswith("/jobb/"):
                job = response.headers["location"]
            elif not (job and response.status_code == 200 and 'data-job="' in response.text):
                return response
            if time.monotonic() > deadline:
                raise AssertionError("jobbet blev inte klart")
            time.sleep(0.2)
            response = self.get(job)


@pytest.fixture
def browser(app):
    """browser("granskare") is a client logged in as that user."""

    def make(username=None):
        person = Browser(app)
        if username:
            assert person.login(username).status_code == 303
        return person

    return make


@pytest.fixture
def committee_id(app):
    def find(name):
        with app.state.db.transaction() as session:
            return session.scalar(select(Committee.id).where(Committee.name == name))

    return find


@pytest.fixture
def snapshot(app):
    """Every row of every table, to compare before and after something that must change nothing."""

    def take():
        engine = app.state.db.engine
        tables = {}
        with engine.connect() as connection:
            for table in Base.metadata.sorted_tables:
                rows = connection.execute(table.select().order_by(*table.primary_key.columns)).all()
                tables[table.name] = [tuple(row) for row in rows]
        return tables

    return take


@pytest.fixture
def uploaded(browser, examples, committee_id):
    """Södermalm's 2022 return uploaded by its district user; returns (person, run id)."""
    person = browser("sodermalm")
    response = person.finish(person.upload(examples / "2022" / "utfall_sodermalm_2022.csv", committee_id("Södermalm"),
                                           inlamnad=""))
    location = response.headers["location"]
    assert location.startswith("/granskningar/"), response.text
    return person, int(location.rsplit("/", 1)[1])


@pytest.fixture
def latest_run(app):
    def find() -> ReviewRun:
        with app.state.db.transaction() as session:
            return session.scalar(select(ReviewRun).order_by(ReviewRun.id.desc()).limit(1))

    return find
