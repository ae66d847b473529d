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
