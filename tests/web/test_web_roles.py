"""Who sees what: a district only its own committee, whatever ids it guesses; a reviewer its
own city; only reviewers decide and write memos; only admins administer."""
from __future__ import annotations

import pytest
from conftest import PASSWORD
from sqlalchemy import func, select

from compliance.web.db.schema import FindingRow, ReviewRun, Upload
from compliance.web.security.access import Role
from compliance.web.users import add_user, city_named, committee_named


@pytest.fixture
def two_districts(uploaded, browser, examples, committee_id):
    """Södermalm's return (uploaded) and Farsta's plan, each by its own district user."""
    farsta = browser("farsta")
    response = farsta.finish(farsta.upload(examples / "2022" / "plan_farsta_2022.csv", committee_id("Farsta"),
                                           kind="plan"))
    assert response.headers["location"].startswith("/granskningar/")
    return uploaded[0], farsta


def _ids(app):
    with app.state.db.transaction() as session:
        return {run.id: run.upload.committee.name for run in session.scalars(select(ReviewRun))}


def test_a_district_sees_only_its_own_reviews_by_id_guessing_too(app, two_districts, committee_id):
    sodermalm, farsta = two_districts
    runs = _ids(app)
    for run_id, committee in list(runs.items()) + [(max(runs) + 1, None), (0, None)]:
        for person, own in ((sodermalm, "Södermalm"), (farsta, "Farsta")):
            expected = 200 if committee == own else 404
            assert person.get(f"/granskningar/{run_id}").status_code == expected
            assert person.get(f"/uppladdningar/{run_id}/original").status_code == expected
    assert farsta.get(f"/namnder/{committee_id('Södermalm')}").status_code == 404
    page = farsta.get(f"/granskningar/{max(runs)}?regel=x").text
    assert "Sidan finns inte" not in page


def test_a_district_is_refused_what_reviewers_and_admins_do(app, two_districts, snapshot):
    sodermalm, _ = two_districts
    run_id = min(_ids(app))
    with app.state.db.transaction() as session:
        finding = session.scalar(select(FindingRow.id).where(FindingRow.run_id == run_id))
    before = snapshot()
    assert sodermalm.get("/oversikt").status_code == 403
    assert sodermalm.get(f"/granskningar/{run_id}/pm.md").status_code == 403
    assert sodermalm.post(f"/granskningar/{run_id}/beslut", data={"finding": finding, "verdict": "reject",
                                                                  "motivation": "x"}).status_code == 403
    assert sodermalm.post("/uppladdningar/1/granska-om").status_code == 403
    for page in ("/admin/anvandare", "/admin/fordelningar", "/admin/logg"):
        assert sodermalm.get(page).status_code == 403
    assert sodermalm.post("/admin/anvandare", data={"username": "ny", "role": "admin",
                                                    "password": PASSWORD}).status_code == 403
    assert snapshot() == before


def test_a_district_cannot_upload_for_another_committee(app, browser, examples, committee_id, snapshot):
    farsta = browser("farsta")
    before = snapshot()
    response = farsta.upload(examples / "2022" / "utfall_sodermalm_2022.csv", committee_id("Södermalm"))
    assert response.status_code == 404
    response = farsta.finish(farsta.upload(examples / "2022" / "utfall_sodermalm_2022.csv", committee_id("Farsta")))
    assert response.status_code == 422
    assert "Filen innehåller rader för Södermalm. Här tas bara rader för Farsta emot." in response.text
    assert snapshot() == before


def test_a_reviewer_of_another_city_sees_nothing_here(app, uploaded, browser):
    with app.state.db.transaction() as session:
        city = city_named(session, "Göteborgs stad")
        committee_named(session, city, "Centrum")
        add_user(session, None, username="gbg", name="Göteborg", password=PASSWORD, role=Role.reviewer, city=city)
    other = browser("gbg")
    run_id = uploaded[1]
    assert other.get(f"/granskningar/{run_id}").status_code == 404
    assert other.get(f"/granskningar/{run_id}/pm.md").status_code == 404
    assert other.get("/uppladdningar/1/original").status_code == 404
    assert "Det finns ingen fördelning ännu" in other.get("/oversikt").text


def test_pages_need_a_login(uploaded, browser, app):
    anonymous = browser()
    for page in ("/", "/oversikt", f"/granskningar/{uploaded[1]}", "/ladda-upp", "/admin/anvandare"):
        response = anonymous.get(page)
        assert response.status_code == 303 and response.headers["location"].startswith("/logga-in")
    with app.state.db.transaction() as session:
        assert session.scalar(select(func.count()).select_from(Upload)) == 1
