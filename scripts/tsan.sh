#!/usr/bin/env bash
# Builds Kiln's Python extension with ThreadSanitizer (build-tsan/) and runs
# the thread stress test (test/tsan/stress_threads.py) with it: several
# Python threads compiling and running kernels at once. Any data race in
# Kiln's code (caches, compilation, calls) fails the run.
#   scripts/tsan.sh
# Debian's python3, numpy, libMLIR/libLLVM, libomp and the JIT-compiled
# kernels are not instrumented: TSan checks Kiln's own C++ (the runtime and
# the extension), with the runtime preloaded into python3.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh > /dev/null
if [ ! -f build-tsan/build.ninja ]; then
  cmake -S . -B build-tsan -G Ninja -DKILN_TSAN=ON -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
    -DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache > /dev/null
fi
ninja -C build-tsan -j2 kiln-python
runtime=$(clang-22 -print-file-name=libclang_rt.tsan-x86_64.so)
# Uninstrumented modules' accesses are ignored (their synchronisation is
# invisible to TSan and would only give false reports).
export TSAN_OPTIONS="halt_on_error=1 ignore_noninstrumented_modules=1 report_signal_unsafe=0"
LD_PRELOAD="$runtime" PYTHONPATH=build-tsan/python KILN_CACHE_DIR="$(mktemp -d)" \
  /usr/bin/python3 test/tsan/stress_threads.py
