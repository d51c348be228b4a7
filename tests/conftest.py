"""Session-wide fixtures: one configured environment, one trained model, one running stack."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lotse.settings import PROJECT_ROOT, Settings, load_settings
from tests.helpers.chat import Chat
from tests.helpers.databases import fresh_database
from tests.helpers.ports import free_port

# Few epochs keep training at about two minutes; the model is cached by fingerprint.
TEST_EPOCHS = 40
TEST_MODEL_DIR = PROJECT_ROOT / "var" / "test-models"


@pytest.fixture(scope="session")
def telegram_api():
    """The fake Telegram Bot API server the session's Telegram channel talks to."""
    from tests.helpers.telegram_bot_api import FakeBotApi

    with FakeBotApi() as fake:
        yield fake


@pytest.fixture(scope="session")
def lotse_env(tmp_path_factory: pytest.TempPathFactory, telegram_api) -> Settings:
    from storage.database import migrate
    from storage.encryption import generate_key, set_cipher, write_key_file

    var = tmp_path_factory.mktemp("lotse-var")
    os.environ.update({
        "LOTSE_VAR_DIR": str(var),
        "LOTSE_DATABASE_URL": f"sqlite:///{var / 'lotse.db'}",
        "LOTSE_DATA_KEY_FILE": str(var / "secrets" / "data.key"),
        "LOTSE_RASA_PORT": str(free_port()),
        "LOTSE_ACTIONS_PORT": str(free_port()),
        "LOTSE_PORTAL_PORT": str(free_port()),
        "LOTSE_DEFAULT_ORGANISATION": "default",
        # only the translation packages the tests install, never what this machine has
        "LOTSE_TRANSLATION_DIR": str(var / "translation-packages"),
        "ARGOS_PACKAGES_DIR": str(var / "argos-packages"),
        # the Telegram channel talks to the fake Bot API server, never to Telegram
        "LOTSE_TELEGRAM_TOKEN": telegram_api.token,
        "LOTSE_TELEGRAM_API_URL": telegram_api.base_url,
        "LOTSE_TELEGRAM_FILE_URL": telegram_api.base_file_url,
        # parity tests and evaluation tools talk to the stock REST channel (loopback only)
        "LOTSE_REST_CHANNEL": "on",
        # the fake Telegram delivers a whole conversation in seconds, faster than a person
        "LOTSE_RATE_CONVERSATION": "600/60",
        # an embedding site whose new conversations belong to an organisation (security tests)
        "LOTSE_WIDGET_ORGANISATIONS": "https://sozialamt.example=sec-origin",
    })
    for name in ("LOTSE_DATA_KEYS", "LOTSE_REDIS_URL", "LOTSE_TELEGRAM_TOKEN_FILE",
                 "LOTSE_TELEGRAM_WEBHOOK_URL", "LOTSE_TELEGRAM_WEBHOOK_SECRET"):
        os.environ.pop(name, None)
    settings = load_settings()
    write_key_file(settings.data_key_file, [generate_key()])
    set_cipher(None)
    migrate(settings.database_url)
    install_translation_fixtures()
    return settings


# Tiny random-weight packages (tests/fixtures/translation): Arabic and Ukrainian answers get a
# German "translation" through English, so the whole path runs; the text itself is noise.
TRANSLATION_FIXTURES = PROJECT_ROOT / "tests" / "fixtures" / "translation"
TEST_TRANSLATION_PAIRS = ("ar_en", "uk_en", "en_de")


def install_translation_fixtures() -> None:
    from translation import install

    for pair in TEST_TRANSLATION_PAIRS:
        install(TRANSLATION_FIXTURES / f"translate-{pair}-1_0.argosmodel")


@pytest.fixture(scope="session")
def trained_model() -> Path:
    from lotse.training import train

    return train(TEST_MODEL_DIR, epochs=TEST_EPOCHS)


@pytest.fixture(scope="session")
def occupation_index(lotse_env: Settings) -> Path:
    """The occupation search index in the session's var dir (minutes to build; seeded from the
    copy an earlier session kept under var/test-models)."""
    from tests.helpers.occupation_index import ensure_index

    return ensure_index(lotse_env.var_dir)


@pytest.fixture(scope="session")
def stack(lotse_env: Settings, trained_model: Path, occupation_index: Path):
    from lotse.supervisor import Stack

    running = Stack(settings=lotse_env, model=trained_model, with_portal=True)
    running.start()
    yield running
    running.stop()


@pytest.fixture
def chat(stack) -> Chat:
    return Chat(stack.settings.rasa_url)


@pytest.fixture
def repository(lotse_env: Settings):
    from storage.profiles import ProfileRepository

    return ProfileRepository(lotse_env.database_url)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path, lotse_env: Settings):
    """A fresh migrated database of each kind (real SQLite file, real PostgreSQL)."""
    with fresh_database(request.param, tmp_path) as url:
        yield url
