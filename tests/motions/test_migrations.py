"""`flask db upgrade` builds the whole schema on an empty database, matching the models."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade
from sqlalchemy import inspect

from motions import create_app
from motions.extensions import db


def upgrade_and_compare(url: str) -> tuple[set[str], list]:
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "x"})
    with app.app_context():
        upgrade()
        engine = db.engine
        with engine.connect() as connection:
            tables = set(inspect(connection).get_table_names())
            differences = compare_metadata(MigrationContext.configure(connection), db.metadata)
        engine.dispose()
    return tables, differences


def assert_schema_matches_models(tables: set[str], differences: list) -> None:
    assert {"conference", "heading", "organisation", "user", "submission",
            "submission_version", "audit_event", "delegate_band"} <= tables
    assert differences == []


def test_upgrade_builds_the_schema_on_empty_sqlite(tmp_path):
    assert_schema_matches_models(*upgrade_and_compare(f"sqlite:///{tmp_path / 'new.sqlite3'}"))


@pytest.mark.postgres
def test_upgrade_builds_the_schema_on_empty_postgres(empty_postgres_url):
    assert_schema_matches_models(*upgrade_and_compare(empty_postgres_url))


def test_duplicate_letters_from_old_races_are_relettered_on_upgrade(tmp_path):
    """Two motions lettered "A" under one heading before the unique index: the later one is
    re-lettered after the highest, on the record, and the index then holds."""
    from sqlalchemy import text
    from sqlalchemy.exc import IntegrityError

    app = create_app({"TESTING": True, "SECRET_KEY": "x",
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'old.sqlite3'}"})
    with app.app_context():
        upgrade(revision="5a1f0c2d9e11")
        with db.engine.begin() as connection:
            connection.execute(text(
                "INSERT INTO conference (id, name, timezone, motions_per_submitter, "
                "amendments_per_submitter, min_individual_submitters, voting_rule, card_votes, "
                "created_at) VALUES (1, 'C', 'Europe/London', 1, 1, 10, 'simple', 0, "
                "'2020-01-01')"))
            connection.execute(text("INSERT INTO heading (id, conference_id, position, title, "
                                    "description) VALUES (1, 1, 1, 'H', '')"))
            connection.execute(text("INSERT INTO user (id, email, name, password_hash, roles, "
                                    "active, created_at) VALUES (1, 'a@b.c', 'A', 'x', '', 1, "
                                    "'2020-01-01')"))
            for id_, seq in ((1, 1), (2, 1), (3, 2)):
                connection.execute(text(
                    "INSERT INTO submission (id, kind, heading_id, seq, title, text, mover, "
                    "seconder, created_by_id, individual_names, created_at, updated_at, "
                    "ruling, ruling_reason, version, engine_error) VALUES (:id, 'motion', 1, "
                    ":seq, 'T', 'x', '', '', 1, '', '2020-01-01', '2020-01-01', 'pending', '', "
                    "1, '')"), {"id": id_, "seq": seq})
        upgrade()
        with db.engine.begin() as connection:
            seqs = dict(connection.execute(text("SELECT id, seq FROM submission")).all())
            audit = connection.execute(text(
                "SELECT subject_id, detail FROM audit_event WHERE action = 'renumbered'")).all()
        assert seqs == {1: 1, 2: 3, 3: 2}
        assert audit == [(2, "number 1 was taken twice; now 3")]
        with pytest.raises(IntegrityError), db.engine.begin() as connection:
            connection.execute(text("UPDATE submission SET seq = 1 WHERE id = 3"))
        db.engine.dispose()
