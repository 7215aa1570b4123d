"""Passwords are hashed with Argon2, sessions live in signed cookies, logins are rate limited."""
from __future__ import annotations

from conftest import PASSWORD
from sqlalchemy import select

from compliance.web.db.schema import User
from compliance.web.security.ratelimit import LoginLimiter


def test_passwords_are_stored_as_argon2id_hashes(app):
    with app.state.db.transaction() as session:
        hashes = list(session.scalars(select(User.password_hash)))
    assert hashes and all(h.startswith("$argon2id$") and PASSWORD not in h for h in hashes)


def test_a_wrong_password_is_refused_in_swedish(browser):
    person = browser()
    response = person.login("granskare", "fel lösenord här")
    assert response.status_code == 401 and "Fel användarnamn eller lösenord." in response.text
    assert person.login("okänd", PASSWORD).status_code == 401
    assert person.login("granskare").headers["location"] == "/"


def test_logins_are_rate_limited_per_user_name(browser):
    attacker = browser()
    for _ in range(5):
        assert attacker.login("admin", "gissning nummer x").status_code == 401
    response = attacker.login("admin")
    assert response.status_code == 429 and "För många misslyckade inloggningar" in response.text
    assert browser().login("granskare").status_code == 303          # other users are not locked out


def test_the_limiter_forgets_after_its_window():
    now = [0.0]
    limiter = LoginLimiter(failures=2, window_seconds=60, clock=lambda: now[0])
    limiter.failed("anna", "10.0.0.1")
    limiter.failed("anna", "10.0.0.1")
    assert limiter.retry_after("Anna", "10.0.0.2") == 61
    now[0] = 61.0
    assert limiter.retry_after("anna", "10.0.0.1") is None


def test_a_tampered_session_cookie_is_not_a_login(browser):
    person = browser("granskare")
    cookie = person.client.cookies["compliance_session"]
    person.client.cookies.set("compliance_session", cookie[:-4] + ("AAAA" if not cookie.endswith("AAAA") else "BBBB"))
    assert person.get("/oversikt").status_code == 303


def test_logout_and_deactivation_end_the_session(app, browser):
    person = browser("granskare")
    assert person.post("/logga-ut").status_code == 303
    assert person.get("/oversikt").status_code == 303
    person.login("granskare")
    with app.state.db.transaction() as session:
        session.scalar(select(User).where(User.username == "granskare")).active = False
    assert person.get("/oversikt").status_code == 303
    assert person.login("granskare").status_code == 401


def test_a_new_password_ends_other_sessions(browser):
    reviewer, admin = browser("granskare"), browser("admin")
    page = admin.get("/admin/anvandare").text
    user_id = page[page.index("/admin/anvandare/", page.index(">granskare<")):].split("/")[3]
    response = admin.post(f"/admin/anvandare/{user_id}/losenord", data={"password": "ett helt nytt lösenord"},
                          token=True)
    assert response.status_code == 303
    assert reviewer.get("/oversikt").status_code == 303
    assert browser().login("granskare", "ett helt nytt lösenord").status_code == 303


def test_login_only_redirects_within_the_site(browser):
    person = browser()
    from conftest import csrf_of

    token = csrf_of(person.get("/logga-in").text)
    response = person.client.post("/logga-in", data={"username": "granskare", "password": PASSWORD,
                                                     "csrf_token": token, "nasta": "//evil.example/"})
    assert response.headers["location"] == "/"
