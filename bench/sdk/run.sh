#!/usr/bin/env bash
# Checks what voxhook sends against each platform's own SDK: its verifier accepts the
# signature and its types parse the payload. Not run by CI (it installs the SDKs from PyPI).
# Usage: bench/sdk/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
VENV=bench/out/sdk-venv
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/pip" install -q -r bench/sdk/requirements.txt
cargo build --quiet
"$VENV/bin/python" bench/sdk/check.py "$PWD/target/debug/voxhook"
# import/export against the SDKs' tool types
exec "$VENV/bin/python" bench/sdk/tools.py "$PWD/target/debug/voxhook"
