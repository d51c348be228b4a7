#!/usr/bin/env bash
# Rebuild the tiny random-weight Argos fixture packages (tests/fixtures/translation).
#
# Creates (once) a throwaway Python 3.11 venv under /tmp with CPU torch, transformers,
# sentencepiece and ctranslate2 from requirements.txt, then runs the generator. Safe to run
# again: the venv is reused while requirements.txt is unchanged, and the output is
# byte-identical for the same inputs.
#
#   tools/translation_fixture/build.sh [--out DIR]
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
out="$repo/tests/fixtures/translation"
venv="${LOTSE_FIXTURE_VENV:-/tmp/lotse-translation-fixture-venv}"

usage() { sed -n '2,9s/^# \{0,1\}//p' "$0"; }

while [ $# -gt 0 ]; do
    case "$1" in
        --out) out=${2:?--out needs a directory}; shift 2 ;;
        --out=*) out=${1#--out=}; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "build.sh: unknown argument: $1" >&2; usage >&2; exit 2 ;;
    esac
done

find_python311() {
    local candidate
    for candidate in "${PYTHON311:-}" "$(command -v python3.11 || true)" \
        "$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")"/versions/3.11*/bin/python3.11; do
        if [ -n "$candidate" ] && [ -x "$candidate" ]; then
            echo "$candidate"
            return 0
        fi
    done
    echo "build.sh: python3.11 not found (set PYTHON311=/path/to/python3.11)" >&2
    return 1
}

if ! "$venv/bin/python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
    rm -rf "$venv"
    "$(find_python311)" -m venv "$venv"
fi

# Reinstall only when the lock changed; the stamp lives inside the venv.
stamp="$venv/.requirements.sha256"
want=$(sha256sum "$here/requirements.txt" | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]; then
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt"
    echo "$want" > "$stamp"
fi

mkdir -p "$out"
HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 HF_HUB_DISABLE_TELEMETRY=1 \
    "$venv/bin/python" "$here/build_tiny_argos_model.py" --out "$out"
