#!/usr/bin/env bash
# Installs the dependencies, builds ApiDojo (release) and runs it; arguments go to apidojo.
# Example: scripts/build-and-run.sh --headless --port 5000
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
exec build/release/src/app/apidojo "$@"
