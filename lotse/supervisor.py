"""Start and stop the product's processes: action server, Rasa server, portal.

Used by `lotse run` and by the test suite, so tests run the very set-up users run.

No secret is ever on a command line (readable by every local user through `ps`): the action
server's shared secret and, when a benchmark asks for it, Rasa's API token are written into
the owner-only run directory and read from there by our launchers (bot/action_server.py,
lotse/rasa_server.py). Every child starts with umask 077 so what it writes under var/ is
owner-only.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from lotse.settings import PROJECT_ROOT, Settings
from lotse.training import rasa_env


@dataclass
class Service:
    name: str
    command: list[str]
    ready_url: str | None  # None: ready once it keeps running (a client, no server)
    log_path: Path
    process: subprocess.Popen | None = None


@dataclass
class Stack:
    settings: Settings
    model: Path
    with_portal: bool = True
    telegram_polling: bool = False
    # Rasa's HTTP API (/model/parse, /conversations/...) stays off unless a caller needs it
    # (the turn-latency benchmark); its token then goes through an owner-only file.
    enable_api: bool = False
    api_token: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    action_secret: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    services: list[Service] = field(default_factory=list)

    @property
    def run_dir(self) -> Path:
        return self.settings.var_dir / "run"

    @property
    def telegram_enabled(self) -> bool:
        from channels.telegram.config import load_config

        return load_config(self.settings).enabled

    @property
    def action_secret_file(self) -> Path:
        return self.run_dir / "action-server.secret"

    @property
    def api_token_file(self) -> Path:
        return self.run_dir / "rasa-api.token"

    def _write_secrets(self) -> None:
        """This run's secrets, each in a file only the owner can read."""
        self.run_dir.mkdir(parents=True, exist_ok=True)
        os.chmod(self.run_dir, 0o700)
        write_private(self.action_secret_file, self.action_secret)
        if self.enable_api:
            write_private(self.api_token_file, self.api_token)
        else:
            self.api_token_file.unlink(missing_ok=True)

    def _write_endpoints(self) -> tuple[Path, Path]:
        from bot.action_server import SECRET_HEADER

        self._write_secrets()
        endpoints = self.run_dir / "endpoints.yml"
        write_private(endpoints, yaml.safe_dump({
            "action_endpoint": {"url": self.settings.action_server_url,
                                "headers": {SECRET_HEADER: self.action_secret}},
            "tracker_store": {
                "type": "storage.tracker_store.EncryptedSQLTrackerStore",
                "database_url": self.settings.database_url,
            },
        }))
        credentials = self.run_dir / "credentials.yml"
        channels = {"channels.web.WebChatInput": None}
        # Rasa's REST channel lets a caller name any sender: for local tools only, when asked
        # for (channels/rest.py answers loopback clients only).
        if os.environ.get("LOTSE_REST_CHANNEL", "").strip().lower() == "on":
            channels["channels.rest.LocalRestInput"] = None
        if self.telegram_enabled:
            channels["channels.telegram.TelegramInput"] = None  # reads channels/telegram/config.py
        credentials.write_text(yaml.safe_dump(channels), encoding="utf-8")
        return endpoints, credentials

    def _env(self) -> dict[str, str]:
        env = rasa_env()
        s = self.settings
        env.update({
            "LOTSE_VAR_DIR": str(s.var_dir), "LOTSE_DATABASE_URL": s.database_url,
            "LOTSE_DATA_KEY_FILE": str(s.data_key_file), "LOTSE_RASA_PORT": str(s.rasa_port),
            "LOTSE_ACTIONS_PORT": str(s.actions_port), "LOTSE_PORTAL_PORT": str(s.portal_port),
            "LOTSE_HOST": s.host, "LOTSE_DEFAULT_ORGANISATION": s.default_organisation,
            "PYTHONPATH": str(PROJECT_ROOT),
            # rasa_sdk binds to SANIC_HOST (default 0.0.0.0): keep the action server local.
            "SANIC_HOST": s.host,
            "LOTSE_ACTIONS_WARM_UP": "1",
            # paths, not secrets: the files are owner-only
            "LOTSE_ACTION_SECRET_FILE": str(self.action_secret_file),
        })
        if self.enable_api:
            env["LOTSE_RASA_API_TOKEN_FILE"] = str(self.api_token_file)
        return env

    def plan(self) -> list[Service]:
        s = self.settings
        bin_dir = Path(sys.executable).parent
        logs = s.var_dir / "log"
        endpoints, credentials = self._write_endpoints()
        services = [
            Service("actions", [sys.executable, "-m", "bot.action_server", "--actions",
                                "bot.actions", "--port", str(s.actions_port)],
                    f"http://{s.host}:{s.actions_port}/health", logs / "actions.log"),
            Service("rasa", [sys.executable, "-m", "lotse.rasa_server", "run",
                             "--model", str(self.model),
                             "--endpoints", str(endpoints), "--credentials", str(credentials),
                             "--interface", s.host, "--port", str(s.rasa_port)],
                    f"http://{s.host}:{s.rasa_port}/webhooks/web/", logs / "rasa.log"),
        ]
        if self.telegram_polling:
            services.append(Service("telegram-poller", [str(bin_dir / "lotse"), "telegram-poll"],
                                    None, logs / "telegram-poller.log"))
        if self.with_portal:
            services.append(Service("portal", [str(bin_dir / "lotse"), "serve-portal"],
                                    f"http://{s.host}:{s.portal_port}/portal/login",
                                    logs / "portal.log"))
        return services

    def start(self, timeout: float = 600.0) -> None:
        # generous: on a loaded two-core machine Rasa alone needs minutes to load its model
        self.services = self.plan()
        make_private(self.settings.var_dir)  # after plan(): the files it wrote are included
        env = self._env()
        for service in self.services:
            service.process = self._spawn(service, env)
        deadline = time.monotonic() + timeout
        for service in self.services:
            self._wait_ready(service, deadline)

    def restart(self, name: str, timeout: float = 240.0) -> None:
        """Stop one service and start it again (a server restart as users would see it)."""
        service = next(s for s in self.services if s.name == name)
        if service.process and service.process.poll() is None:
            os.killpg(service.process.pid, signal.SIGTERM)
            try:
                service.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(service.process.pid, signal.SIGKILL)
                service.process.wait()
        service.process = self._spawn(service, self._env())
        self._wait_ready(service, time.monotonic() + timeout)

    @staticmethod
    def _spawn(service: Service, env: dict[str, str]) -> subprocess.Popen:
        service.log_path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(service.log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "ab") as log:
            # A session of its own: Ctrl-C reaches only the supervisor, which stops the
            # services in order instead of leaving half of them running.
            return subprocess.Popen(service.command, stdout=log, stderr=log, env=env,
                                    cwd=PROJECT_ROOT, start_new_session=True, umask=0o077)

    def _wait_ready(self, service: Service, deadline: float) -> None:
        if service.ready_url is None:
            time.sleep(2)
            if service.process.poll() is not None:
                self.stop()
                raise RuntimeError(f"{service.name} exited during start-up; see {service.log_path}:\n"
                                   + tail(service.log_path))
            return
        while time.monotonic() < deadline:
            if service.process.poll() is not None:
                self.stop()
                raise RuntimeError(f"{service.name} exited during start-up; see {service.log_path}:\n"
                                   + tail(service.log_path))
            try:
                with urllib.request.urlopen(service.ready_url, timeout=2):  # noqa: S310 - localhost
                    return
            except (urllib.error.URLError, OSError):
                time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"{service.name} not ready in time; see {service.log_path}")

    def dead(self) -> list[Service]:
        return [s for s in self.services if s.process and s.process.poll() is not None]

    def stop(self, grace: float = 15.0) -> None:
        for service in reversed(self.services):
            if service.process and service.process.poll() is None:
                os.killpg(service.process.pid, signal.SIGTERM)
        deadline = time.monotonic() + grace
        for service in self.services:
            if service.process is None:
                continue
            try:
                service.process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(service.process.pid, signal.SIGKILL)
                service.process.wait()


def write_private(path: Path, text: str) -> None:
    """Write `text` to a file only the owner can read, also when it existed with looser modes."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)


def make_private(root: Path) -> None:
    """Take group and other access away from everything under `root` (files of earlier
    versions, or made by hand); symlinks are left alone."""
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    for path in [root, *root.rglob("*")]:
        try:
            if path.is_symlink():
                continue
            mode = path.stat().st_mode & 0o7777
            if mode & 0o077:
                os.chmod(path, mode & 0o700)
        except FileNotFoundError:  # removed meanwhile (a SQLite journal)
            continue


def free_port() -> int:
    """A TCP port on the loopback interface that nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return ""
