#!/usr/bin/env bash
# Sets everything up, builds, and runs every test suite: lit (FileCheck),
# GoogleTest (through ctest), pytest, the lit and GoogleTest suites again
# under ASan + UBSan, the Python thread stress test under ThreadSanitizer,
# and a bounded libFuzzer run. Exits non-zero if any fails.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
BUILD_DIR=${KILN_BUILD_DIR:-build}

# Each stage's header says when it began, so a slow CI run shows where.
stage() { echo "== $1 == (at ${SECONDS} s)"; }
status=0
stage lit
/usr/lib/llvm-22/bin/lit -sv "$BUILD_DIR/test" || status=1
stage ctest
ctest --test-dir "$BUILD_DIR" --output-on-failure -j2 || status=1
if compgen -G "test/python/test_*.py" >/dev/null; then
  stage pytest
  /usr/bin/python3 -m pytest -q test/python || status=1
fi
stage "lit + ctest under ASan and UBSan"
scripts/sanitize.sh || status=1
stage "Python threads under ThreadSanitizer"
scripts/tsan.sh || status=1
stage "fuzz (bounded)"
scripts/fuzz.sh --ci || status=1
stage end
exit $status
