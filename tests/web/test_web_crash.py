"""Crash safety: `compliance serve` killed with SIGKILL in the middle of an upload, and
restarted. The database is consistent every time: an upload is stored whole with its review
and its audit entries, or not at all."""
from __future__ import annotations

import hashlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from conftest import CITY, PASSWORD, csrf_of
from sqlalchemy import func, select, text

from compliance.allocation import load_allocation
from compliance.web.allocations import store_allocation
from compliance.web.db import Database
from compliance.web.db.schema import AuditEntry, Committee, ReviewRun, Upload
from compliance.web.reviews.codec import from_json
from compliance.web.reviews.run import findings_of
from compliance.web.security.access import Role
from compliance.web.users import add_user, city_named, committee_named

DEADLINE = 120           # seconds for anything to happen; the first review may train the model
BIG_LINES = 3_000


class Server:
    """`compliance serve` as a child process on a free loopback port."""

    def __init__(self, database_url: str, log: Path):
        self.database_url, self.log = database_url, log
        self.process: subprocess.Popen | None = None
        self.url = ""

    def start(self) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        command = [sys.executable, "-c", "from compliance.cli import main; main()", "serve", "--port", str(port),
                   "--database", self.database_url]
        self.process = subprocess.Popen(command, stdout=self.log.open("ab"), stderr=subprocess.STDOUT)
        _until(self._ready, "the server did not start")

    def _ready(self) -> bool:
        assert self.process.poll() is None, self.log.read_text(errors="replace")
        try:
            return httpx.get(f"{self.url}/logga-in", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    def kill(self) -> None:
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.kill()


def _until(condition, message: str) -> None:
    deadline = time.monotonic() + DEADLINE
    while not condition():
        assert time.monotonic() < deadline, message
        time.sleep(0.05)


@pytest.fixture
def server(database_url, examples, tmp_path):
    db = Database(database_url)
    with db.transaction() as session:
        city = city_named(session, CITY)
        store_allocation(session, None, city, load_allocation(examples / "allocations" / "stockholm-2022.yaml"),
                         "stockholm-2022.yaml")
        add_user(session, None, username="farsta", name="Farsta", password=PASSWORD, role=Role.district, city=city,
                 committee=committee_named(session, city, "Farsta"))
    db.close()
    running = Server(database_url, tmp_path / "server.log")
    running.start()
    yield running
    running.stop()


def _client(server: Server) -> httpx.Client:
    client = httpx.Client(base_url=server.url, follow_redirects=False, timeout=DEADLINE)
    token = csrf_of(client.get("/logga-in").text)
    response = client.post("/logga-in", data={"username": "farsta", "password": PASSWORD, "csrf_token": token,
                                              "nasta": "/"})
    assert response.status_code == 303
    return client


def _body(token: str, committee: int, name: str, content: bytes, kind: str = "utfall") -> tuple[bytes, bytes, str]:
    """A multipart upload split in two halves, and its boundary."""
    boundary = "kraschgrans"
    fields = {"csrf_token": token, "namnd": str(committee), "ar": "2022", "typ": kind}
    head = "".join(f"--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"
                   for k, v in fields.items())
    head += f"--{boundary}\r\nContent-Disposition: form-data; name=\"fil\"; filename=\"{name}\"\r\n\r\n"
    whole = head.encode() + content + f"\r\n--{boundary}--\r\n".encode()
    return whole[:len(whole) // 2], whole[len(whole) // 2:], boundary


def _upload_and_kill(server: Server, client: httpx.Client, committee: int, content: bytes, kill_when: str) -> None:
    """Upload ``content`` and SIGKILL the server when the first half of the body is sent
    ("mid-body"), or when all of it is sent and the server is reading or reviewing it ("mid-review")."""
    token = csrf_of(client.get("/ladda-upp").text)
    first, second, boundary = _body(token, committee, "stor_aterrapport.csv", content)
    half_sent, all_sent, killed = (threading.Event() for _ in range(3))

    def chunks():
        yield first
        half_sent.set()
        if kill_when == "mid-body":
            killed.wait(DEADLINE)
        yield second
        all_sent.set()

    def send():
        try:
            client.post("/ladda-upp", content=chunks(),
                        headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
        except httpx.HTTPError:
            pass                                   # the server died under the request

    sender = threading.Thread(target=send)
    sender.start()
    assert (half_sent if kill_when == "mid-body" else all_sent).wait(DEADLINE)
    server.kill()
    killed.set()
    sender.join(DEADLINE)


def _upload_until_stored(client: httpx.Client, committee: int, content: bytes) -> None:
    token = csrf_of(client.get("/ladda-upp").text)
    response = client.post("/ladda-upp", data={"csrf_token": token, "namnd": committee, "ar": 2022, "typ": "utfall"},
                           files={"fil": ("stor_aterrapport.csv", content)})
    location = response.headers["location"]
    if location.startswith("/jobb/"):
        _until(lambda: client.get(f"{location}/status").json()["state"] in ("done", "failed"), "the review hung")
        location = client.get(f"{location}/status").json()["url"]
    assert location.startswith("/granskningar/"), location


def _consistent(database_url: str) -> tuple[int, int]:
    """Check the stored data against itself; the number of uploads and of review runs."""
    db = Database(database_url, migrate=False)
    try:
        with db.transaction() as session:
            if database_url.startswith("sqlite"):
                assert session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            uploads = list(session.scalars(select(Upload)))
            runs = list(session.scalars(select(ReviewRun)))
            audit = list(session.scalars(select(AuditEntry)))
            logged = {(e.action, e.entity_id) for e in audit}
            for upload in uploads:
                assert hashlib.sha256(upload.content).hexdigest() == upload.sha256 and upload.size == len(upload.content)
                assert upload.runs and upload.runs[0].reason == "uppladdning", "an upload without its review"
                assert ("ladda upp", str(upload.id)) in logged
            for run in runs:
                result = from_json(run.result)
                assert len(run.findings) == len(list(findings_of(result)))
                assert run.spent == result.totals.spent and result.reconciliation.reconciles
                assert ("granska", str(run.id)) in logged
            assert {e.entity_id for e in audit if e.action == "ladda upp"} == {str(u.id) for u in uploads}
            assert {e.entity_id for e in audit if e.action == "granska"} == {str(r.id) for r in runs}
            return len(uploads), len(runs)
    finally:
        db.close()


def test_a_server_killed_during_uploads_keeps_a_consistent_database(server, database_url):
    client = _client(server)
    with Database(database_url, migrate=False).transaction() as session:
        committee = session.scalar(select(Committee.id).where(Committee.name == "Farsta"))
    rows = "".join(f"Handledning VNR-team tillfälle {n};{1_000 + n};2022-03-{1 + n % 28:02d}\n" for n in range(BIG_LINES))
    big = ("beskrivning;belopp;datum\n" + rows).encode()

    _upload_and_kill(server, client, committee, big, "mid-body")
    assert _consistent(database_url) == (0, 0)
    server.start()
    _upload_and_kill(server, _client(server), committee, big, "mid-review")
    assert _consistent(database_url) == (0, 0)
    server.start()
    _upload_until_stored(_client(server), committee, big)
    server.kill()
    assert _consistent(database_url) == (1, 1)                    # stored before the kill: kept whole

    server.start()                                                # and the restarted server serves it
    client = _client(server)
    with Database(database_url, migrate=False).transaction() as session:
        run_id = session.scalar(select(func.max(ReviewRun.id)))
    page = client.get(f"/granskningar/{run_id}")
    assert page.status_code == 200 and "stor_aterrapport.csv" in page.text
