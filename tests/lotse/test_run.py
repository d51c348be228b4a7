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


@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM])
def test_run_serves_chat_and_portal_and_stops_cleanly(lotse_env, trained_model: Path, tmp_path,
                                                      stop_signal):
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
    process = subprocess.Popen([lotse, "run"], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 240
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
        process.send_signal(stop_signal)
        assert process.wait(timeout=60) == 0
        for port in ports.values():
            assert not _listening(port), port
    finally:
        if process.poll() is None:
            process.kill()


def test_an_api_token_starting_with_a_dash_is_passed_as_one_argument(lotse_env, tmp_path):
    from lotse.supervisor import Stack

    stack = Stack(settings=lotse_env, model=tmp_path / "model.tar.gz", api_token="-abc")
    rasa = next(service for service in stack.plan() if service.name == "rasa")
    assert "--auth-token=-abc" in rasa.command
