"""The `procedure replay` click command, on a bare Flask app (the app lead registers it)."""

import json
from pathlib import Path

import pytest
from flask import Flask

from motions.cli_procedure import procedure_cli

EXAMPLES = Path(__file__).parents[2] / "procedure" / "examples"


@pytest.fixture
def runner():
    app = Flask(__name__)
    app.cli.add_command(procedure_cli)
    return app.test_cli_runner()


def test_replay_prints_agreed_text_and_record(runner):
    result = runner.invoke(
        args=["procedure", "replay", str(EXAMPLES / "lla-constitution" / "session-cac-lost.json")]
    )
    assert result.exit_code == 0, result.output
    assert result.output.startswith("AGREED TEXT: Our structures/constitution")
    assert "London Labour Left Alliance (agreed)" in result.output
    assert "for the sake of production." in result.output
    assert "casting vote: B, cast by Chair (conference chair)" in result.output


def test_replay_as_json(runner):
    result = runner.invoke(
        args=["procedure", "replay", "--json", str(EXAMPLES / "recruitment-card-votes.json")]
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["finished"] is True
    assert [d["key"] for d in payload["documents"]] == ["A"]
    assert payload["record"][2]["result"] == "referred"


def test_replay_error_is_one_clear_line(runner, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"events": []}', encoding="utf-8")
    result = runner.invoke(args=["procedure", "replay", str(bad)])
    assert result.exit_code == 1
    assert result.output == "Error: session file: give order_paper or order_paper_file\n"
