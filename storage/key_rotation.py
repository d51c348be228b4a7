"""Key rotation: every encrypted value is re-encrypted with a new key, then old keys go.

Steps (each safe to repeat if interrupted): 1. the key file gets the new key in front of
the old ones, so both decrypt; 2. every encrypted column (profile answers, the encrypted
conversation events) is re-encrypted with the new key; 3. the old keys are removed.
"""

from __future__ import annotations

import os
from pathlib import Path

import sqlalchemy as sa

from storage.database import engine_for
from storage.encryption import Cipher, generate_key, read_keys, set_cipher, write_key_file

# (table, primary key, encrypted columns)
ENCRYPTED_COLUMNS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("profile_fields", "id", ("original_text", "value", "translation_text")),
    ("events", "id", ("data",)),  # Rasa's tracker store, see storage/tracker_store.py
    ("kb_unanswered_questions", "id", ("text",)),  # questions the knowledge base could not answer
    ("documents", "id", ("filename", "content")),  # the document mailbox
)


def reencrypt_all(database_url: str, cipher: Cipher) -> int:
    engine = engine_for(database_url)
    inspector = sa.inspect(engine)
    count = 0
    with engine.begin() as connection:
        for table, key, columns in ENCRYPTED_COLUMNS:
            if not inspector.has_table(table):
                continue
            # Row by row: a table of documents does not fit in memory at once.
            keys = connection.execute(sa.text(f"SELECT {key} FROM {table}")).scalars().all()  # noqa: S608
            for pk in keys:
                row = connection.execute(
                    sa.text(f"SELECT {key}, {', '.join(columns)} FROM {table} WHERE {key} = :pk"),  # noqa: S608
                    {"pk": pk},
                ).one()
                values = {c: cipher.rotate(row[i + 1]) for i, c in enumerate(columns)
                          if row[i + 1] is not None}
                if not values:
                    continue
                assignments = ", ".join(f"{c} = :{c}" for c in values)
                connection.execute(
                    sa.text(f"UPDATE {table} SET {assignments} WHERE {key} = :pk"),  # noqa: S608
                    {**values, "pk": row[0]},
                )
                count += len(values)
    return count


def rotate_key_file(key_file: Path, database_url: str) -> int:
    """Rotate the keys kept in `key_file`; returns how many values were re-encrypted."""
    if os.environ.get("LOTSE_DATA_KEYS", "").strip():
        raise RuntimeError("keys come from LOTSE_DATA_KEYS: rotate them there (see README)")
    old_keys = read_keys(key_file)
    new_key = generate_key()
    write_key_file(key_file, [new_key, *old_keys])
    cipher = Cipher([new_key, *old_keys])
    set_cipher(cipher)
    count = reencrypt_all(database_url, cipher)
    write_key_file(key_file, [new_key])
    set_cipher(Cipher([new_key]))
    return count
