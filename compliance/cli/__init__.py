"""The `compliance` command line: a thin layer over the library."""
from __future__ import annotations

import click

from .allocate_cmd import allocate_command
from .check_cmd import check_command
from .classify_cmd import classify_command
from .evaluate_cmd import evaluate_command
from .export_cmd import export_command
from .ingest_cmd import ingest_command
from .memo_cmd import memo_command
from .serve_cmd import serve_command
from .train_cmd import train_command
from .users_cmd import users_command
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
main.add_command(check_command)
main.add_command(classify_command)
main.add_command(train_command)
main.add_command(evaluate_command)

main.add_command(memo_command)
main.add_command(export_command)
main.add_command(serve_command)
main.add_command(users_command)
