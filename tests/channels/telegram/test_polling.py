"""Long polling: updates fetched with getUpdates reach the webhook with the secret token,
and are confirmed only once the webhook took them (no stack needed: a local receiver)."""

from __future__ import annotations

import asyncio
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from channels.telegram import polling
from channels.telegram.config import TelegramConfig
from channels.telegram.input_channel import SECRET_HEADER
from tests.helpers.telegram_bot_api import FakeBotApi


class Receiver:
    """A stand-in webhook: records bodies and headers; answers what `statuses` says."""

    def __init__(self) -> None:
        self.received: list[tuple[dict, str | None]] = []
        self.statuses: list[int] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                receiver.received.append((json.loads(body), self.headers.get(SECRET_HEADER)))
                self.send_response(status)
                self.end_headers()

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/webhooks/telegram/webhook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


def test_updates_are_forwarded_with_the_secret_and_confirmed_after(monkeypatch):
    monkeypatch.setattr(polling, "POLL_TIMEOUT", 1)
    receiver = Receiver()
    receiver.statuses = [503]  # the Rasa server is restarting: the first update is retried
    with FakeBotApi() as fake:
        fake.webhook = {"url": "https://old.example.org/hook"}  # polling removes a webhook
        config = TelegramConfig(token=fake.token, webhook_secret="poll-secret", webhook_url=None,
                                api_url=fake.base_url, file_url=fake.base_file_url)
        first = fake.text_update(11, "Hallo")
        malformed = {"update_id": first["update_id"] + 1, "message": "kaputt"}
        fake.push(first)
        fake.push(malformed)
        fake.push(fake.text_update(11, "Zweite Nachricht"))

        async def run() -> None:
            stop = asyncio.Event()
            task = asyncio.create_task(polling.poll(config, receiver.url, stop=stop))
            for _ in range(200):
                await asyncio.sleep(0.05)
                if len(receiver.received) >= 4 and not fake.pending():
                    break
            stop.set()
            await asyncio.wait_for(task, timeout=10)

        asyncio.run(run())
        texts = [body.get("message", {}).get("text") if isinstance(body.get("message"), dict)
                 else body.get("message") for body, _ in receiver.received]
        assert texts == ["Hallo", "Hallo", "kaputt", "Zweite Nachricht"]
        assert {secret for _, secret in receiver.received} == {"poll-secret"}
        assert fake.pending() == []  # all confirmed by the offset
        assert fake.webhook is None
        assert fake.commands  # the command menu was registered too
    receiver.server.shutdown()
