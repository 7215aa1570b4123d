"""Faults in the web app: reviews from many users at once run one at a time and each equals a
single-user run; an engine that fails stores nothing; the findings table downloads beside the
memos."""
from __future__ import annotations

import io
import threading
from concurrent.futures import ThreadPoolExecutor

from openpyxl import load_workbook
from sqlalchemy import select

from compliance.allocation import load_allocation
from compliance.export import COLUMNS
from compliance.findings import FindingFactory
from compliance.models import LineKind
from compliance.web.clock import today
from compliance.web.db.schema import ReviewRun, Upload
from compliance.web.reviews import run as running
from compliance.web.reviews.codec import to_json
from compliance.web.reviews.run import review_file

UPLOADS = [  # user, committee, file, kind
    ("sodermalm", "Södermalm", "utfall_sodermalm_2022.csv", "utfall"),
    ("farsta", "Farsta", "plan_farsta_2022.csv", "plan"),
    ("granskare", "Rinkeby-Kista", "utfall_rinkeby-kista_2022.csv", "utfall"),
    ("granskare", "Enskede-Årsta-Vantör", "utfall_enskede-arsta-vantor_2022.xlsx", "utfall"),
    ("admin", "Rinkeby-Kista", "plan_rinkeby-kista_2022.csv", "plan"),
    ("sodermalm", "Södermalm", "utfall_sodermalm_2022.csv", "utfall"),
]


def test_concurrent_uploads_are_reviewed_one_at_a_time_and_each_equals_a_single_run(
        app, browser, examples, committee_id, monkeypatch):
    active, most = [0], [0]
    lock = threading.Lock()
    original = running.review

    def counted(*args, **kwargs):
        with lock:
            active[0] += 1
            most[0] = max(most[0], active[0])
        try:
            return original(*args, **kwargs)
        finally:
            with lock:
                active[0] -= 1

    monkeypatch.setattr(running, "review", counted)
    people = [browser(user) for user, *_ in UPLOADS]       # one client each, two of them the same user
    gate = threading.Barrier(len(UPLOADS))

    def send(number):
        _, committee, name, kind = UPLOADS[number]
        person = people[number]
        token = person.token()
        gate.wait()                                    # every upload leaves at the same moment
        response = person.post("/ladda-upp", data={"namnd": committee_id(committee), "ar": 2022, "typ": kind,
                                                    "csrf_token": token},
                               files={"fil": (name, (examples / "2022" / name).read_bytes())})
        done = person.finish(response)
        return done.headers.get("location", f"{done.status_code}: {done.text}")

    with ThreadPoolExecutor(len(UPLOADS)) as pool:
        locations = list(pool.map(send, range(len(UPLOADS))))
    assert all(location.startswith("/granskningar/") for location in locations), locations
    assert most[0] == 1                                # the rules engine never ran twice at once
    table = load_allocation(examples / "allocations" / "stockholm-2022.yaml")
    with app.state.db.transaction() as session:
        runs = list(session.scalars(select(ReviewRun).order_by(ReviewRun.id)))
        assert len(runs) == len(UPLOADS)
        for run in runs:
            upload = session.get(Upload, run.upload_id)
            alone = review_file(upload.file_name, upload.content, committee=upload.committee.name, year=2022,
                                kind=LineKind(upload.kind), table=table, submitted=upload.submitted)
            assert run.result == to_json(alone), upload.file_name
            assert upload.submitted == (today() if upload.kind == "utfall" else None)


def test_an_engine_that_fails_mid_review_stores_nothing_and_says_so_in_swedish(browser, examples, committee_id,
                                                                                snapshot, monkeypatch):
    made = []

    def fails_on_the_third(self, case, subject, fact):
        made.append(case.rule)
        if len(made) == 3:
            raise RuntimeError("disken är full i regelmotorn")
        return original(self, case, subject, fact)

    original = FindingFactory.make
    monkeypatch.setattr(FindingFactory, "make", fails_on_the_third)
    person = browser("sodermalm")
    before = snapshot()
    response = person.finish(person.upload(examples / "2022" / "utfall_sodermalm_2022.csv", committee_id("Södermalm")))
    assert response.status_code == 422 and len(made) >= 3
    assert "Något gick fel när granskningen kördes. Ingenting sparades." in response.text
    assert "disken är full" not in response.text and "RuntimeError" not in response.text
    assert snapshot() == before


def test_reviewers_download_the_findings_table_beside_the_memos(uploaded, browser):
    _, run_id = uploaded
    reviewer = browser("granskare")
    page = reviewer.get(f"/granskningar/{run_id}").text
    assert f'href="/granskningar/{run_id}/anmarkningar.xlsx"' in page and f'href="/granskningar/{run_id}/pm.pdf"' in page
    workbook = reviewer.get(f"/granskningar/{run_id}/anmarkningar.xlsx")
    assert workbook.status_code == 200 and "anmarkningar-S" in workbook.headers["content-disposition"]
    rows = list(load_workbook(io.BytesIO(workbook.content)).active.values)
    assert rows[0] == COLUMNS and {row[0] for row in rows[1:]} == {"Södermalm"}
    table = reviewer.get(f"/granskningar/{run_id}/anmarkningar.csv")
    assert table.headers["content-type"].startswith("text/csv") and table.content.startswith("\ufeffNämnd".encode())
    assert len(table.content.decode("utf-8-sig").strip().splitlines()) == len(rows)
    assert reviewer.get(f"/granskningar/{run_id}/anmarkningar.pdf").status_code == 404
    district, _ = uploaded
    assert district.get(f"/granskningar/{run_id}/anmarkningar.csv").status_code == 403
    assert 'anmarkningar.xlsx' not in district.get(f"/granskningar/{run_id}").text
