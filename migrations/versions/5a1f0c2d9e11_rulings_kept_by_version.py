"""Every ruling kept with the version it was made on; versions say why (a CAC correction)

Revision ID: 5a1f0c2d9e11
Revises: 8db4b8213e97
Create Date: 2026-11-24 10:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = '5a1f0c2d9e11'
down_revision = '8db4b8213e97'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'submission_ruling',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('submission_id', sa.Integer(), nullable=False),
        sa.Column('version_number', sa.Integer(), nullable=False),
        sa.Column('ruling', sa.String(length=20), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('ruled_by_id', sa.Integer(), nullable=False),
        sa.Column('ruled_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['ruled_by_id'], ['user.id'],
                                name=op.f('fk_submission_ruling_ruled_by_id_user')),
        sa.ForeignKeyConstraint(['submission_id'], ['submission.id'],
                                name=op.f('fk_submission_ruling_submission_id_submission')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_submission_ruling')),
    )
    with op.batch_alter_table('submission_version', schema=None) as batch_op:
        batch_op.add_column(sa.Column('note', sa.Text(), server_default='', nullable=False))
    # Rulings made before this revision: on the submission's latest version.
    op.execute(
        "INSERT INTO submission_ruling "
        "(submission_id, version_number, ruling, reason, ruled_by_id, ruled_at) "
        "SELECT s.id, (SELECT count(*) FROM submission_version v WHERE v.submission_id = s.id), "
        "s.ruling, s.ruling_reason, s.ruled_by_id, s.ruled_at FROM submission s "
        "WHERE s.ruling <> 'pending' AND s.ruled_by_id IS NOT NULL AND s.ruled_at IS NOT NULL"
    )


def downgrade():
    with op.batch_alter_table('submission_version', schema=None) as batch_op:
        batch_op.drop_column('note')
    op.drop_table('submission_ruling')
