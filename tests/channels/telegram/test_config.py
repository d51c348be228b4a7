"""Where the Telegram settings come from: environment, files, a generated webhook secret."""

from __future__ import annotations

import dataclasses

import pytest

from channels.telegram.config import DEFAULT_API_URL, load_config
from lotse.settings import load_settings

VARIABLES = ("LOTSE_TELEGRAM_TOKEN", "LOTSE_TELEGRAM_TOKEN_FILE", "LOTSE_TELEGRAM_WEBHOOK_URL",
             "LOTSE_TELEGRAM_WEBHOOK_SECRET", "LOTSE_TELEGRAM_API_URL", "LOTSE_TELEGRAM_FILE_URL")


@pytest.fixture
def settings(tmp_path, monkeypatch):
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    return dataclasses.replace(load_settings(), var_dir=tmp_path)


def test_off_without_a_token(settings):
    config = load_config(settings)
    assert not config.enabled and config.api_url == DEFAULT_API_URL
    assert not (settings.var_dir / "secrets" / "telegram-webhook.secret").exists()


def test_token_from_the_environment_and_a_generated_secret_kept(settings, monkeypatch):
    monkeypatch.setenv("LOTSE_TELEGRAM_TOKEN", "123:abc")
    first = load_config(settings)
    assert first.enabled and first.token == "123:abc" and len(first.webhook_secret) >= 32
    secret_file = settings.var_dir / "secrets" / "telegram-webhook.secret"
    assert oct(secret_file.stat().st_mode & 0o777) == "0o600"
    assert load_config(settings).webhook_secret == first.webhook_secret


def test_token_from_a_file(settings, monkeypatch, tmp_path):
    token_file = tmp_path / "bot.token"
    token_file.write_text("456:def\n", encoding="utf-8")
    monkeypatch.setenv("LOTSE_TELEGRAM_TOKEN_FILE", str(token_file))
    assert load_config(settings).token == "456:def"


def test_default_token_file_in_var(settings):
    (settings.var_dir / "secrets").mkdir(parents=True)
    (settings.var_dir / "secrets" / "telegram.token").write_text("789:ghi", encoding="utf-8")
    assert load_config(settings).token == "789:ghi"


def test_a_configured_secret_must_be_valid_for_telegram(settings, monkeypatch):
    monkeypatch.setenv("LOTSE_TELEGRAM_TOKEN", "123:abc")
    monkeypatch.setenv("LOTSE_TELEGRAM_WEBHOOK_SECRET", "has spaces!")
    with pytest.raises(ValueError, match="WEBHOOK_SECRET"):
        load_config(settings)
