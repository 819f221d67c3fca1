#!/usr/bin/env bash
# Installs the dependencies, then builds and runs every test suite twice: once with warnings as
# errors (preset "ci"), once under AddressSanitizer + UndefinedBehaviorSanitizer (preset "asan").
# Pass a preset name (ci, asan, dev) to run only that one.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
presets=("${@:-ci}")
[ $# -eq 0 ] && presets=(ci asan)

for preset in "${presets[@]}"; do
    echo "== preset $preset"
    cmake --preset "$preset" >/dev/null
    cmake --build --preset "$preset"
    ctest --preset "$preset" --parallel 2
done
