"""The Rasa server as `lotse run` starts it: `python -m lotse.rasa_server run ...`.

Runs Rasa's own command line in this process after two things a plain `rasa run` cannot do:
log records are scrubbed of personal text (lotse.log_privacy), and Rasa's HTTP API, off unless
asked for, gets its token from an owner-only file named by `LOTSE_RASA_API_TOKEN_FILE` instead
of the command line, where every local user could read it in `ps` or /proc/<pid>/cmdline
(rewriting `sys.argv` inside the process does not change what /proc shows).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

API_TOKEN_FILE_ENV = "LOTSE_RASA_API_TOKEN_FILE"  # noqa: S105 - names a file


def read_api_token(path: Path) -> str:
    if path.stat().st_mode & 0o077:
        raise PermissionError(f"{path} is readable by other users; it must be mode 0600")
    token = path.read_text(encoding="utf-8").strip()
    if len(token) < 32:
        raise ValueError(f"{path} holds no usable token")
    return token


def main(argv: list[str] | None = None) -> int:
    from lotse.log_privacy import install as install_log_privacy

    os.umask(0o077)
    install_log_privacy()
    args = list(sys.argv[1:] if argv is None else argv)
    if any(arg == "--enable-api" or arg.startswith("--auth-token") for arg in args):
        print("rasa server: the API is switched on by LOTSE_RASA_API_TOKEN_FILE, not by options",
              file=sys.stderr)
        return 2
    token_file = os.environ.get(API_TOKEN_FILE_ENV, "").strip()
    if token_file:
        try:
            token = read_api_token(Path(token_file))
        except (OSError, ValueError) as exc:
            print(f"rasa server: {exc}; not starting", file=sys.stderr)
            return 2
        # "=": a token may start with "-", which argparse would take for an option
        args += ["--enable-api", f"--auth-token={token}"]
    sys.argv = ["rasa", *args]
    from rasa.__main__ import main as rasa_main

    rasa_main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
