"""Attacks on the web app: session fixation, forged forms, guessed ids, hostile file names,
oversized bodies, and error pages that would tell an attacker something."""
from __future__ import annotations

import tempfile
import uuid
from pathlib import Path

import pytest
from conftest import PASSWORD, csrf_of
from fastapi.testclient import TestClient
from sqlalchemy import select

from compliance.web.db.schema import FindingRow, Upload
from compliance.web.security.access import Role
from compliance.web.users import add_user, city_named, committee_named

COOKIE = "compliance_session"


# -- sessions -----------------------------------------------------------------------------------
def test_a_session_planted_before_login_is_replaced_at_login(browser):
    attacker = browser()
    known_token = csrf_of(attacker.get("/logga-in").text)
    (jar,) = attacker.client.cookies.jar
    planted = jar.value
    victim = browser()
    victim.client.cookies.set(COOKIE, planted, domain=jar.domain)
    assert csrf_of(victim.get("/logga-in").text) == known_token     # the victim is on the attacker's session …
    response = victim.client.post("/logga-in", data={"username": "granskare", "password": PASSWORD,
                                                     "csrf_token": known_token, "nasta": "/"})
    assert response.status_code == 303
    assert victim.client.cookies[COOKIE] != planted                 # … until the login gives a new one
    assert attacker.get("/oversikt").status_code == 303             # the attacker's copy is not logged in
    assert victim.post("/logga-ut", data={"csrf_token": known_token}, token=False).status_code == 403
    assert victim.get("/oversikt").status_code == 200


def test_a_cookie_copied_before_logout_is_worthless_after_it(browser):
    owner, laptop = browser("granskare"), browser("granskare")
    (jar,) = owner.client.cookies.jar
    thief = browser()
    thief.client.cookies.set(COOKIE, jar.value, domain=jar.domain)
    assert thief.get("/oversikt").status_code == 200                # a stolen cookie works while the login lasts …
    assert owner.post("/logga-ut").status_code == 303
    assert thief.get("/oversikt").status_code == 303                # … and not after its owner logged out
    assert laptop.get("/oversikt").status_code == 200               # the owner's other login is its own


def test_the_session_cookie_is_http_only_and_same_site(browser):
    response = browser().login("granskare")
    cookie = response.headers["set-cookie"].lower()
    assert f"{COOKIE}=" in cookie and "httponly" in cookie and "samesite=lax" in cookie


# -- forged forms ---------------------------------------------------------------------------------
def test_a_csrf_token_is_taken_from_the_form_or_header_never_the_address(uploaded, browser, snapshot):
    reviewer = browser("granskare")
    token = reviewer.token()
    before = snapshot()
    forged = reviewer.client.post(f"/uppladdningar/1/granska-om?csrf_token={token}")
    assert forged.status_code == 403
    wrong_header = reviewer.client.post("/uppladdningar/1/granska-om", headers={"X-CSRF-Token": token[::-1]})
    assert wrong_header.status_code == 403
    assert snapshot() == before
    assert reviewer.client.post("/uppladdningar/1/granska-om", headers={"X-CSRF-Token": token}).status_code == 303


# -- guessed ids ----------------------------------------------------------------------------------
@pytest.fixture
def stranger(app, browser):
    """A reviewer of another city."""
    with app.state.db.transaction() as session:
        city = city_named(session, "Göteborgs stad")
        committee_named(session, city, "Centrum")
        add_user(session, None, username="gbg", name="Göteborg", password=PASSWORD, role=Role.reviewer, city=city)
    return browser("gbg")


def test_ids_of_another_city_are_not_found_whatever_is_guessed(app, uploaded, stranger, snapshot):
    run_id = uploaded[1]
    with app.state.db.transaction() as session:
        finding = session.scalar(select(FindingRow.id).where(FindingRow.run_id == run_id))
    before = snapshot()
    for path in (f"/granskningar/{run_id}", f"/granskningar/{run_id}/pm.md", f"/granskningar/{run_id}/anmarkningar.csv",
                 f"/granskningar/{run_id}/anmarkningar.xlsx", "/uppladdningar/1/original"):
        assert stranger.get(path).status_code == 404, path
    decided = stranger.post(f"/granskningar/{run_id}/beslut", data={"finding": finding, "verdict": "reject",
                                                                     "motivation": "gissat"})
    assert decided.status_code == 404
    assert stranger.post("/uppladdningar/1/granska-om").status_code == 404
    assert snapshot() == before


def test_a_job_is_only_its_owners(browser, examples, committee_id, monkeypatch):
    import compliance.web.reviews.service as service

    def refuse(*args, **kwargs):
        raise service.Rejected("Stoppad i testet.")

    monkeypatch.setattr(service, "review_file", refuse)
    owner, other = browser("sodermalm"), browser("granskare")
    job = owner.upload(examples / "2022" / "utfall_sodermalm_2022.csv", committee_id("Södermalm")).headers["location"]
    assert job.startswith("/jobb/")
    seen = owner.get(job)
    assert seen.status_code == 422 and "Stoppad i testet." in seen.text
    assert other.get(job).status_code == 404 and other.get(f"{job}/status").status_code == 404
    assert other.get(f"/jobb/{uuid.uuid4().hex}").status_code == 404


# -- hostile file names ---------------------------------------------------------------------------
@pytest.mark.parametrize("name, stored", [
    ("../../../../tmp/{tag}.csv", "{tag}.csv"), ("..\\..\\{tag}.csv", "{tag}.csv"), ("/etc/{tag}.csv", "{tag}.csv"),
    ("{tag}\r\nSet-Cookie: x=1.csv", None), ("{tag}" + "ä" * 300 + ".csv", None), ("{tag}\x00.csv", None),
])
def test_upload_names_lose_their_folders_and_odd_characters(app, browser, examples, committee_id, name, stored):
    tag = f"fientlig-{uuid.uuid4().hex[:8]}"
    name, stored = name.format(tag=tag), stored.format(tag=tag) if stored else None
    person = browser("sodermalm")
    content = (examples / "2022" / "utfall_sodermalm_2022.csv").read_bytes()
    response = person.finish(person.upload((name, content), committee_id("Södermalm")))
    assert response.status_code == 303, response.text
    assert not (Path(tempfile.gettempdir()) / f"{tag}.csv").exists()
    with app.state.db.transaction() as session:
        upload = session.scalar(select(Upload).order_by(Upload.id.desc()).limit(1))
        kept = upload.file_name
    assert not set(kept) & set("/\\\r\n\x00:%") and len(kept) <= 104
    assert kept == stored if stored else kept.startswith(tag) and kept.endswith(".csv")
    download = person.get(f"/uppladdningar/{upload.id}/original")
    assert download.content == content and "\n" not in download.headers["content-disposition"]


# -- oversized bodies -----------------------------------------------------------------------------
def test_an_oversized_body_without_a_length_is_cut_off(browser, committee_id, snapshot, settings):
    person = browser("farsta")
    token = person.token()
    boundary = "grans123"
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{token}\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"namnd\"\r\n\r\n{committee_id('Farsta')}\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"ar\"\r\n\r\n2022\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"typ\"\r\n\r\nutfall\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"fil\"; filename=\"stor.csv\"\r\n\r\n").encode()

    def body():                                  # a generator: sent chunked, with no Content-Length
        yield head
        for _ in range(40):
            yield b"beskrivning;belopp\n" + b"Kurs;100\n" * 2_000
        yield f"\r\n--{boundary}--\r\n".encode()

    before = snapshot()
    response = person.client.post("/ladda-upp", content=body(),
                                   headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    assert response.status_code == 413 and "Filen är för stor" in response.text
    assert snapshot() == before


def test_a_file_just_over_the_limit_is_refused_with_its_size(browser, committee_id, snapshot, settings):
    person = browser("farsta")
    content = b"beskrivning;belopp;datum\n" + b"x" * settings.max_upload_bytes
    before = snapshot()
    response = person.upload(("nastan.csv", content), committee_id("Farsta"))
    assert response.status_code == 400
    assert f"största tillåtna storlek är {settings.max_upload_bytes // 1024} kB" in response.text
    assert snapshot() == before


# -- error pages ----------------------------------------------------------------------------------
def test_an_unexpected_error_shows_no_trace_and_no_names(app, uploaded, monkeypatch):
    import compliance.web.routes.reviews as reviews

    def broken(*args, **kwargs):
        raise RuntimeError("Traceback: hemligt om Enskede-Årsta-Vantör i /srv/compliance/db.py")

    monkeypatch.setattr(reviews, "review_view", broken)
    client = TestClient(app, raise_server_exceptions=False, follow_redirects=False)
    token = csrf_of(client.get("/logga-in").text)
    client.post("/logga-in", data={"username": "sodermalm", "password": PASSWORD, "csrf_token": token, "nasta": "/"})
    page = client.get(f"/granskningar/{uploaded[1]}")
    assert page.status_code == 500
    assert "Ett oväntat fel inträffade" in page.text
    for secret in ("Traceback", "Enskede", "RuntimeError", "/srv/", "db.py"):
        assert secret not in page.text


def test_error_pages_for_guesses_and_bad_forms_say_nothing_about_others(app, uploaded, browser, committee_id):
    farsta = browser("farsta")
    page = farsta.get(f"/granskningar/{uploaded[1]}")
    assert page.status_code == 404 and "Södermalm" not in page.text and "utfall_sodermalm" not in page.text
    bad = farsta.post("/ladda-upp", data={"namnd": "Södermalm", "ar": "tjugotjugotvå", "typ": "x"},
                      files={"fil": ("a.csv", b"beskrivning;belopp\n")})
    assert bad.status_code == 422 and "Något fält i formuläret saknas eller har fel format" in bad.text
    for detail in ("int_parsing", "Input should be", "tjugotjugotvå", "loc", "Traceback"):
        assert detail not in bad.text
    other = farsta.upload(("a.csv", b"beskrivning;belopp\nKurs;1\n"), committee_id("Södermalm"))
    assert other.status_code == 404 and "Södermalm" not in other.text
    assert farsta.client.delete("/ladda-upp").status_code == 405
