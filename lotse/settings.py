"""Runtime settings, read from the environment with embedded defaults.

Every process (Rasa server, action server, portal, CLI) reads the same variables, so one
`lotse run` configures them all by exporting its environment to its children.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _env(name: str, default: str) -> str:
    value = os.environ.get(name, "").strip()
    return value or default


def _flag(name: str) -> bool:
    """An on/off variable: on, true, yes or 1 switch it on; anything else leaves it off."""
    return os.environ.get(name, "").strip().lower() in ("on", "true", "yes", "1")


def _list(name: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in os.environ.get(name, "").split(",") if part.strip())


@dataclass(frozen=True)
class Settings:
    var_dir: Path
    database_url: str
    data_key_file: Path
    rasa_port: int
    actions_port: int
    portal_port: int
    host: str
    default_organisation: str
    model_dir: Path
    extra: dict = field(default_factory=dict)
    # The portal is served over TLS (e.g. behind a proxy that terminates it): Secure cookies
    # and Strict-Transport-Security on every response.
    portal_secure_cookies: bool = False
    # Addresses or networks of reverse proxies whose X-Forwarded-For / X-Forwarded-Proto count;
    # from anyone else those headers are ignored (they could say anything).
    portal_trusted_proxies: tuple[str, ...] = ()

    @property
    def action_server_url(self) -> str:
        return f"http://{self.host}:{self.actions_port}/webhook"

    @property
    def rasa_url(self) -> str:
        return f"http://{self.host}:{self.rasa_port}"

    @property
    def portal_url(self) -> str:
        return f"http://{self.host}:{self.portal_port}"

    @property
    def session_key_file(self) -> Path:
        return self.var_dir / "secrets" / "session.key"


def load_settings() -> Settings:
    var_dir = Path(_env("LOTSE_VAR_DIR", str(PROJECT_ROOT / "var"))).resolve()
    return Settings(
        var_dir=var_dir,
        database_url=_env("LOTSE_DATABASE_URL", f"sqlite:///{var_dir / 'lotse.db'}"),
        data_key_file=Path(_env("LOTSE_DATA_KEY_FILE", str(var_dir / "secrets" / "data.key"))),
        rasa_port=int(_env("LOTSE_RASA_PORT", "5005")),
        actions_port=int(_env("LOTSE_ACTIONS_PORT", "5055")),
        portal_port=int(_env("LOTSE_PORTAL_PORT", "8080")),
        host=_env("LOTSE_HOST", "127.0.0.1"),
        default_organisation=_env("LOTSE_DEFAULT_ORGANISATION", "default"),
        model_dir=Path(_env("LOTSE_MODEL_DIR", str(PROJECT_ROOT / "models"))).resolve(),
        portal_secure_cookies=_flag("LOTSE_PORTAL_SECURE_COOKIES"),
        portal_trusted_proxies=_list("LOTSE_PORTAL_TRUSTED_PROXIES"),
    )
