"""initial schema

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('change_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('changed_at', sa.DateTime(), nullable=False),
    sa.Column('actor', sa.String(length=200), nullable=False),
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.String(length=40), nullable=False),
    sa.Column('operation', sa.String(length=10), nullable=False),
    sa.Column('field', sa.String(length=60), nullable=False),
    sa.Column('old_value', sa.Text(), nullable=True),
    sa.Column('new_value', sa.Text(), nullable=True),
    sa.CheckConstraint("operation IN ('insert', 'update', 'delete')", name=op.f('ck_change_log_operation_known')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_change_log'))
    )
    with op.batch_alter_table('change_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_change_log_changed_at'), ['changed_at'], unique=False)
        batch_op.create_index('ix_change_log_entity', ['entity', 'entity_id'], unique=False)

    op.create_table('country',
    sa.Column('code', sa.String(length=2), nullable=False),
    sa.CheckConstraint('length(code) = 2 AND code = upper(code)', name=op.f('ck_country_code_iso2')),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_country'))
    )
    op.create_table('meeting',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('kind', sa.Enum('coordinators', 'senior_officials', 'ministerial', name='meeting_kind', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('place', sa.JSON(), nullable=False),
    sa.Column('titles', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting')),
    sa.UniqueConstraint('code', name=op.f('uq_meeting_code'))
    )
    op.create_table('plan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('adopted', sa.Date(), nullable=True),
    sa.Column('titles', sa.JSON(), nullable=False),
    sa.Column('is_template', sa.Boolean(), nullable=False),
    sa.Column('is_current', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan')),
    sa.UniqueConstraint('code', 'version', name=op.f('uq_plan_code_version'))
    )
    op.create_table('reporting_period',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.CheckConstraint('due_date >= end_date', name=op.f('ck_reporting_period_due_after_end')),
    sa.CheckConstraint('end_date >= start_date', name=op.f('ck_reporting_period_dates_in_order')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reporting_period')),
    sa.UniqueConstraint('code', name=op.f('uq_reporting_period_code'))
    )
    op.create_table('chair_term',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('country_code', sa.String(length=2), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.Column('note', sa.String(length=500), nullable=False),
    sa.CheckConstraint('valid_to IS NULL OR valid_to >= valid_from', name=op.f('ck_chair_term_dates_in_order')),
    sa.ForeignKeyConstraint(['country_code'], ['country.code'], name=op.f('fk_chair_term_country_code_country')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_chair_term'))
    )
    with op.batch_alter_table('chair_term', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_chair_term_country_code'), ['country_code'], unique=False)

    op.create_table('decision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('texts', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_decision_meeting_id_meeting'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decision')),
    sa.UniqueConstraint('meeting_id', 'number', name=op.f('uq_decision_meeting_id_number'))
    )
    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decision_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('membership',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('country_code', sa.String(length=2), nullable=False),
    sa.Column('role', sa.Enum('member', 'observer', 'guest', 'partner_organisation', name='membership_role', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.Column('note', sa.String(length=500), nullable=False),
    sa.CheckConstraint('valid_to IS NULL OR valid_to >= valid_from', name=op.f('ck_membership_dates_in_order')),
    sa.ForeignKeyConstraint(['country_code'], ['country.code'], name=op.f('fk_membership_country_code_country')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_membership'))
    )
    with op.batch_alter_table('membership', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_membership_country_code'), ['country_code'], unique=False)

    op.create_table('objective',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('titles', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_objective_plan_id_plan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_objective')),
    sa.UniqueConstraint('plan_id', 'code', name=op.f('uq_objective_plan_id_code'))
    )
    with op.batch_alter_table('objective', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_objective_plan_id'), ['plan_id'], unique=False)

    op.create_table('plan_code_mapping',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('from_plan_id', sa.Integer(), nullable=False),
    sa.Column('to_plan_id', sa.Integer(), nullable=False),
    sa.Column('level', sa.String(length=10), nullable=False),
    sa.Column('old_code', sa.String(length=20), nullable=False),
    sa.Column('new_code', sa.String(length=20), nullable=True),
    sa.CheckConstraint("level IN ('objective', 'action', 'indicator')", name=op.f('ck_plan_code_mapping_level_known')),
    sa.ForeignKeyConstraint(['from_plan_id'], ['plan.id'], name=op.f('fk_plan_code_mapping_from_plan_id_plan'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['to_plan_id'], ['plan.id'], name=op.f('fk_plan_code_mapping_to_plan_id_plan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_code_mapping')),
    sa.UniqueConstraint('from_plan_id', 'level', 'old_code', name=op.f('uq_plan_code_mapping_from_plan_id_level_old_code'))
    )
    op.create_table('submission',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('country_code', sa.String(length=2), nullable=False),
    sa.Column('period_id', sa.Integer(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('state', sa.Enum('draft', 'approved', 'exported', 'acknowledged', name='submission_state', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('digest', sa.String(length=64), nullable=True),
    sa.Column('file_name', sa.String(length=500), nullable=True),
    sa.Column('exported_at', sa.DateTime(), nullable=True),
    sa.Column('received_at', sa.DateTime(), nullable=True),
    sa.Column('edited_after_export', sa.Boolean(), nullable=False),
    sa.Column('acknowledged_at', sa.DateTime(), nullable=True),
    sa.Column('acknowledgement_note', sa.Text(), nullable=False),
    sa.CheckConstraint('revision >= 1', name=op.f('ck_submission_revision_positive')),
    sa.ForeignKeyConstraint(['country_code'], ['country.code'], name=op.f('fk_submission_country_code_country')),
    sa.ForeignKeyConstraint(['period_id'], ['reporting_period.id'], name=op.f('fk_submission_period_id_reporting_period')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_submission')),
    sa.UniqueConstraint('country_code', 'period_id', 'revision', name=op.f('uq_submission_country_code_period_id_revision'))
    )
    with op.batch_alter_table('submission', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_submission_country_code'), ['country_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_submission_period_id'), ['period_id'], unique=False)

    op.create_table('workspace_profile',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('role', sa.Enum('coordinator', 'secretariat', name='workspace_role', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('country_code', sa.String(length=2), nullable=True),
    sa.Column('coordinator_name', sa.String(length=200), nullable=False),
    sa.Column('ministry', sa.String(length=300), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.Column('language', sa.String(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("role <> 'coordinator' OR country_code IS NOT NULL", name=op.f('ck_workspace_profile_coordinator_country')),
    sa.CheckConstraint('id = 1', name=op.f('ck_workspace_profile_single_row')),
    sa.ForeignKeyConstraint(['country_code'], ['country.code'], name=op.f('fk_workspace_profile_country_code_country')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workspace_profile'))
    )
    op.create_table('action',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('objective_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('titles', sa.JSON(), nullable=False),
    sa.Column('retired', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['objective_id'], ['objective.id'], name=op.f('fk_action_objective_id_objective'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_action')),
    sa.UniqueConstraint('objective_id', 'code', name=op.f('uq_action_objective_id_code'))
    )
    with op.batch_alter_table('action', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_action_objective_id'), ['objective_id'], unique=False)

    op.create_table('decision_follow_up',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('decision_id', sa.Integer(), nullable=False),
    sa.Column('country_code', sa.String(length=2), nullable=False),
    sa.Column('status', sa.Enum('not_started', 'in_progress', 'done', 'not_applicable', name='follow_up_status', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['country_code'], ['country.code'], name=op.f('fk_decision_follow_up_country_code_country')),
    sa.ForeignKeyConstraint(['decision_id'], ['decision.id'], name=op.f('fk_decision_follow_up_decision_id_decision'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decision_follow_up')),
    sa.UniqueConstraint('decision_id', 'country_code', name=op.f('uq_decision_follow_up_decision_id_country_code'))
    )
    with op.batch_alter_table('decision_follow_up', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decision_follow_up_country_code'), ['country_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_decision_follow_up_decision_id'), ['decision_id'], unique=False)

    op.create_table('commitment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('country_code', sa.String(length=2), nullable=False),
    sa.Column('action_id', sa.Integer(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('lead_agency', sa.String(length=300), nullable=False),
    sa.Column('partners', sa.String(length=500), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('priority', sa.Enum('high', 'medium', 'low', name='priority', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('retired', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('end_date IS NULL OR start_date IS NULL OR end_date >= start_date', name=op.f('ck_commitment_dates_in_order')),
    sa.CheckConstraint('length(trim(description)) > 0', name=op.f('ck_commitment_description_required')),
    sa.ForeignKeyConstraint(['action_id'], ['action.id'], name=op.f('fk_commitment_action_id_action')),
    sa.ForeignKeyConstraint(['country_code'], ['country.code'], name=op.f('fk_commitment_country_code_country')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_commitment'))
    )
    with op.batch_alter_table('commitment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_commitment_action_id'), ['action_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_commitment_country_code'), ['country_code'], unique=False)

    op.create_table('indicator',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('action_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('titles', sa.JSON(), nullable=False),
    sa.Column('unit', sa.JSON(), nullable=False),
    sa.Column('kind', sa.Enum('number', 'percent', 'yes_no', 'text', name='indicator_kind', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('baseline', sa.Float(), nullable=True),
    sa.Column('target', sa.Float(), nullable=True),
    sa.Column('direction', sa.Enum('increase', 'decrease', 'maintain', name='indicator_direction', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('retired', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['action_id'], ['action.id'], name=op.f('fk_indicator_action_id_action'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator')),
    sa.UniqueConstraint('action_id', 'code', name=op.f('uq_indicator_action_id_code'))
    )
    with op.batch_alter_table('indicator', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicator_action_id'), ['action_id'], unique=False)

    op.create_table('indicator_value',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.Integer(), nullable=False),
    sa.Column('country_code', sa.String(length=2), nullable=False),
    sa.Column('period_id', sa.Integer(), nullable=False),
    sa.Column('value_number', sa.Float(), nullable=True),
    sa.Column('value_text', sa.Text(), nullable=True),
    sa.Column('source', sa.String(length=500), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['country_code'], ['country.code'], name=op.f('fk_indicator_value_country_code_country')),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicator.id'], name=op.f('fk_indicator_value_indicator_id_indicator'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['period_id'], ['reporting_period.id'], name=op.f('fk_indicator_value_period_id_reporting_period')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator_value')),
    sa.UniqueConstraint('indicator_id', 'country_code', 'period_id', name=op.f('uq_indicator_value_indicator_id_country_code_period_id'))
    )
    with op.batch_alter_table('indicator_value', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicator_value_country_code'), ['country_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_indicator_value_indicator_id'), ['indicator_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_indicator_value_period_id'), ['period_id'], unique=False)

    op.create_table('progress_update',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('commitment_id', sa.Integer(), nullable=False),
    sa.Column('period_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('not_started', 'on_track', 'delayed', 'completed', 'cancelled', name='progress_status', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('percent', sa.Integer(), nullable=True),
    sa.Column('narrative', sa.Text(), nullable=False),
    sa.Column('challenges', sa.Text(), nullable=False),
    sa.Column('support_requested', sa.Text(), nullable=False),
    sa.Column('support_from', sa.String(length=200), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('percent IS NULL OR (percent >= 0 AND percent <= 100)', name=op.f('ck_progress_update_percent_range')),
    sa.ForeignKeyConstraint(['commitment_id'], ['commitment.id'], name=op.f('fk_progress_update_commitment_id_commitment'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['period_id'], ['reporting_period.id'], name=op.f('fk_progress_update_period_id_reporting_period')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_progress_update')),
    sa.UniqueConstraint('commitment_id', 'period_id', name=op.f('uq_progress_update_commitment_id_period_id'))
    )
    with op.batch_alter_table('progress_update', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_progress_update_commitment_id'), ['commitment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_progress_update_period_id'), ['period_id'], unique=False)

    op.create_table('evidence_reference',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('update_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('location', sa.String(length=1000), nullable=False),
    sa.ForeignKeyConstraint(['update_id'], ['progress_update.id'], name=op.f('fk_evidence_reference_update_id_progress_update'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evidence_reference'))
    )
    with op.batch_alter_table('evidence_reference', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evidence_reference_update_id'), ['update_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('evidence_reference', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evidence_reference_update_id'))

    op.drop_table('evidence_reference')
    with op.batch_alter_table('progress_update', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_progress_update_period_id'))
        batch_op.drop_index(batch_op.f('ix_progress_update_commitment_id'))

    op.drop_table('progress_update')
    with op.batch_alter_table('indicator_value', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicator_value_period_id'))
        batch_op.drop_index(batch_op.f('ix_indicator_value_indicator_id'))
        batch_op.drop_index(batch_op.f('ix_indicator_value_country_code'))

    op.drop_table('indicator_value')
    with op.batch_alter_table('indicator', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicator_action_id'))

    op.drop_table('indicator')
    with op.batch_alter_table('commitment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_commitment_country_code'))
        batch_op.drop_index(batch_op.f('ix_commitment_action_id'))

    op.drop_table('commitment')
    with op.batch_alter_table('decision_follow_up', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decision_follow_up_decision_id'))
        batch_op.drop_index(batch_op.f('ix_decision_follow_up_country_code'))

    op.drop_table('decision_follow_up')
    with op.batch_alter_table('action', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_action_objective_id'))

    op.drop_table('action')
    op.drop_table('workspace_profile')
    with op.batch_alter_table('submission', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_submission_period_id'))
        batch_op.drop_index(batch_op.f('ix_submission_country_code'))

    op.drop_table('submission')
    op.drop_table('plan_code_mapping')
    with op.batch_alter_table('objective', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_objective_plan_id'))

    op.drop_table('objective')
    with op.batch_alter_table('membership', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_membership_country_code'))

    op.drop_table('membership')
    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decision_meeting_id'))

    op.drop_table('decision')
    with op.batch_alter_table('chair_term', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_chair_term_country_code'))

    op.drop_table('chair_term')
    op.drop_table('reporting_period')
    op.drop_table('plan')
    op.drop_table('meeting')
    op.drop_table('country')
    with op.batch_alter_table('change_log', schema=None) as batch_op:
        batch_op.drop_index('ix_change_log_entity')
        batch_op.drop_index(batch_op.f('ix_change_log_changed_at'))

    op.drop_table('change_log')
