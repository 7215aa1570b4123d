"""Admins manage users and allocations; every change lands in the audit log."""
from __future__ import annotations

from conftest import PASSWORD
from sqlalchemy import select

from compliance.web.db.schema import Allocation, AuditEntry, User


def test_admin_creates_a_district_user_who_can_log_in(app, browser, committee_id):
    admin = browser("admin")
    response = admin.post("/admin/anvandare", data={"username": "Bromma", "name": "Britt Bromma", "role": "district",
                                                    "committee": committee_id("Bromma"), "password": PASSWORD})
    assert response.status_code == 303
    person = browser("bromma")
    assert person.get("/").headers["location"] == f"/namnder/{committee_id('Bromma')}"
    with app.state.db.transaction() as session:
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert (entry.action, entry.entity, entry.details["username"], entry.user.username) == \
               ("skapa", "användare", "bromma", "admin")


def test_user_errors_are_shown_in_swedish(browser):
    admin = browser("admin")
    response = admin.post("/admin/anvandare", data={"username": "kort", "role": "reviewer", "password": "kort"})
    assert response.status_code == 400 and "lösenordet ska ha minst 10 tecken" in response.text
    response = admin.post("/admin/anvandare", data={"username": "utan", "role": "district", "password": PASSWORD})
    assert "en nämndanvändare behöver en nämnd" in response.text
    response = admin.post("/admin/anvandare", data={"username": "admin", "role": "admin", "password": PASSWORD})
    assert "användarnamnet &#39;admin&#39; är upptaget" in response.text


def test_an_admin_cannot_switch_themselves_off(app, browser):
    admin = browser("admin")
    with app.state.db.transaction() as session:
        own = session.scalar(select(User.id).where(User.username == "admin"))
    response = admin.post(f"/admin/anvandare/{own}/aktiv", data={"active": "false"})
    assert response.status_code == 400 and "ditt eget konto" in response.text


def test_replacing_an_allocation_keeps_the_old_one_in_the_log(app, browser):
    admin = browser("admin")
    table = "nämnd;belopp\nRinkeby-Kista;600 000\nFarsta;400 000\nSumma;1 000 000\n".encode()
    response = admin.post("/admin/fordelningar", data={"ar": 2022}, files={"fil": ("fordelning.csv", table)})
    assert response.status_code == 303
    page = admin.get("/admin/fordelningar").text
    assert "600 000 kr" in page and "1 000 000 kr" in page and "Södermalm" not in page[page.index("<h2>2022"):]
    with app.state.db.transaction() as session:
        allocation = session.scalar(select(Allocation))
        assert [s.committee.name for s in allocation.shares] == ["Rinkeby-Kista", "Farsta"]
        entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "fördelning")
                                .order_by(AuditEntry.id.desc())).first()
        assert entry.action == "ersätt" and entry.details["previous"]["allocations"][0]["amount"] == "624090.00"
    assert "ersätt" in admin.get("/admin/logg").text


def test_a_broken_allocation_file_is_refused(browser):
    admin = browser("admin")
    response = admin.post("/admin/fordelningar", data={"ar": 2022},
                          files={"fil": ("fordelning.csv", "nämnd;belopp\nFarsta;mycket\n".encode())})
    assert response.status_code == 400 and "&#39;mycket&#39; är inte ett belopp" in response.text
    response = admin.post("/admin/fordelningar", data={"ar": 2019},
                          files={"fil": ("f.yaml", b"city: X\nyear: 2022\nallocations: []\n")})
    assert "Filen gäller 2022, inte 2019" in response.text
