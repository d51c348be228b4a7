"""The `lotse` command as operators use it (subprocesses, real database)."""

import json
import os
import subprocess
import sys
from pathlib import Path

from storage.profiles import ProfileRepository

LOTSE = str(Path(sys.executable).with_name("lotse"))


def run(*args: str, stdin: str | None = None, env: dict | None = None):
    return subprocess.run([LOTSE, *args], input=stdin, capture_output=True, text=True,
                          timeout=120, env={**os.environ, **(env or {})})


def test_keys_init_creates_a_private_key_once(tmp_path):
    env = {"LOTSE_DATA_KEY_FILE": str(tmp_path / "k" / "data.key")}
    first = run("keys", "init", env=env)
    assert first.returncode == 0, first.stderr
    key_file = tmp_path / "k" / "data.key"
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    key = key_file.read_text()
    assert run("keys", "init", env=env).returncode == 2
    assert run("keys", "init", "--if-missing", env=env).returncode == 0
    assert key_file.read_text() == key


def test_users_create_and_duplicates(lotse_env):
    created = run("users", "create", "--username", "cli-anna", "--role", "caseworker",
                  "--organisation", "jobcenter-test", "--password-stdin",
                  stdin="a long enough password\n")
    assert created.returncode == 0, created.stderr
    assert json.loads(created.stdout)["role"] == "caseworker"
    again = run("users", "create", "--username", "cli-anna", "--role", "caseworker",
                "--password-stdin", stdin="a long enough password\n")
    assert again.returncode == 2 and "Traceback" not in again.stderr
    short = run("users", "create", "--username", "cli-bob", "--role", "editor",
                "--password-stdin", stdin="short\n")
    assert short.returncode == 2


def test_profiles_list_and_export(lotse_env):
    repo = ProfileRepository(lotse_env.database_url)
    pid = repo.register_consent(channel="web", external_id="cli-export-01", language="uk",
                                text_version="uk-x", organisation_slug="cli-org")
    repo.save_answer(pid, "given_names", original_text="Олена", language="uk", value="Олена")
    listed = [json.loads(line) for line in run("profiles", "list", "--organisation",
                                               "cli-org").stdout.splitlines()]
    assert [p["id"] for p in listed] == [pid]
    exported = run("profiles", "export", pid)
    assert exported.returncode == 0, exported.stderr
    data = json.loads(exported.stdout)
    assert data["fields"][0]["original_text"] == "Олена"
    everything = json.loads(run("profiles", "export", "--all").stdout)
    assert pid in [p["person"]["id"] for p in everything]
    missing = run("profiles", "export", "no-such-id")
    assert missing.returncode == 1 and "no profile" in missing.stderr


def test_profiles_translate_fills_missing_translations(lotse_env):
    """Answers given before a package was installed get their German translation later."""
    repo = ProfileRepository(lotse_env.database_url)
    pid = repo.register_consent(channel="web", external_id="cli-translate-01", language="ar",
                                text_version="ar-x", organisation_slug="cli-org")
    repo.save_answer(pid, "given_names", original_text="سلمى", language="ar", value="سلمى")
    repo.save_answer(pid, "vocational_training", original_text="درست تسع سنوات في حمص",
                     language="ar", value="درست تسع سنوات في حمص")
    repo.save_answer(pid, "goals", original_text="Ich möchte Erzieherin werden", language="de",
                     value="Ich möchte Erzieherin werden")
    repo.save_answer(pid, "availability", original_text="من الصباح", language="fa",
                     value="من الصباح")  # no fa package installed: stays untranslated
    before = {f["field"]: f for f in repo.snapshot(pid)["fields"]}
    assert before["vocational_training"]["machine_translation"] is None

    result = run("profiles", "translate")
    assert result.returncode == 0, result.stderr
    counts = json.loads(result.stdout)
    assert counts["translated"] >= 1 and counts["untranslated"] >= 1
    fields = {f["field"]: f for f in repo.snapshot(pid)["fields"]}
    translation = fields["vocational_training"]["machine_translation"]
    assert translation["language"] == "de" and translation["text"]
    assert translation["model"] == "translate-ar_en+translate-en_de"
    assert fields["given_names"]["machine_translation"] is None  # a name is not free text
    assert fields["goals"]["machine_translation"] is None  # already German
    assert fields["availability"]["machine_translation"] is None
    # a second run finds nothing new to translate for this person
    again = json.loads(run("profiles", "translate").stdout)
    assert again["translated"] == 0
