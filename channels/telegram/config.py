"""Where the Telegram channel's settings come from: environment variables or files an
operator installs (for secrets: a file is kept out of process listings and shell history).

LOTSE_TELEGRAM_TOKEN            the bot token from @BotFather, or
LOTSE_TELEGRAM_TOKEN_FILE       a file holding it (default: <var>/secrets/telegram.token)
LOTSE_TELEGRAM_WEBHOOK_URL      public https URL Telegram posts updates to (webhook mode), i.e.
                                https://<host>/webhooks/telegram/webhook behind a TLS proxy
LOTSE_TELEGRAM_WEBHOOK_SECRET   the secret_token Telegram sends with every update; default:
                                generated once into <var>/secrets/telegram-webhook.secret
LOTSE_TELEGRAM_API_URL          a local Bot API server (https://github.com/tdlib/telegram-bot-api)
LOTSE_TELEGRAM_FILE_URL         and its file URL; tests point both at a fake server
"""

from __future__ import annotations

import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from lotse.settings import Settings, load_settings

DEFAULT_API_URL = "https://api.telegram.org/bot"
DEFAULT_FILE_URL = "https://api.telegram.org/file/bot"
# Telegram allows 1-256 characters A-Z, a-z, 0-9, _ and - in a secret_token.
_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


@dataclass(frozen=True)
class TelegramConfig:
    token: str | None
    webhook_secret: str
    webhook_url: str | None
    api_url: str
    file_url: str

    @property
    def enabled(self) -> bool:
        return bool(self.token)


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def _env(name: str) -> str | None:
    return os.environ.get(name, "").strip() or None


def _webhook_secret(settings: Settings) -> str:
    configured = _env("LOTSE_TELEGRAM_WEBHOOK_SECRET")
    if configured:
        if not _SECRET.match(configured):
            raise ValueError("LOTSE_TELEGRAM_WEBHOOK_SECRET: 1-256 of A-Z a-z 0-9 _ -")
        return configured
    path = settings.var_dir / "secrets" / "telegram-webhook.secret"
    existing = _read(path)
    if existing and _SECRET.match(existing):
        return existing
    path.parent.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(32)
    # Written atomically with owner-only rights: every process of one installation shares it.
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(value)
    try:
        os.link(tmp, path)  # first writer wins when two processes start together
    except FileExistsError:
        value = _read(path) or value
    finally:
        tmp.unlink(missing_ok=True)
    return value


def load_config(settings: Settings | None = None) -> TelegramConfig:
    settings = settings or load_settings()
    token_file = Path(_env("LOTSE_TELEGRAM_TOKEN_FILE")
                      or settings.var_dir / "secrets" / "telegram.token")
    token = _env("LOTSE_TELEGRAM_TOKEN") or _read(token_file)
    return TelegramConfig(
        token=token,
        webhook_secret=_webhook_secret(settings) if token else "",
        webhook_url=_env("LOTSE_TELEGRAM_WEBHOOK_URL"),
        api_url=_env("LOTSE_TELEGRAM_API_URL") or DEFAULT_API_URL,
        file_url=_env("LOTSE_TELEGRAM_FILE_URL") or DEFAULT_FILE_URL,
    )
