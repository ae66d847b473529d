"""One letter per motion under a heading, one number per amendment: unique in the database

Before this revision two submissions sent at the same moment could get the same letter. Any such
duplicates are re-lettered first (the earlier-stored keeps its letter, the others go after the
highest), each change recorded in the audit log.

Revision ID: c4d8e2f1a9b3
Revises: 5a1f0c2d9e11
Create Date: 2026-11-24 12:00:00

"""
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = 'c4d8e2f1a9b3'
down_revision = '5a1f0c2d9e11'
branch_labels = None
depends_on = None

# (index name, columns that number the submission, rows it applies to)
INDEXES = (
    ('uq_submission_motion_letter', ('heading_id',), "kind = 'motion'"),
    ('uq_submission_amendment_number', ('target_id',), 'target_id IS NOT NULL'),
    ('uq_submission_section_amendment_number', ('composite_id', 'section'),
     'composite_id IS NOT NULL'),
)


def upgrade():
    connection = op.get_bind()
    for _name, scope, condition in INDEXES:
        renumber_duplicates(connection, scope, condition)
    for name, scope, condition in INDEXES:
        op.create_index(name, 'submission', [*scope, 'seq'], unique=True,
                        sqlite_where=sa.text(condition), postgresql_where=sa.text(condition))


def downgrade():
    for name, _scope, _condition in INDEXES:
        op.drop_index(name, table_name='submission')


def renumber_duplicates(connection, scope, condition):
    columns = ', '.join(scope)
    rows = connection.execute(sa.text(
        f'SELECT id, {columns}, seq FROM submission WHERE {condition} ORDER BY id')).all()
    highest, seen = {}, set()
    for row in rows:
        key = tuple(row[1:-1])
        highest[key] = max(highest.get(key, 0), row[-1])
    for row in rows:
        key, seq = tuple(row[1:-1]), row[-1]
        if (key, seq) not in seen:
            seen.add((key, seq))
            continue
        highest[key] += 1
        connection.execute(sa.text('UPDATE submission SET seq = :seq WHERE id = :id'),
                           {'seq': highest[key], 'id': row[0]})
        connection.execute(sa.text(
            'INSERT INTO audit_event (at, user_id, action, subject, subject_id, detail) '
            'VALUES (:at, NULL, :action, :subject, :id, :detail)'), {
                'at': datetime.now(UTC), 'action': 'renumbered', 'subject': 'submission',
                'id': row[0], 'detail': f'number {seq} was taken twice; now {highest[key]}'})
