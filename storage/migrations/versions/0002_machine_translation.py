"""Answers keep a German machine translation for caseworkers, labelled with its model.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # batch mode: SQLite cannot add several columns in one ALTER
    with op.batch_alter_table("profile_fields") as batch:
        batch.add_column(sa.Column("language_confidence", sa.Float))
        batch.add_column(sa.Column("translation_text", sa.Text))  # encrypted like original_text
        batch.add_column(sa.Column("translation_language", sa.String(8)))
        batch.add_column(sa.Column("translation_model", sa.String(200)))
        batch.add_column(sa.Column("translation_model_version", sa.String(64)))
        batch.add_column(sa.Column("translated_at", sa.DateTime))


def downgrade() -> None:
    with op.batch_alter_table("profile_fields") as batch:
        for column in ("translated_at", "translation_model_version", "translation_model",
                       "translation_language", "translation_text", "language_confidence"):
            batch.drop_column(column)
