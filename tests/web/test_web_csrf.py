"""Every form that changes something needs the session's CSRF token."""
from __future__ import annotations

import pytest
from conftest import PASSWORD
from fastapi.routing import APIRoute

from compliance.web.routes import ROUTERS
from compliance.web.security.csrf import verify_csrf


def _post_routes(app):
    return [route for router in ROUTERS for route in router.routes
            if isinstance(route, APIRoute) and "POST" in route.methods]


def test_every_post_route_depends_on_the_csrf_check(app):
    routes = _post_routes(app)
    assert len(routes) >= 8
    for route in routes:
        assert any(d.call is verify_csrf for d in route.dependant.dependencies), route.path


@pytest.mark.parametrize("token", [None, "fel-token"])
def test_posts_without_the_right_token_are_refused_and_change_nothing(app, uploaded, browser, snapshot, token):
    admin = browser("admin")
    before = snapshot()
    paths = {route.path.replace("{run_id}", str(uploaded[1])).replace("{upload_id}", "1").replace("{user_id}", "1")
             for route in _post_routes(app)}
    for path in sorted(paths):
        data = {"username": "ny", "password": PASSWORD, "role": "admin", "finding": "1", "verdict": "accept",
                "motivation": "m", "active": "false", "ar": "2022", "namnd": "1", "typ": "utfall"}
        if token:
            data["csrf_token"] = token
        response = admin.client.post(path, data=data, files={"fil": ("a.csv", b"beskrivning;belopp\nx;1\n")})
        assert response.status_code == 403, path
        assert "Formuläret har gått ut" in response.text
    assert snapshot() == before


def test_a_token_from_another_session_does_not_work(app, browser):
    first, second = browser("admin"), browser("granskare")
    response = second.post("/logga-ut", data={"csrf_token": first.token()})
    assert response.status_code == 403
    assert second.get("/oversikt").status_code == 200


def test_login_form_needs_the_token_too(browser):
    anonymous = browser()
    response = anonymous.client.post("/logga-in", data={"username": "admin", "password": PASSWORD})
    assert response.status_code == 403
