"""Load the web app on loopback: `compliance serve` on a fresh SQLite database, a bounded number
of logged-in clients uploading the 2022 example returns and plans and reading their reviews
for a fixed time; then every stored review is compared with a single-user run of its file.

    python bench/load_web.py                        # 8 clients for 30 seconds
    python bench/load_web.py --clients 16 --seconds 120

Prints requests per second, errors (any unexpected status or failed connection), upload
latency (sent until the review page shows) and how many stored reviews equal the library's
review of the same bytes (all of them, or the script exits 1).
"""
from __future__ import annotations

import argparse
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
PASSWORD = "lasttest-lösenord"
CITY = "Stockholms stad"
FILES = [  # committee, file, kind: what each district sends
    ("Södermalm", "utfall_sodermalm_2022.csv", "utfall"),
    ("Rinkeby-Kista", "utfall_rinkeby-kista_2022.csv", "utfall"),
    ("Enskede-Årsta-Vantör", "utfall_enskede-arsta-vantor_2022.xlsx", "utfall"),
    ("Farsta", "plan_farsta_2022.csv", "plan"),
    ("Rinkeby-Kista", "plan_rinkeby-kista_2022.csv", "plan"),
]


@dataclass
class Tally:
    requests: int = 0
    errors: list[str] = field(default_factory=list)
    uploads: list[float] = field(default_factory=list)   # seconds from sending to the review page
    lock: threading.Lock = field(default_factory=threading.Lock)

    def count(self, response: httpx.Response, *expected: int) -> httpx.Response:
        with self.lock:
            self.requests += 1
            if response.status_code not in expected:
                self.errors.append(f"{response.request.method} {response.request.url.path}: {response.status_code}")
        return response


def token(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def log_in(url: str, username: str) -> httpx.Client:
    client = httpx.Client(base_url=url, follow_redirects=False, timeout=300)
    page = client.get("/logga-in").text
    response = client.post("/logga-in", data={"username": username, "password": PASSWORD, "csrf_token": token(page)})
    if response.status_code != 303:
        raise SystemExit(f"inloggningen som {username} misslyckades: {response.status_code}")
    return client


def set_up(url: str) -> dict[str, int]:
    """The allocation and one user per committee sending, plus a reviewer; committee ids."""
    admin = log_in(url, "admin")
    page = admin.get("/admin/fordelningar").text
    table = (EXAMPLES / "allocations" / "stockholm-2022.yaml").read_bytes()
    response = admin.post("/admin/fordelningar", data={"ar": "2022", "csrf_token": token(page)},
                          files={"fil": ("stockholm-2022.yaml", table)})
    assert response.status_code == 303, response.text
    page = admin.get("/admin/anvandare").text
    committees = {name: int(number) for number, name in re.findall(r'<option value="(\d+)"[^>]*>([^<]+)</option>', page)}
    people = [(f"namnd{n}", "district", committees[name]) for n, name in enumerate(dict.fromkeys(c for c, *_ in FILES))]
    for username, role, committee in [*people, ("granskare", "reviewer", "")]:
        response = admin.post("/admin/anvandare", data={"username": username, "name": username, "role": role,
                                                        "committee": committee, "password": PASSWORD,
                                                        "csrf_token": token(admin.get("/admin/anvandare").text)})
        assert response.status_code == 303, response.text
    return committees


def client_loop(url: str, number: int, committees: dict[str, int], deadline: float, tally: Tally) -> None:
    """Upload, follow the job, read the review; reviewers also read the overview and the
    findings table. Districts send only their own files."""
    rng = random.Random(number)
    districts = list(dict.fromkeys(c for c, *_ in FILES))
    reviewer = number % 3 == 0
    username = "granskare" if reviewer else f"namnd{number % len(districts)}"
    mine = FILES if reviewer else [f for f in FILES if f[0] == districts[number % len(districts)]]
    try:
        client = log_in(url, username)
        while time.monotonic() < deadline:
            committee, name, kind = rng.choice(mine)
            page = tally.count(client.get("/ladda-upp"), 200).text
            started = time.monotonic()
            response = tally.count(client.post("/ladda-upp", data={"namnd": committees[committee], "ar": 2022,
                                                                   "typ": kind, "csrf_token": token(page)},
                                               files={"fil": (name, (EXAMPLES / "2022" / name).read_bytes())}), 303)
            location = response.headers.get("location", "")
            while location.startswith("/jobb/"):
                time.sleep(0.2)
                status = tally.count(client.get(f"{location}/status"), 200).json()
                location = status["url"] if status["state"] == "done" else (
                    "" if status["state"] == "failed" else location)
            if not location:
                tally.errors.append(f"granskningen av {name} misslyckades")
                continue
            tally.count(client.get(location), 200)
            tally.uploads.append(time.monotonic() - started)
            if reviewer:
                tally.count(client.get("/oversikt"), 200)
                tally.count(client.get(f"{location}/anmarkningar.xlsx"), 200)
    except httpx.HTTPError as exc:
        tally.errors.append(f"klient {number}: {type(exc).__name__}: {exc}")


def compare(database_url: str) -> tuple[int, int]:
    """How many stored reviews equal a single-user run of the same file, of how many."""
    from sqlalchemy import select

    from compliance.models import LineKind
    from compliance.web.allocations import as_table, find_allocation
    from compliance.web.db import Database
    from compliance.web.db.schema import ReviewRun
    from compliance.web.reviews.codec import to_json
    from compliance.web.reviews.run import review_file

    db = Database(database_url, migrate=False)
    same = total = 0
    alone: dict[tuple, dict] = {}
    with db.transaction() as session:
        for run in session.scalars(select(ReviewRun)):
            upload = run.upload
            key = (upload.sha256, upload.committee_id, upload.kind, upload.submitted)
            if key not in alone:
                table = as_table(find_allocation(session, upload.committee.city_id, upload.year))
                alone[key] = to_json(review_file(upload.file_name, upload.content, committee=upload.committee.name,
                                                 year=upload.year, kind=LineKind(upload.kind), table=table,
                                                 submitted=upload.submitted))
            total += 1
            same += run.result == alone[key]
    db.close()
    return same, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="compliance-load-"))
    database_url = f"sqlite:///{folder / 'load.db'}"
    cli = [sys.executable, "-c", "from compliance.cli import main; main()"]
    subprocess.run([*cli, "users", "add", "admin", "--role", "admin", "--city", CITY, "--password-stdin",
                    "--database", database_url], input=f"{PASSWORD}\n", text=True, check=True, capture_output=True)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([*cli, "serve", "--port", str(port), "--database", database_url],
                              stdout=(folder / "server.log").open("wb"), stderr=subprocess.STDOUT)
    try:
        while True:
            try:
                if httpx.get(f"{url}/logga-in", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                if server.poll() is not None:
                    raise SystemExit((folder / "server.log").read_text())
                time.sleep(0.1)
        committees = set_up(url)
        log_in(url, "granskare").get("/oversikt")                  # warm the pages before timing
        tally = Tally()
        started = time.monotonic()
        threads = [threading.Thread(target=client_loop, args=(url, n, committees, started + args.seconds, tally))
                   for n in range(args.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    same, total = compare(database_url)
    latency = sorted(tally.uploads)
    p95 = latency[int(0.95 * (len(latency) - 1))] if latency else 0.0
    print(f"load: {args.clients} klienter i {elapsed:.0f} s: {tally.requests} anrop = {tally.requests / elapsed:.1f} "
          f"anrop/s, fel: {len(tally.errors)}")
    print(f"load: {len(latency)} uppladdningar granskade = {len(latency) / elapsed:.2f}/s; från uppladdning till "
          f"granskning median {statistics.median(latency) if latency else 0:.1f} s, 95:e percentilen {p95:.1f} s")
    print(f"load: sparade granskningar lika med en ensam körning av samma fil: {same} av {total}")
    for error in tally.errors[:10]:
        print(f"  fel: {error}", file=sys.stderr)
    if tally.errors or same != total or not total:
        sys.exit(f"databasen och serverns logg finns kvar i {folder}")
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
