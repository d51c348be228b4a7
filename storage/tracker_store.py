"""Rasa's SQL tracker store with the conversation encrypted at rest and erasable.

Configured in the endpoints file as ``type: storage.tracker_store.EncryptedSQLTrackerStore``.
Each event's JSON (user text, slot values) is encrypted with the data key. When an action
sets the slot ``erase_conversation`` (data deletion, refused consent), saving the tracker
deletes every stored event of that conversation instead of appending to it.
"""

from __future__ import annotations

import json
import logging
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from storage.database import apply_sqlite_pragmas, purge_sqlite_journal
from storage.encryption import get_cipher
from storage.erasure import ERASE_SLOT

logger = logging.getLogger(__name__)


def _check_sender(sender_id: str) -> None:
    """A sender id the database can hold. Checked before Rasa's session scope, which takes any
    error inside it for a missing database schema and exits the whole server (one request
    with a lone surrogate such as "\\ud800" as sender stopped Rasa)."""
    try:
        str(sender_id).encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError("sender id is no valid Unicode text") from exc


class EncryptedSQLTrackerStore(SQLTrackerStore):
    def __init__(
        self,
        domain: Domain | None = None,
        database_url: str | None = None,
        host: str | None = None,
        event_broker: Any = None,  # noqa: ANN401
        **kwargs: Any,  # noqa: ANN401
    ) -> None:
        from lotse.settings import load_settings

        url = sa.engine.make_url(database_url or load_settings().database_url)
        self._cipher = get_cipher()  # fail at start-up, not at the first message
        super().__init__(
            domain=domain,
            dialect=url.drivername,
            host=url.host,
            port=url.port,
            db=url.database,
            username=url.username,
            password=url.password,
            event_broker=event_broker,
        )
        if self.engine.dialect.name == "sqlite":
            apply_sqlite_pragmas(self.engine)

    async def _retrieve(
        self, sender_id: str, fetch_events_from_all_sessions: bool
    ) -> DialogueStateTracker | None:
        _check_sender(sender_id)
        with self.session_scope() as session:
            rows = self._event_query(
                session, sender_id, fetch_events_from_all_sessions=fetch_events_from_all_sessions
            ).all()
            events = [json.loads(self._cipher.decrypt(row.data)) for row in rows]
        if self.domain and events:
            return DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        return None

    async def save(self, tracker: DialogueStateTracker) -> None:
        if tracker.get_slot(ERASE_SLOT):
            self.erase(tracker.sender_id)
            return
        _check_sender(tracker.sender_id)
        await self.stream_events(tracker)
        with self.session_scope() as session:
            for event in self._additional_events(session, tracker):
                data = event.as_dict()
                session.add(
                    self.SQLEvent(
                        sender_id=tracker.sender_id,
                        type_name=event.type_name,
                        timestamp=data.get("timestamp"),
                        intent_name=data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
                        action_name=data.get("name") if event.type_name != "slot" else None,
                        data=self._cipher.encrypt(json.dumps(data)),
                    )
                )
            session.commit()

    def erase(self, sender_id: str) -> int:
        """Delete every stored event of one conversation; returns how many."""
        _check_sender(sender_id)
        with self.session_scope() as session:
            deleted = session.query(self.SQLEvent).filter(
                self.SQLEvent.sender_id == sender_id
            ).delete(synchronize_session=False)
            session.commit()
        purge_sqlite_journal(self.engine)
        logger.info("erased %d tracker events of one conversation", deleted)
        return deleted

