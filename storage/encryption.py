"""Encryption at rest for personal data (Fernet: AES-128-CBC + HMAC-SHA256).

Keys come from ``LOTSE_DATA_KEYS`` (comma separated) or from the key file
(``LOTSE_DATA_KEY_FILE``, one key per line). The first key encrypts; all keys decrypt, so
a key can be rotated without downtime: add a new key in front, run ``lotse keys rotate``
(re-encrypts every stored value with it), then remove the old key.
"""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet


class MissingKeyError(RuntimeError):
    """No data encryption key is configured: the product refuses to start."""


class DecryptionError(RuntimeError):
    """A stored value cannot be decrypted with any configured key."""


def generate_key() -> str:
    return Fernet.generate_key().decode("ascii")


def read_keys(key_file: Path) -> list[str]:
    """Keys from the environment, else from the key file; raises MissingKeyError."""
    env = os.environ.get("LOTSE_DATA_KEYS", "").strip()
    if env:
        keys = [k.strip() for k in env.split(",") if k.strip()]
    elif key_file.is_file():
        lines = key_file.read_text(encoding="ascii").splitlines()
        keys = [k.strip() for k in lines if k.strip() and not k.startswith("#")]
    else:
        keys = []
    if not keys:
        raise MissingKeyError(
            "No data encryption key configured. Set LOTSE_DATA_KEYS or create the key file "
            f"{key_file} with `lotse keys init` (keep a backup: without it the stored "
            "profiles cannot be read)."
        )
    for key in keys:
        try:
            Fernet(key.encode("ascii"))
        except (ValueError, TypeError) as exc:
            raise MissingKeyError(f"A configured data key is not a valid Fernet key: {exc}") from exc
    return keys


def write_key_file(key_file: Path, keys: list[str]) -> None:
    key_file.parent.mkdir(parents=True, exist_ok=True)
    tmp = key_file.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write("\n".join(keys) + "\n")
    os.replace(tmp, key_file)


class Cipher:
    """Encrypts and decrypts text with the configured keys (first key is primary)."""

    def __init__(self, keys: list[str]) -> None:
        if not keys:
            raise MissingKeyError("Cipher needs at least one key")
        self._fernet = MultiFernet([Fernet(k.encode("ascii")) for k in keys])

    def encrypt(self, plaintext: str) -> str:
        return self._fernet.encrypt(plaintext.encode("utf-8")).decode("ascii")

    def decrypt(self, token: str) -> str:
        try:
            return self._fernet.decrypt(token.encode("ascii")).decode("utf-8")
        except InvalidToken as exc:
            raise DecryptionError("stored value cannot be decrypted with the configured keys") from exc

    def encrypt_bytes(self, data: bytes) -> str:
        return self._fernet.encrypt(data).decode("ascii")

    def decrypt_bytes(self, token: str) -> bytes:
        try:
            return self._fernet.decrypt(token.encode("ascii"))
        except InvalidToken as exc:
            raise DecryptionError("stored value cannot be decrypted with the configured keys") from exc

    def rotate(self, token: str) -> str:
        """Re-encrypt a token with the primary key."""
        try:
            return self._fernet.rotate(token.encode("ascii")).decode("ascii")
        except InvalidToken as exc:
            raise DecryptionError("stored value cannot be decrypted with the configured keys") from exc


_cipher: Cipher | None = None


def get_cipher() -> Cipher:
    """The process-wide cipher, loaded once from the settings."""
    global _cipher
    if _cipher is None:
        from lotse.settings import load_settings

        _cipher = Cipher(read_keys(load_settings().data_key_file))
    return _cipher


def set_cipher(cipher: Cipher | None) -> None:
    """Replace the process-wide cipher (key rotation, tests)."""
    global _cipher
    _cipher = cipher
