import sqlalchemy as sa
from alembic import command

from storage.database import alembic_config, engine_for


def test_migrations_reach_head_and_go_back(database_url):
    inspector = sa.inspect(engine_for(database_url))
    assert {"persons", "profile_fields", "consent_records", "users", "audit_log"} <= set(
        inspector.get_table_names())
    command.downgrade(alembic_config(database_url), "base")
    assert "persons" not in sa.inspect(engine_for(database_url)).get_table_names()
    command.upgrade(alembic_config(database_url), "head")
    assert "persons" in sa.inspect(engine_for(database_url)).get_table_names()
