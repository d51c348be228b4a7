"""Helpers for translation tests: the fixture packages, rebuilt variants of them, a local
HTTP server, a real Redis with a unique key prefix."""

from __future__ import annotations

import functools
import http.server
import json
import threading
import uuid
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from lotse.settings import PROJECT_ROOT

FIXTURES = PROJECT_ROOT / "tests" / "fixtures" / "translation"
DATA = Path(__file__).with_name("data")
REDIS_URL = "redis://127.0.0.1:6379/0"


def fixture_packages() -> list[dict]:
    return json.loads((FIXTURES / "fixtures.json").read_text())["packages"]


def fixture_file(pair: str) -> Path:
    """The packaged archive for a pair such as "ar_en"."""
    (entry,) = [p for p in fixture_packages() if f"{p['from_code']}_{p['to_code']}" == pair]
    return FIXTURES / entry["file"]


def rebuild(source: Path, destination: Path,
            change: Callable[[str, bytes], tuple[str, bytes] | None]) -> Path:
    """Copy an archive member by member; `change(name, data)` returns the new (name, data) or
    None to leave the member out."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(destination, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.is_dir():
                continue
            changed = change(info.filename, old.read(info))
            if changed is not None:
                new.writestr(changed[0], changed[1])
    return destination


def with_metadata(source: Path, destination: Path, **updates: object) -> Path:
    def change(name: str, data: bytes) -> tuple[str, bytes]:
        if name.endswith("/metadata.json"):
            return name, json.dumps({**json.loads(data), **updates}).encode()
        return name, data

    return rebuild(source, destination, change)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextmanager
def serve_directory(directory: Path) -> Iterator[str]:
    """A real HTTP server on a free local port serving `directory`; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def unique_prefix() -> str:
    return f"lotse-test-mt-{uuid.uuid4().hex}:"


def delete_prefix(prefix: str) -> None:
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(match=f"{prefix}*"))
    if keys:
        client.delete(*keys)


def unused_port() -> int:
    from tests.helpers.ports import free_port

    return free_port()
