"""`lotse run`: starts everything on localhost and stops everything on a signal."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from lotse.supervisor import free_port

pytestmark = pytest.mark.server


def _listening(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _open_to_others(root: Path) -> list[str]:
    found = []
    for path in [root, *root.rglob("*")]:
        try:
            if not path.is_symlink() and path.stat().st_mode & 0o077:
                found.append(str(path))
        except FileNotFoundError:  # a SQLite journal that came and went
            continue
    return found


@pytest.mark.parametrize(("stop_signal", "options"), [(signal.SIGINT, []),
                                                     (signal.SIGTERM, ["--telegram-polling"])])
def test_run_serves_chat_and_portal_and_stops_cleanly(lotse_env, trained_model: Path, occupation_index,
                                                      tmp_path,
                                                      telegram_api, stop_signal, options):
    ports = {"LOTSE_RASA_PORT": free_port(), "LOTSE_ACTIONS_PORT": free_port(),
             "LOTSE_PORTAL_PORT": free_port()}
    env = {**os.environ, **{k: str(v) for k, v in ports.items()},
           "LOTSE_MODEL_DIR": str(trained_model.parent)}
    # the test model's fingerprint includes its epochs; point run at a copy under the
    # default-config name so `lotse run` finds it instead of training
    from lotse.training import model_path
    target = model_path(tmp_path / "models")
    target.parent.mkdir()
    os.symlink(trained_model, target)
    env["LOTSE_MODEL_DIR"] = str(target.parent)
    lotse = str(Path(sys.executable).with_name("lotse"))
    process = subprocess.Popen([lotse, "run", *options], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 600  # Rasa loads its model for minutes on a busy machine
        output = ""
        while "Stop with Ctrl-C" not in output and time.monotonic() < deadline:
            line = process.stdout.readline()
            assert line or process.poll() is None, output
            output += line
        assert f"http://127.0.0.1:{ports['LOTSE_RASA_PORT']}/webhooks/web/chat" in output
        chat = f"http://127.0.0.1:{ports['LOTSE_RASA_PORT']}/webhooks/web/chat"
        with urllib.request.urlopen(chat, timeout=10) as response:
            assert response.status == 200
        portal = f"http://127.0.0.1:{ports['LOTSE_PORTAL_PORT']}/portal/login"
        with urllib.request.urlopen(portal, timeout=10) as response:
            assert response.status == 200
        # the action server is reachable on loopback only
        assert _listening(ports["LOTSE_ACTIONS_PORT"])
        # files the test session made before (translation packages, database) were tightened
        assert _open_to_others(lotse_env.var_dir) == []
        if options:
            # long polling: a message written in Telegram is fetched and answered
            assert "Telegram:          long polling" in output
            chat_id = 733_000_001
            telegram_api.push(telegram_api.text_update(chat_id, "/start", language_code="de"))
            telegram_api.wait_for(lambda: any(c.status == 200 for c in telegram_api.sent(chat_id)),
                                  timeout=90)
            assert telegram_api.webhook is None and telegram_api.pending() == []
        else:
            assert "Telegram:          off" not in output  # the test env configures a token
        process.send_signal(stop_signal)
        assert process.wait(timeout=60) == 0
        for port in ports.values():
            assert not _listening(port), port
    finally:
        if process.poll() is None:
            process.kill()


def test_telegram_polling_needs_a_token(lotse_env, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("LOTSE_TELEGRAM")}
    env["LOTSE_VAR_DIR"] = str(tmp_path)
    lotse = str(Path(sys.executable).with_name("lotse"))
    result = subprocess.run([lotse, "run", "--telegram-polling"], env=env, capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 2
    assert "LOTSE_TELEGRAM_TOKEN" in result.stderr


def test_the_stack_plans_the_telegram_channel_and_poller(lotse_env, tmp_path):
    import yaml

    from lotse.supervisor import Stack

    stack = Stack(settings=lotse_env, model=tmp_path / "model.tar.gz", telegram_polling=True)
    assert [s.name for s in stack.plan()] == ["actions", "rasa", "telegram-poller", "portal"]
    credentials = yaml.safe_load((stack.run_dir / "credentials.yml").read_text(encoding="utf-8"))
    assert "channels.telegram.TelegramInput" in credentials
    plain = Stack(settings=lotse_env, model=tmp_path / "model.tar.gz")
    assert "telegram-poller" not in [s.name for s in plain.plan()]


def test_no_secret_is_on_a_command_line_and_the_api_is_off_by_default(lotse_env, tmp_path):
    import stat

    from lotse.supervisor import Stack

    stack = Stack(settings=lotse_env, model=tmp_path / "model.tar.gz")
    commands = " ".join(" ".join(service.command) for service in stack.plan())
    assert stack.action_secret not in commands and stack.api_token not in commands
    assert "--enable-api" not in commands and "--auth-token" not in commands
    assert "LOTSE_RASA_API_TOKEN_FILE" not in stack._env()
    assert not stack.api_token_file.exists()
    assert stat.S_IMODE(stack.action_secret_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(stack.run_dir.stat().st_mode) == 0o700


def test_the_api_token_a_benchmark_asks_for_goes_through_an_owner_only_file(lotse_env, tmp_path):
    import stat

    from lotse.supervisor import Stack

    # a token may start with "-": it must never meet argparse as an option of its own
    stack = Stack(settings=lotse_env, model=tmp_path / "model.tar.gz", enable_api=True,
                  api_token="-" + "a" * 40)
    commands = " ".join(" ".join(service.command) for service in stack.plan())
    assert stack.api_token not in commands and "--auth-token" not in commands
    assert stack._env()["LOTSE_RASA_API_TOKEN_FILE"] == str(stack.api_token_file)
    assert stack.api_token_file.read_text(encoding="utf-8") == stack.api_token
    assert stat.S_IMODE(stack.api_token_file.stat().st_mode) == 0o600
