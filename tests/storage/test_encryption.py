import os
import subprocess
import sys

import pytest

from storage.encryption import Cipher, DecryptionError, MissingKeyError, generate_key, read_keys


def test_round_trip_and_tamper_detection():
    cipher = Cipher([generate_key()])
    token = cipher.encrypt("Aḥmad الحسن")
    assert "Aḥmad" not in token
    assert cipher.decrypt(token) == "Aḥmad الحسن"
    with pytest.raises(DecryptionError):
        cipher.decrypt(token[:-4] + "AAAA")


def test_wrong_key_cannot_decrypt():
    token = Cipher([generate_key()]).encrypt("secret")
    with pytest.raises(DecryptionError):
        Cipher([generate_key()]).decrypt(token)


def test_rotation_keeps_old_tokens_readable():
    old, new = generate_key(), generate_key()
    token = Cipher([old]).encrypt("value")
    both = Cipher([new, old])
    rotated = both.rotate(token)
    assert Cipher([new]).decrypt(rotated) == "value"


def test_missing_key_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.delenv("LOTSE_DATA_KEYS", raising=False)
    with pytest.raises(MissingKeyError, match="lotse keys init"):
        read_keys(tmp_path / "missing.key")


def test_invalid_key_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("LOTSE_DATA_KEYS", "not-a-key")
    with pytest.raises(MissingKeyError, match="not a valid"):
        read_keys(tmp_path / "unused.key")


def test_lotse_run_refuses_to_start_without_key(tmp_path):
    env = {**os.environ, "LOTSE_VAR_DIR": str(tmp_path),
           "LOTSE_DATA_KEY_FILE": str(tmp_path / "none.key")}
    env.pop("LOTSE_DATA_KEYS", None)
    lotse = os.path.join(os.path.dirname(sys.executable), "lotse")
    result = subprocess.run([lotse, "run"], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "No data encryption key configured" in result.stderr
    assert "Traceback" not in result.stderr
