"""The internal services are not a way in for other local users or processes.

Every probe runs in a separate process (as another local program would), against the stack
`lotse run` starts: the action server refuses calls without the shared secret, Rasa's HTTP API
is off, and no secret is on any command line.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from bot.action_server import SECRET_HEADER
from tests.helpers.chat import Chat, said

pytestmark = pytest.mark.server

PROBE = r"""
import http.client, json, sys, urllib.parse
results = []
for method, url, body, headers in json.loads(sys.stdin.read()):
    data = None if body is None else body.encode("utf-8", "surrogatepass")
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        try:
            connection.request(method, parts.path + (f"?{parts.query}" if parts.query else ""),
                               body=data, headers=headers)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered before reading all of a body it refuses
        response = connection.getresponse()
        results.append([response.status, response.read().decode("utf-8", "replace")])
    except (OSError, http.client.HTTPException) as err:
        results.append([0, type(err).__name__])
    finally:
        connection.close()
print(json.dumps(results))
"""


def probe(requests: list[tuple[str, str, str | None, dict[str, str]]]) -> list[tuple[int, str]]:
    """Send `requests` from another process; their (status, body) in order."""
    result = subprocess.run([sys.executable, "-c", PROBE], input=json.dumps(requests),
                            capture_output=True, text=True, timeout=300, check=True)
    return [tuple(item) for item in json.loads(result.stdout)]


def _forged_call(action: str, sender: str, **slots: object) -> str:
    return json.dumps({
        "next_action": action, "sender_id": sender, "version": "3.6.2", "domain": {},
        "tracker": {"sender_id": sender, "slots": {"language": "de", "consent": True, **slots},
                    "latest_message": {"text": "hi", "intent": {"name": "affirm"}},
                    "events": [{"event": "user", "text": "ja", "input_channel": "web",
                                "parse_data": {"intent": {"name": "affirm"}}}],
                    "active_loop": {}, "latest_action_name": "action_listen"},
    })


def _person_with_a_name(stack) -> tuple[Chat, str]:
    chat = Chat(stack.settings.rasa_url)
    chat.send("Hallo, ich brauche Hilfe")
    chat.send('/choose_language{"language":"de"}')
    assert said(chat.send("/affirm"), "de", "ask.given_names"), chat.dump()
    chat.send("Marwa")
    return chat, "Marwa"


def test_forged_action_calls_without_the_secret_change_and_show_nothing(stack, repository):
    chat, name = _person_with_a_name(stack)
    pid = repository.person_for("web", chat.sender)
    assert pid
    before = repository.snapshot(pid)
    people_before = len(repository.person_ids())
    url = f"http://{stack.settings.host}:{stack.settings.actions_port}/webhook"
    stranger = "web-stranger-0001"
    calls = [
        ("POST", url, _forged_call("action_delete_my_data", chat.sender), {}),
        ("POST", url, _forged_call("action_show_my_data", chat.sender),
         {SECRET_HEADER: "guessed"}),
        ("POST", url, _forged_call("action_delete_my_data", chat.sender),
         {SECRET_HEADER: stack.action_secret[:-1]}),
        ("POST", url, _forged_call("action_delete_my_data", chat.sender),
         {SECRET_HEADER.lower(): stack.action_secret + "x"}),
        ("POST", url, _forged_call("action_consent_decided", stranger), {}),
        ("POST", url, _forged_call("action_send_cv", chat.sender), {}),
        ("GET", url.replace("/webhook", "/actions"), None, {}),
    ]
    results = probe([(m, u, b, {"Content-Type": "application/json", **h})
                     for m, u, b, h in calls])
    for (status, body), call in zip(results, calls, strict=True):
        assert status == 401, (call[0], status, body)
        assert name not in body and "Marwa" not in body
    assert repository.snapshot(pid) == before
    assert len(repository.person_ids()) == people_before
    assert repository.person_for("web", stranger) is None
    # the person's own conversation goes on as before
    assert chat.send("Haddad")


def test_health_stays_open(stack):
    url = f"http://{stack.settings.host}:{stack.settings.actions_port}/health"
    assert probe([("GET", url, None, {})])[0][0] == 200


def test_malformed_bodies_get_a_4xx_never_a_500(stack):
    url = f"http://{stack.settings.host}:{stack.settings.actions_port}/webhook"
    secret = {SECRET_HEADER: stack.action_secret, "Content-Type": "application/json"}
    deep = '{"next_action": "action_show_my_data", "tracker": ' + '{"a": ' * 200 + "1" \
        + "}" * 200 + "}"
    bodies = [
        "", "not json at all {", "[]", '"a string"', "42", "null", "[" * 50_000 + "]" * 50_000,
        deep,
        # a lone surrogate, escaped and raw
        json.dumps({"next_action": "action_show_my_data",
                    "tracker": {"sender_id": "\ud800x", "events": []}}),
        '{"next_action": "action_show_my_data", "tracker": {"sender_id": "\ud800", "events": []}}',
        json.dumps({"next_action": "action_show_my_data", "tracker": "not a tracker"}),
        json.dumps({"next_action": ["action_show_my_data"], "tracker": {"sender_id": "x"}}),
        json.dumps({"next_action": "action_show_my_data",
                    "tracker": {"sender_id": "x", "events": "nope", "slots": []}}),
        json.dumps({"next_action": "no_such_action", "tracker": {"sender_id": "x"}}),
        "{" + " " * (17 * 1024 * 1024) + "}",
    ]
    results = probe([("POST", url, body, secret) for body in bodies])
    for body, (status, answer) in zip(bodies, results, strict=True):
        assert 400 <= status < 500, (body[:60], status, answer[:200])
    compressed = probe([("POST", url, "x", {**secret, "Content-Encoding": "deflate"})])
    assert compressed[0][0] == 415
    # the server is still there
    assert probe([("GET", url.replace("/webhook", "/health"), None, {})])[0][0] == 200


def test_rasa_api_is_off(stack):
    base = stack.settings.rasa_url
    calls = [("GET", f"{base}/conversations/someone/tracker", None, {}),
             ("GET", f"{base}/conversations/someone/tracker?token={stack.api_token}", None, {}),
             ("POST", f"{base}/model/parse", json.dumps({"text": "hallo"}),
              {"Content-Type": "application/json"}),
             ("POST", f"{base}/conversations/someone/execute",
              json.dumps({"name": "action_delete_my_data"}), {"Content-Type": "application/json"}),
             ("GET", f"{base}/status", None, {})]
    for call, (status, body) in zip(calls, probe(calls), strict=True):
        assert status in (401, 403, 404), (call[:2], status, body[:200])


def _stack_processes(stack) -> list[int]:
    """Every process of the stack: the services and whatever they started."""
    roots = [s.process.pid for s in stack.services if s.process and s.process.poll() is None]
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], list(roots)
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def _secrets(stack) -> list[str]:
    values = [stack.action_secret, stack.api_token]
    for path in stack.run_dir.iterdir():
        if path.suffix in (".secret", ".token"):
            values.append(path.read_text(encoding="utf-8").strip())
    keys = stack.settings.var_dir / "secrets"
    values += [p.read_text(encoding="utf-8", errors="replace").strip()
               for p in keys.iterdir() if p.is_file()] if keys.is_dir() else []
    return [v for v in values if len(v) >= 16]


def test_no_secret_on_any_command_line_and_environments_are_private(stack):
    pids = _stack_processes(stack)
    assert len(pids) >= len(stack.services)
    secrets = _secrets(stack)
    assert stack.action_secret in secrets
    # what every local user can read: `ps` output and /proc/<pid>/cmdline
    listing = subprocess.run(["ps", "-eo", "pid=,args=", "--width", "100000"],
                             capture_output=True, text=True, check=True).stdout.splitlines()
    ps = "\n".join(line for line in listing if int(line.split(None, 1)[0]) in pids)
    assert "bot.action_server" in ps and "lotse.rasa_server" in ps
    for pid in pids:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode("utf-8", "replace")
        for secret in secrets:
            assert secret not in cmdline, pid
    for secret in secrets:
        assert secret not in ps
    assert "--auth-token" not in ps
    # /proc/<pid>/environ is readable only by the same user (the kernel checks that); the
    # stack still puts only file paths there, never a secret itself
    for pid in pids:
        environ = Path(f"/proc/{pid}/environ")
        assert stat.S_IMODE(environ.stat().st_mode) == 0o400
        assert environ.stat().st_uid == os.getuid()
        text = environ.read_bytes().decode("utf-8", "replace")
        for secret in secrets:
            assert secret not in text, pid


def test_the_rasa_launcher_takes_no_token_option_and_only_a_private_token_file(tmp_path):
    from lotse.rasa_server import API_TOKEN_FILE_ENV, read_api_token

    def launch(*args: str, **env: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "lotse.rasa_server", "run", *args],
                              env={**os.environ, **env}, capture_output=True, text=True,
                              timeout=300)

    assert launch("--auth-token=guessable").returncode == 2
    assert launch("--enable-api").returncode == 2
    token = tmp_path / "rasa-api.token"
    token.write_text("t" * 40, encoding="utf-8")
    token.chmod(0o644)
    refused = launch(**{API_TOKEN_FILE_ENV: str(token)})  # others could read it
    assert refused.returncode == 2 and "not starting" in refused.stderr
    token.chmod(0o600)
    assert read_api_token(token) == "t" * 40


def test_the_action_server_refuses_to_start_without_a_private_secret(tmp_path):
    secret = tmp_path / "action-server.secret"
    secret.write_text("s" * 43, encoding="utf-8")
    secret.chmod(0o640)
    env = {**os.environ, "LOTSE_ACTION_SECRET_FILE": str(secret)}
    for environment in (env, {k: v for k, v in env.items() if k != "LOTSE_ACTION_SECRET_FILE"}):
        result = subprocess.run([sys.executable, "-m", "bot.action_server", "--port", "1"],
                                env=environment, capture_output=True, text=True, timeout=300)
        assert result.returncode == 2, result.stderr[-500:]
        assert "not starting" in result.stderr
