"""The `compliance` command line: a thin layer over the library."""
from __future__ import annotations

import click

from .allocate_cmd import allocate_command
from .common import not_yet
from .ingest_cmd import ingest_command
from .years_cmd import years_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="compliance")
def main() -> None:
    """Granskar kommuners användning av Socialstyrelsens utvecklingsmedel mot våld i nära relationer.

    \b
    Exempel:
      compliance years
      compliance ingest examples/2022/utfall_sodermalm_2022.csv
    """


main.add_command(years_command)
main.add_command(ingest_command)
main.add_command(allocate_command)


@main.command("memo", context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
def memo_command() -> None:
    """PM om återbetalningsrisk, sammanställning och självskattning (kommer i ärende 5).

    \b
    Exempel:
      compliance memo examples/2022/utfall_*.csv --year 2022 --kind risk --format md
    """
    not_yet("compliance memo", 5)
