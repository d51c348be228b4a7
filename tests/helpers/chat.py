"""A chat client for the web channel's webhook, as the web page and tests use it."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
import uuid
from typing import Any

from dialogues import catalogue

TOKEN_HEADER = "X-Lotse-Token"  # noqa: S105 - a header name


def web_session(base_url: str, org: str | None = None,
                headers: dict[str, str] | None = None) -> tuple[str, str]:
    """(sender, token) of a new web conversation, as the widget gets them; `org` a signed
    organisation, `headers` e.g. the Origin of an embedding site."""
    body = json.dumps({"org": org} if org else {}).encode()
    request = urllib.request.Request(f"{base_url}/webhooks/web/session", data=body,
                                     headers={"Content-Type": "application/json", **(headers or {})})
    with urllib.request.urlopen(request, timeout=60) as response:
        data = json.load(response)
    return data["sender"], data["token"]


def multipart(fields: dict[str, str],
              files: dict[str, tuple[str, bytes, str]]) -> tuple[bytes, str]:
    """(body, Content-Type) of a multipart/form-data request, as a browser builds it."""
    boundary = f"----lotse{uuid.uuid4().hex}"
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                     .encode() + value.encode() + b"\r\n")
    for name, (filename, data, content_type) in files.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                     f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
                     + data + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


class Chat:
    """A web conversation (the server issues its id and token) or a REST one (`channel="rest"`,
    any sender)."""

    def __init__(self, base_url: str, sender: str | None = None, metadata: dict | None = None,
                 channel: str = "web", org: str | None = None, token: str | None = None):
        self.base_url = base_url
        self.url = f"{base_url}/webhooks/{channel}/webhook"
        self.channel = channel
        self.token = token
        if channel == "web" and sender is None:
            sender, self.token = web_session(base_url, org)
        self.sender = sender or f"test-{uuid.uuid4().hex}"
        self.metadata = metadata or {}
        self.transcript: list[tuple[str, list[dict[str, Any]]]] = []

    @property
    def headers(self) -> dict[str, str]:
        return {TOKEN_HEADER: self.token} if self.token else {}

    def send(self, message: str) -> list[dict[str, Any]]:
        body = json.dumps({"sender": self.sender, "message": message,
                           "metadata": self.metadata}).encode()
        request = urllib.request.Request(self.url, data=body,
                                         headers={"Content-Type": "application/json", **self.headers})
        with urllib.request.urlopen(request, timeout=60) as response:
            replies = json.load(response)
        self.transcript.append((message, replies))
        return replies

    def upload(self, filename: str, data: bytes,
               content_type: str = "application/pdf") -> list[dict[str, Any]]:
        """A file chosen with the widget's attach button (web conversations only)."""
        body, multipart_type = multipart({"sender": self.sender, "metadata": "{}"},
                                         {"file": (filename, data, content_type)})
        request = urllib.request.Request(f"{self.base_url}/webhooks/web/upload", data=body,
                                         headers={"Content-Type": multipart_type, **self.headers})
        with urllib.request.urlopen(request, timeout=60) as response:
            replies = json.load(response)
        self.transcript.append((f"📎 {filename}", replies))
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


def post_raw(url: str, body: bytes, content_type: str = "application/json",
             headers: dict[str, str] | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, data=body, headers={"Content-Type": content_type,
                                                              **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode()
