"""Voting sessions and every input recorded in them

Revision ID: 7b1c2d3e4f50
Revises: 30e7608d83e1
Create Date: 2026-11-23 18:50:00

"""
import sqlalchemy as sa
from alembic import op

revision = '7b1c2d3e4f50'
down_revision = '30e7608d83e1'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'voting_session',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('heading_id', sa.Integer(), nullable=False),
        sa.Column('order_paper', sa.Text(), nullable=False),
        sa.Column('started_by_id', sa.Integer(), nullable=False),
        sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['heading_id'], ['heading.id'],
                                name=op.f('fk_voting_session_heading_id_heading')),
        sa.ForeignKeyConstraint(['started_by_id'], ['user.id'],
                                name=op.f('fk_voting_session_started_by_id_user')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_voting_session')),
        sa.UniqueConstraint('heading_id', name=op.f('uq_voting_session_heading_id')),
    )
    op.create_table(
        'voting_action',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('session_id', sa.Integer(), nullable=False),
        sa.Column('seq', sa.Integer(), nullable=False),
        sa.Column('action', sa.String(length=20), nullable=False),
        sa.Column('item', sa.String(length=60), nullable=False),
        sa.Column('payload', sa.Text(), nullable=False),
        sa.Column('recorded_by_id', sa.Integer(), nullable=False),
        sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['recorded_by_id'], ['user.id'],
                                name=op.f('fk_voting_action_recorded_by_id_user')),
        sa.ForeignKeyConstraint(['session_id'], ['voting_session.id'],
                                name=op.f('fk_voting_action_session_id_voting_session')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_voting_action')),
        sa.UniqueConstraint('session_id', 'seq', name=op.f('uq_voting_action_session_id')),
    )


def downgrade():
    op.drop_table('voting_action')
    op.drop_table('voting_session')
