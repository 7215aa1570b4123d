"""Shared CLI plumbing: exit codes, JSON output, Swedish error reporting."""
from __future__ import annotations

import json
import sys
from typing import Any, NoReturn

import click
from rich.console import Console

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2
EXIT_ENGINE_ERROR = 3

console = Console(highlight=False, width=None if sys.stdout.isatty() else 160)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)

FORMAT_OPTION = click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
    help="text för människor, json för program.",
)


def print_json(document: Any) -> None:
    """One JSON document on stdout, UTF-8, stable key order as built."""
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")


def fail(message: str, code: int = EXIT_BAD_INPUT) -> NoReturn:
    """Print a Swedish error on stderr and exit."""
    err_console.print(f"[bold red]Fel:[/] {message}")
    sys.exit(code)

