#!/usr/bin/env bash
# Builds Kiln with ASan + UBSan (build-asan/, which also holds the libFuzzer
# targets of scripts/fuzz.sh) and runs the lit and GoogleTest suites with it:
# any memory error or undefined behaviour fails the run. (pytest is not run
# here: the extension would need the ASan runtime preloaded into Debian's
# python3.) libMLIR.so itself is not instrumented.
#   scripts/sanitize.sh
#   scripts/sanitize.sh --build   # build only (scripts/fuzz.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh > /dev/null
if [ ! -f build-asan/build.ninja ]; then
  cmake -S . -B build-asan -G Ninja -DKILN_SANITIZE=ON -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
    -DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache > /dev/null
fi
ninja -C build-asan -j2
[ "${1:-}" = --build ] && exit 0
# Leaks are not errors here: MLIR's registries live until exit by design.
# No user poisoning: LLVM's header-only allocators poison memory when
# compiled into Kiln (instrumented) but not inside libMLIR.so (not), so the
# two disagree about live memory (use-after-poison reports inside libMLIR).
# ASan's own heap checks (overflows, use-after-free) are unaffected.
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:allow_user_poisoning=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
status=0
/usr/lib/llvm-22/bin/lit -s build-asan/test || status=1
ctest --test-dir build-asan -j2 | tail -3 || status=1
exit $status
