"""Knowledge base: entries and their translations, unanswered questions, the editors' trail.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "kb_entries",
        sa.Column("id", sa.String(120), primary_key=True),
        sa.Column("category", sa.String(32), nullable=False, index=True),
        sa.Column("region", sa.JSON, nullable=False),
        sa.Column("source_url", sa.Text, nullable=False),
        sa.Column("more_sources", sa.JSON, nullable=False),
        sa.Column("reviewed_at", sa.Date, nullable=False),
        sa.Column("reviewer", sa.String(200), nullable=False),
        sa.Column("valid_from", sa.Date),
        sa.Column("valid_until", sa.Date),
        sa.Column("service", sa.JSON),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "kb_translations",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("entry_id", sa.String(120),
                  sa.ForeignKey("kb_entries.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("questions", sa.JSON, nullable=False),
        sa.Column("answer", sa.Text, nullable=False),
        sa.Column("source_hash", sa.String(16)),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("entry_id", "language", name="uq_kb_translation"),
    )
    op.create_table(
        "kb_unanswered_questions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("asked_at", sa.DateTime, nullable=False, index=True),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("text", sa.Text, nullable=False),  # encrypted: personal data
        sa.Column("person_id", sa.String(36),
                  sa.ForeignKey("persons.id", ondelete="CASCADE"), index=True),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        sa.Column("entry_id", sa.String(120), sa.ForeignKey("kb_entries.id", ondelete="SET NULL")),
        sa.Column("resolved_at", sa.DateTime),
        sa.Column("resolved_by", sa.Integer, sa.ForeignKey("users.id", ondelete="SET NULL")),
        sa.Column("passed_on_at", sa.DateTime),
    )
    op.create_table(
        "kb_changes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime, nullable=False, index=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="SET NULL")),
        sa.Column("username", sa.String(100)),
        sa.Column("entry_id", sa.String(120), index=True),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("diff", sa.JSON),
    )


def downgrade() -> None:
    for table in ("kb_changes", "kb_unanswered_questions", "kb_translations", "kb_entries"):
        op.drop_table(table)
