"""Initial schema: cities, committees, users, grant years, allocations, uploads, review runs,
findings, decisions, audit log and app settings.

Revision ID: 0001
Revises:
Create Date: 2026-11-22 08:53:08.545826
"""
import sqlalchemy as sa
from alembic import op

import compliance.web.db.types

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('app_settings',
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_app_settings'))
    )
    op.create_table('cities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cities')),
    sa.UniqueConstraint('name', name=op.f('uq_cities_name'))
    )
    op.create_table('grant_years',
    sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('programme', sa.Text(), nullable=False),
    sa.Column('directions', sa.String(length=80), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('requisition_deadline', sa.Date(), nullable=True),
    sa.Column('report_deadline', sa.Date(), nullable=False),
    sa.PrimaryKeyConstraint('year', name=op.f('pk_grant_years'))
    )
    op.create_table('committees',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('city_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.ForeignKeyConstraint(['city_id'], ['cities.id'], name=op.f('fk_committees_city_id_cities')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_committees')),
    sa.UniqueConstraint('city_id', 'name', name=op.f('uq_committees_city_id'))
    )
    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=80), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('city_id', sa.Integer(), nullable=False),
    sa.Column('committee_id', sa.Integer(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', compliance.web.db.types.UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['city_id'], ['cities.id'], name=op.f('fk_users_city_id_cities')),
    sa.ForeignKeyConstraint(['committee_id'], ['committees.id'], name=op.f('fk_users_committee_id_committees')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('username', name=op.f('uq_users_username'))
    )
    op.create_table('allocations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('city_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('key', sa.Text(), nullable=True),
    sa.Column('requisitioned', compliance.web.db.types.Money(), nullable=True),
    sa.Column('printed_total', compliance.web.db.types.Money(), nullable=True),
    sa.Column('source', sa.JSON(), nullable=True),
    sa.Column('file_name', sa.String(length=255), nullable=False),
    sa.Column('created_at', compliance.web.db.types.UtcDateTime(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['city_id'], ['cities.id'], name=op.f('fk_allocations_city_id_cities')),
    sa.ForeignKeyConstraint(['created_by'], ['users.id'], name=op.f('fk_allocations_created_by_users')),
    sa.ForeignKeyConstraint(['year'], ['grant_years.year'], name=op.f('fk_allocations_year_grant_years')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_allocations')),
    sa.UniqueConstraint('city_id', 'year', name=op.f('uq_allocations_city_id'))
    )
    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', compliance.web.db.types.UtcDateTime(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.String(length=64), nullable=True),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_audit_log_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    op.create_table('uploads',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('committee_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('file_name', sa.String(length=255), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('submitted', sa.Date(), nullable=True),
    sa.Column('uploaded_by', sa.Integer(), nullable=False),
    sa.Column('uploaded_at', compliance.web.db.types.UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['committee_id'], ['committees.id'], name=op.f('fk_uploads_committee_id_committees')),
    sa.ForeignKeyConstraint(['uploaded_by'], ['users.id'], name=op.f('fk_uploads_uploaded_by_users')),
    sa.ForeignKeyConstraint(['year'], ['grant_years.year'], name=op.f('fk_uploads_year_grant_years')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_uploads'))
    )
    with op.batch_alter_table('uploads', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_uploads_committee_id'), ['committee_id'], unique=False)

    op.create_table('allocation_shares',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('allocation_id', sa.Integer(), nullable=False),
    sa.Column('committee_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('amount', compliance.web.db.types.Money(), nullable=False),
    sa.ForeignKeyConstraint(['allocation_id'], ['allocations.id'], name=op.f('fk_allocation_shares_allocation_id_allocations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['committee_id'], ['committees.id'], name=op.f('fk_allocation_shares_committee_id_committees')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_allocation_shares')),
    sa.UniqueConstraint('allocation_id', 'committee_id', name=op.f('uq_allocation_shares_allocation_id'))
    )
    op.create_table('decisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('upload_id', sa.Integer(), nullable=False),
    sa.Column('scope', sa.String(length=16), nullable=False),
    sa.Column('district', sa.String(length=120), nullable=True),
    sa.Column('line_ref', sa.String(length=255), nullable=True),
    sa.Column('rule', sa.String(length=80), nullable=False),
    sa.Column('verdict', sa.String(length=8), nullable=False),
    sa.Column('motivation', sa.Text(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('decided_at', compliance.web.db.types.UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['upload_id'], ['uploads.id'], name=op.f('fk_decisions_upload_id_uploads')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_decisions_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decisions'))
    )
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decisions_upload_id'), ['upload_id'], unique=False)

    op.create_table('review_runs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('upload_id', sa.Integer(), nullable=False),
    sa.Column('rules_version', sa.String(length=64), nullable=False),
    sa.Column('reason', sa.String(length=16), nullable=False),
    sa.Column('created_at', compliance.web.db.types.UtcDateTime(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=False),
    sa.Column('result', sa.JSON(), nullable=False),
    sa.Column('allocated', compliance.web.db.types.Money(), nullable=False),
    sa.Column('spent', compliance.web.db.types.Money(), nullable=False),
    sa.Column('eligible', compliance.web.db.types.Money(), nullable=False),
    sa.Column('at_risk', compliance.web.db.types.Money(), nullable=False),
    sa.Column('unspent', compliance.web.db.types.Money(), nullable=False),
    sa.Column('repayment_risk', compliance.web.db.types.Money(), nullable=False),
    sa.Column('undecided', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['created_by'], ['users.id'], name=op.f('fk_review_runs_created_by_users')),
    sa.ForeignKeyConstraint(['upload_id'], ['uploads.id'], name=op.f('fk_review_runs_upload_id_uploads')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_runs'))
    )
    with op.batch_alter_table('review_runs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_runs_upload_id'), ['upload_id'], unique=False)

    op.create_table('findings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('rule', sa.String(length=80), nullable=False),
    sa.Column('rule_version', sa.String(length=32), nullable=True),
    sa.Column('severity', sa.String(length=24), nullable=False),
    sa.Column('scope', sa.String(length=16), nullable=False),
    sa.Column('district', sa.String(length=120), nullable=True),
    sa.Column('line_ref', sa.String(length=255), nullable=True),
    sa.Column('amount_at_risk', compliance.web.db.types.Money(), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('verdict', sa.String(length=8), nullable=True),
    sa.ForeignKeyConstraint(['run_id'], ['review_runs.id'], name=op.f('fk_findings_run_id_review_runs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_findings'))
    )
    with op.batch_alter_table('findings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_findings_run_id'), ['run_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('findings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_findings_run_id'))

    op.drop_table('findings')
    with op.batch_alter_table('review_runs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_runs_upload_id'))

    op.drop_table('review_runs')
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decisions_upload_id'))

    op.drop_table('decisions')
    op.drop_table('allocation_shares')
    with op.batch_alter_table('uploads', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_uploads_committee_id'))

    op.drop_table('uploads')
    op.drop_table('audit_log')
    op.drop_table('allocations')
    op.drop_table('users')
    op.drop_table('committees')
    op.drop_table('grant_years')
    op.drop_table('cities')
    op.drop_table('app_settings')
