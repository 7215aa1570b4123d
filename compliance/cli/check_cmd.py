"""`compliance check`: ingest, classify and judge district files; a thin layer over review()."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterable, Optional

import click
from rich.table import Table

from ..dates import DateError, format_long, parse_date
from ..decisions import DecisionError
from ..engine import EngineError, RuleActionError
from ..ingest import IngestError, is_error
from ..models import DistrictReview, Finding, LineKind, Review, Severity, Totals, Verdict
from ..money import format_kr
from ..process import settled
from ..review import ReviewError, all_findings, review
from ..review_json import review_document
from ..review_jsonl import line_record, write_jsonl
from ..stream import ReviewStream, Summary
from ..taxonomy import UnknownYearError
from ..totals import stands
from ..yamlio import DataFileError
from .common import EXIT_BAD_INPUT, EXIT_ENGINE_ERROR, EXIT_FINDINGS, console, err_console, fail, print_json
from .ingest_cmd import DISTRICT_OPTION, KIND_OPTION

RANK = {Severity.info: 0, Severity.risk: 1, Severity.ej_stodberattigad: 2}
LABEL = {Severity.ej_stodberattigad: "[bold red]ej stödberättigad[/]", Severity.risk: "[yellow]risk[/]",
         Severity.info: "[cyan]info[/]"}


@click.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--year", type=int, required=True, help="Bidragsåret vars anvisningar gäller.")
@click.option("--allocation", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True,
              help="Stadens fördelning på nämnder (YAML, CSV eller XLSX).")
@KIND_OPTION
@DISTRICT_OPTION
@click.option("--submitted", help="Återrapportens datum, t.ex. 2023-03-28; sen-aterrapport prövas bara då.")
@click.option("--decisions", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Granskarens beslut (YAML): accept eller reject per anmärkning.")
@click.option("--fail-on", type=click.Choice(["ej_stodberattigad", "risk"]), default="ej_stodberattigad",
              show_default=True, help="Lägsta allvarlighet som ger slutkod 1.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "jsonl"]), default="text", show_default=True,
              help="text för människor, json för program; jsonl skriver rad för rad medan granskningen pågår "
                   "(för stora underlag, se compliance/review_jsonl.py).")
@click.option("--workers", type=click.IntRange(min=0), default=1, show_default=True,
              help="Antal processer som klassar och prövar raderna (0 = en per kärna); resultatet blir detsamma.")
def check_command(files: tuple[Path, ...], year: int, allocation: Path, kind: str, district: Optional[str],
                  submitted: Optional[str], decisions: Optional[Path], fail_on: str, fmt: str, workers: int) -> None:
    """Granska planer eller återrapporter mot årets anvisningar: varje rad klassas och prövas mot
    reglerna i rules/, sedan nämndernas tilldelning och förbrukning och stadens fördelning.

    Slutkod 0: inga anmärkningar på eller över --fail-on; 1: sådana finns; 2: fel i indata
    (även avvisade rader); 3: fel i regelmotorn (inget resultat).

    \b
    Exempel:
      compliance check examples/2022/utfall_*.csv examples/2022/utfall_*.xlsx --year 2022 \\
          --allocation examples/allocations/stockholm-2022.yaml
      compliance check examples/2022/plan_farsta_2022.csv --kind plan --year 2022 \\
          --allocation examples/allocations/stockholm-2022.yaml --format json
      compliance check riket_2022.csv --year 2022 --allocation fordelning_2022.yaml \\
          --format jsonl --workers 2 > granskning.jsonl
    """
    try:
        options = dict(year=year, allocation=allocation, kind=LineKind(kind), district=district,
                       submitted=parse_date(submitted) if submitted else None, decisions=decisions, workers=workers)
        if fmt == "jsonl":
            stream = ReviewStream(files, render=line_record, **options)
            with settled():
                summary = write_jsonl(stream, sys.stdout)
            standing = [*summary.line_severities, *_standing(_summary_findings(summary))]
            sys.exit(exit_code(summary.error_rows > 0, standing, Severity(fail_on)))
        with settled():
            result = review(files, **options)
    except (IngestError, DataFileError, DecisionError, ReviewError, UnknownYearError, DateError) as exc:
        fail(str(exc))
    except (EngineError, RuleActionError) as exc:
        fail(f"regelmotorn misslyckades, inget resultat: {exc}", EXIT_ENGINE_ERROR)
    if fmt == "json":
        print_json(review_document(result))
    else:
        _print(result)
    bad_rows = any(is_error(r) for f in result.files for r in f.rejections)
    sys.exit(exit_code(bad_rows, _standing(all_findings(result)), Severity(fail_on)))


def exit_code(bad_rows: bool, standing: Iterable[Severity], fail_on: Severity) -> int:
    """2 for rejected rows, 1 for a standing finding at or above ``fail_on``, else 0."""
    if bad_rows:
        return EXIT_BAD_INPUT
    if any(RANK[severity] >= RANK[fail_on] for severity in standing):
        return EXIT_FINDINGS
    return 0


def _standing(findings: Iterable[Finding]) -> list[Severity]:
    return [f.severity for f in findings if stands(f)]


def _summary_findings(summary: Summary) -> list[Finding]:
    return [*summary.findings, *(f for d in summary.districts for f in d.findings)]


def _print(result: Review) -> None:
    heading = "planer" if result.kind is LineKind.plan else "återrapporter"
    console.print(f"[bold]Granskning av {heading} {result.year}[/]")
    missing = []
    for district in result.districts:
        if not district.lines and all(f.rule == "saknad-aterrapport" for f in district.findings):
            missing.append(district)
            continue
        _print_district(district)
    if missing:
        names = ", ".join(f"{d.district} ({format_kr(d.totals.allocated)})" for d in missing)
        console.print(f"\n[yellow]Ingen återrapport från:[/] {names}")
    console.print("\n[bold]Staden[/]")
    for finding in result.findings:
        console.print(f"  {LABEL[finding.severity]} {finding.rule}: {finding.message}{_decision(finding)}")
    console.print("  " + _totals(result.totals))
    for report in result.files:
        for rejection in report.rejections:
            label = "[red]Avvisad:[/]" if is_error(rejection) else "[yellow]Obs:[/]"
            err_console.print(f"{label} {rejection.message}")
    rec = result.reconciliation
    status = "stämmer" if rec.reconciles else "[bold red]STÄMMER INTE[/]"
    console.print(f"\nAvstämning: inläst {format_kr(rec.accepted)} + avvisat {format_kr(rec.rejected)} = filernas "
                  f"summa {format_kr(rec.file_total)}; granskat {format_kr(rec.spent)} ({status})")
    if result.submitted:
        console.print(f"Återrapportens datum: {format_long(result.submitted)}")


def _print_district(district: DistrictReview) -> None:
    flagged = [(line, f) for line in district.lines for f in line.findings]
    console.print(f"\n[bold]{district.district}[/] ({district.kind.value}): {len(district.lines)} rader, "
                  f"{len(district.lines) - len({line.ref for line, _ in flagged})} utan anmärkning")
    if flagged:
        table = Table(show_header=True, header_style="bold", expand=False)
        for column, justify in (("Rad", "left"), ("Belopp", "right"), ("Regel", "left"), ("Bedömning", "left"),
                                ("Meddelande", "left")):
            table.add_column(column, justify=justify, overflow="fold")
        for line, finding in flagged:
            table.add_row(line.ref, format_kr(line.line.amount), finding.rule, _severity(finding),
                          finding.message + _decision(finding))
        console.print(table)
    for finding in district.findings:
        console.print(f"  {_severity(finding)} {finding.rule}: {finding.message}{_decision(finding)}")
    console.print("  " + _totals(district.totals))


def _severity(finding: Finding) -> str:
    label = LABEL[finding.severity]
    return f"[strike]{label}[/strike]" if not stands(finding) else label


def _decision(finding: Finding) -> str:
    decision = finding.decision
    if decision is None:
        return ""
    verb = "bekräftad" if decision.verdict is Verdict.accept else "lyft"
    motivation = f": {decision.motivation}" if decision.motivation else ""
    return f" [dim]({verb} av {decision.reviewer}{motivation})[/]"


def _totals(totals: Totals) -> str:
    return (f"Tilldelat {format_kr(totals.allocated)} · förbrukat {format_kr(totals.spent)} · stödberättigat "
            f"{format_kr(totals.eligible)} · att bedöma {format_kr(totals.at_risk)} · ej förbrukat "
            f"{format_kr(totals.unspent)} · [bold]återbetalningsrisk {format_kr(totals.repayment_risk)}[/]")
