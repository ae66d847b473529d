"""`flask --app wsgi procedure replay FILE`: replay a recorded voting session.

A thin wrapper over :func:`procedure.replay.replay_file` (the engine needs no Flask): it prints
the agreed text and the record of decisions, or the file's problem as a one-line error.
The JSON format is documented in procedure/README.md.
"""

from __future__ import annotations

import json
from pathlib import Path

import click
from flask.cli import AppGroup

from procedure.replay import ReplayError, replay_file

procedure_cli = AppGroup("procedure", help="The procedure engine: replay recorded sessions.")


@procedure_cli.command("replay")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print the agreed documents and the record as JSON instead of text.",
)
def replay_command(file: Path, as_json: bool) -> None:
    """Replay FILE (a procedure-session/1 JSON file); print the agreed text and the record."""
    try:
        replayed = replay_file(file)
    except ReplayError as error:
        raise click.ClickException(str(error)) from None
    if as_json:
        documents = [
            {"key": d.key, "title": d.title, "final": d.final, "text": d.text}
            for d in replayed.agreed.documents
        ]
        record = [decision.as_dict() for decision in replayed.agreed.record]
        payload = {
            "finished": replayed.session.finished,
            "documents": documents,
            "record": record,
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    click.echo(replayed.report(), nl=False)
