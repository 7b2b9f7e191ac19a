#!/usr/bin/env bash
# Kiln's main job. For now: build, then parse, verify and print a model-like
# example of kiln ops with kiln-opt (and show its canonical form).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
BUILD_DIR=${KILN_BUILD_DIR:-build}
"$BUILD_DIR/bin/kiln-opt" examples/conv_block.mlir --canonicalize
