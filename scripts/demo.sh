#!/usr/bin/env bash
# Kiln's main job: build, then compile every golden case's kiln op, run it by
# JIT against PyTorch's outputs and print a table. Exits 1 on any FAIL.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
BUILD_DIR=${KILN_BUILD_DIR:-build}
exec /usr/bin/python3 test/golden/run_golden.py "$BUILD_DIR/test/golden" \
  "$BUILD_DIR/bin/kiln-run" "$@"
