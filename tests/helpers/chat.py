"""A chat client for the web channel's webhook, as the web page and tests use it."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
import uuid
from typing import Any

from dialogues import catalogue


class Chat:
    def __init__(self, base_url: str, sender: str | None = None, metadata: dict | None = None,
                 channel: str = "web"):
        self.url = f"{base_url}/webhooks/{channel}/webhook"
        self.channel = channel
        self.sender = sender or f"test-{uuid.uuid4().hex}"
        self.metadata = metadata or {}
        self.transcript: list[tuple[str, list[dict[str, Any]]]] = []

    def send(self, message: str) -> list[dict[str, Any]]:
        body = json.dumps({"sender": self.sender, "message": message,
                           "metadata": self.metadata}).encode()
        request = urllib.request.Request(self.url, data=body,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            replies = json.load(response)
        self.transcript.append((message, replies))
        return replies

    def dump(self) -> str:
        lines = []
        for message, replies in self.transcript:
            lines.append(f">> {message[:80]}")
            lines.extend(f"   [{r.get('lang')}] {r.get('text', '')[:160]!r}" for r in replies)
        return "\n".join(lines)


def template_pattern(lang: str, key: str) -> re.Pattern[str]:
    """A regex matching the catalogue text `key` in `lang` with any placeholder values."""
    parts = re.split(r"\{[a-z_]+\}", catalogue.text(lang, key))
    return re.compile("(?s)" + ".+?".join(re.escape(p) for p in parts))


def said(replies: list[dict[str, Any]], lang: str, key: str) -> bool:
    pattern = template_pattern(lang, key)
    return any(pattern.search(r.get("text", "")) for r in replies)


def post_raw(url: str, body: bytes, content_type: str = "application/json") -> tuple[int, str]:
    request = urllib.request.Request(url, data=body, headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode()
