"""Upload → review → decision → memo, through the pages, on a real database."""
from __future__ import annotations

import datetime as dt
import hashlib
import re

from sqlalchemy import func, select

from compliance.allocation import load_allocation
from compliance.memo import memos
from compliance.models import Decision as DecisionModel
from compliance.models import Verdict
from compliance.review import review
from compliance.web.clock import today
from compliance.web.db.schema import AuditEntry, Decision, FindingRow, ReviewRun, Upload


def _finding(app, run_id, rule, line_ref):
    with app.state.db.transaction() as session:
        return session.scalar(select(FindingRow.id).where(FindingRow.run_id == run_id, FindingRow.rule == rule,
                                                          FindingRow.line_ref == line_ref))


def test_district_upload_is_reviewed_and_stored_byte_for_byte(app, uploaded, examples):
    person, run_id = uploaded
    page = person.get(f"/granskningar/{run_id}").text
    assert "Södermalm: återrapport 2022" in page
    assert "504 527 kr" in page and "477 722,90 kr" in page            # allocated, spent
    assert 'class="sev sev-ej_stodberattigad">Ej stödberättigad' in page
    assert "Platser eller vistelse i skyddat boende" in page
    assert '<mark class="evidence" title="aktivitet: boende' in page                     # evidence highlighted
    assert 'class="tag"' in page                                         # the line's tags
    assert "Besluta" not in page and "pm.pdf" not in page                # a district neither decides nor writes memos
    original = (examples / "2022" / "utfall_sodermalm_2022.csv").read_bytes()
    with app.state.db.transaction() as session:
        upload = session.scalar(select(Upload))
        assert upload.content == original and upload.sha256 == hashlib.sha256(original).hexdigest()
        assert upload.submitted == today()
    download = person.get("/uppladdningar/1/original")
    assert download.content == original
    assert "utfall_sodermalm_2022.csv" in download.headers["content-disposition"]


def test_filters_by_rule_and_severity_and_sums_what_is_shown(uploaded):
    person, run_id = uploaded
    page = person.get(f"/granskningar/{run_id}?regel=skyddat-boende").text
    assert "Visar 1 anmärkning och 1 rad om 52 700 kr, varav ej stödberättigat 52 700 kr" in page
    page = person.get(f"/granskningar/{run_id}?allvarlighet=risk").text
    assert 'sev-box-ej_stodberattigad" id=' not in page
    assert "Möjlig dubbelbokning" in page


def test_reviewer_decides_and_the_review_is_run_again_with_the_decision(app, uploaded, browser, latest_run):
    _, run_id = uploaded
    reviewer = browser("granskare")
    finding = _finding(app, run_id, "grundverksamhet", "SO-U-008")
    response = reviewer.finish(reviewer.post(f"/granskningar/{run_id}/beslut", data={
        "finding": finding, "verdict": "reject", "motivation": "Lokalen hyrs för den nya stödgruppen."}))
    new_run = latest_run()
    decided = _finding(app, new_run.id, "grundverksamhet", "SO-U-008")
    assert response.headers["location"] == f"/granskningar/{new_run.id}#anmarkning-{decided}"
    assert new_run.id != run_id and new_run.reason == "beslut"
    page = reviewer.get(f"/granskningar/{new_run.id}").text
    assert "Beslut: <strong>Lyft</strong> – Lokalen hyrs för den nya stödgruppen. (Granskare" in page
    with app.state.db.transaction() as session:
        decision = session.scalar(select(Decision))
        assert (decision.rule, decision.line_ref, decision.verdict) == ("grundverksamhet", "SO-U-008", "reject")
        assert decision.user.username == "granskare" and decision.decided_at.tzinfo is not None
        query = select(FindingRow.rule, FindingRow.verdict).where(FindingRow.run_id == new_run.id,
                                                                  FindingRow.line_ref == "SO-U-008")
        verdicts = dict(session.execute(query).all())
        assert verdicts["grundverksamhet"] == "reject"
        old = session.get(ReviewRun, run_id)
        assert all(f.verdict is None for f in old.findings)            # the earlier run is kept as it was
        actions = [e.action for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert actions[-4:] == ["ladda upp", "granska", "besluta", "granska"]


def test_a_finding_about_the_whole_committee_can_be_decided_too(app, uploaded, browser, latest_run):
    _, run_id = uploaded
    reviewer = browser("granskare")
    with app.state.db.transaction() as session:
        finding = session.scalar(select(FindingRow.id).where(FindingRow.run_id == run_id,
                                                             FindingRow.rule == "sen-aterrapport"))
    reviewer.finish(reviewer.post(f"/granskningar/{run_id}/beslut", data={
        "finding": finding, "verdict": "reject", "motivation": "Inlämnad i tid per e-post 2023-03-30."}))
    page = reviewer.get(f"/granskningar/{latest_run().id}").text
    assert "Beslut: <strong>Lyft</strong> – Inlämnad i tid per e-post 2023-03-30." in page
    with app.state.db.transaction() as session:
        decision = session.scalar(select(Decision))
        assert (decision.scope, decision.district, decision.line_ref) == ("district", "Södermalm", None)


def test_reject_needs_a_motivation(uploaded, browser, app, snapshot):
    _, run_id = uploaded
    reviewer = browser("granskare")
    before = snapshot()
    response = reviewer.post(f"/granskningar/{run_id}/beslut", data={
        "finding": _finding(app, run_id, "skyddat-boende", "SO-U-006"), "verdict": "reject", "motivation": "  "})
    assert response.status_code == 400 and "Skriv en motivering" in response.text
    assert snapshot() == before


def test_memos_in_three_formats_match_the_library(app, uploaded, browser, examples, latest_run):
    _, run_id = uploaded
    reviewer = browser("granskare")
    finding = _finding(app, run_id, "skyddat-boende", "SO-U-006")
    reviewer.finish(reviewer.post(f"/granskningar/{run_id}/beslut", data={
        "finding": finding, "verdict": "accept", "motivation": "Platsköp enligt avtal."}))
    run_id = latest_run().id
    markdown = reviewer.get(f"/granskningar/{run_id}/pm.md")
    assert markdown.status_code == 200 and markdown.headers["content-type"].startswith("text/markdown")
    assert 'filename="pm-aterbetalningsrisk-sodermalm-2022.md"' in markdown.headers["content-disposition"]
    html = reviewer.get(f"/granskningar/{run_id}/pm.html")
    assert html.headers["content-type"].startswith("text/html") and "Södermalm" in html.text
    pdf = reviewer.get(f"/granskningar/{run_id}/pm.pdf")
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert reviewer.get(f"/granskningar/{run_id}/pm.docx").status_code == 404

    # The web app is a thin layer: the same memo comes straight from the library.
    decision = DecisionModel(line_id="SO-U-006", district="Södermalm", rule="skyddat-boende", verdict=Verdict.accept,
                             motivation="Platsköp enligt avtal.", reviewer="Granskare", decided=today())
    result = review([examples / "2022" / "utfall_sodermalm_2022.csv"], year=2022,
                    allocation=load_allocation(examples / "allocations" / "stockholm-2022.yaml"),
                    district="Södermalm", submitted=today(), decisions=[decision])
    (direct,) = [m for m in memos(result, "risk", city="Stockholms stad", date=today(), author="Granskare")
                 if "sodermalm" in m.stem]
    assert markdown.content == direct.render("md")


def test_rerun_with_new_rules_keeps_the_old_result(app, uploaded, browser, monkeypatch, latest_run):
    _, run_id = uploaded
    with app.state.db.transaction() as session:
        old = session.get(ReviewRun, run_id)
        old_result, old_version = old.result, old.rules_version
    monkeypatch.setattr("compliance.web.reviews.service.rules_version", lambda year: f"{year}-nya-regler")
    reviewer = browser("granskare")
    response = reviewer.finish(reviewer.post("/uppladdningar/1/granska-om"))
    new = latest_run()
    assert response.headers["location"] == f"/granskningar/{new.id}"
    assert (new.rules_version, new.reason) == ("2022-nya-regler", "omgranskning")
    with app.state.db.transaction() as session:
        kept = session.get(ReviewRun, run_id)
        assert (kept.result, kept.rules_version) == (old_result, old_version)
        assert session.scalar(select(func.count()).select_from(ReviewRun)) == 2
    page = reviewer.get(f"/granskningar/{run_id}").text
    assert "Det här är en äldre granskning" in page and "Besluta" not in page
    assert re.search(r"regelversion <code>2022-nya-regler</code>", reviewer.get(f"/granskningar/{new.id}").text)


def test_overview_has_a_row_per_committee(uploaded, browser):
    page = browser("granskare").get("/oversikt").text
    assert page.count('<tr>\n  <td><a href="/namnder/') == 14
    row = page[page.index(">Södermalm<"):]
    row = row[:row.index("</tr>")]
    assert "504 527 kr" in row and "477 722,90 kr" in row and "Att granska" in row and "<svg" in row
    farsta = page[page.index(">Farsta<"):]
    assert "Ej inlämnad" in farsta[:farsta.index("</tr>")]
    assert "<tfoot><tr><th>Summa</th><th class=\"num\">5 394 916 kr</th>" in page


def test_a_reviewer_may_date_a_return_that_came_by_mail(app, browser, examples, committee_id):
    reviewer = browser("granskare")
    response = reviewer.finish(reviewer.upload(examples / "2022" / "utfall_sodermalm_2022.csv",
                                               committee_id("Södermalm"), inlamnad="2023-03-15"))
    page = reviewer.get(response.headers["location"]).text
    assert "inlämnad 15 mars 2023" in page and "Återrapporten kom in efter sista dag" not in page
    with app.state.db.transaction() as session:
        assert session.scalar(select(Upload.submitted)) == dt.date(2023, 3, 15)
