#!/usr/bin/env bash
# Builds the libFuzzer targets (in build-asan/, ASan + UBSan, by
# scripts/sanitize.sh) and runs each from the seed corpora in
# test/fuzz/corpus with a fixed seed, after replaying test/fuzz/regressions;
# then test/fuzz/fuzz_onnx.py (the ONNX importer, Python) over mutated ONNX
# files. A crash stops the run, exits 1 and leaves the input in
# build-asan/fuzz/crashes/ (keep it as a regression in test/fuzz/regressions/).
#   scripts/fuzz.sh [SECONDS]   # a longer search: SECONDS per target (default 60)
#   scripts/fuzz.sh --ci        # the bounded run of the test command: a fixed
#                               # number of runs (about 45 s each here), so CI
#                               # replays exactly the inputs checked before landing
set -euo pipefail
cd "$(dirname "$0")/.."
MODE=${1:-60}
scripts/sanitize.sh --build
out=build-asan/fuzz
mkdir -p $out/crashes $out/corpus/npy $out/corpus/ir
# No user poisoning, as in scripts/sanitize.sh: LLVM's header-only
# allocators poison memory when compiled into Kiln (instrumented) but not
# inside libMLIR.so, so an attribute storage Kiln allocates (#kiln.tiling)
# leaves slabs libMLIR then writes to "poisoned". Heap checks are unaffected.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:allow_user_poisoning=0}
status=0
for target in npy kiln_ir; do
  corpus=${target#kiln_}
  if [ "$MODE" = --ci ]; then
    limit=(-runs="$( [ $target = npy ] && echo 5000000 || echo 40000 )" -max_total_time=180)
  else
    limit=(-max_total_time="$MODE")
  fi
  echo "== fuzz_$target (${limit[*]}) =="
  # Regression inputs first: each must pass.
  if compgen -G "test/fuzz/regressions/$corpus/*" > /dev/null; then
    build-asan/bin/fuzz_$target test/fuzz/regressions/$corpus/* || status=1
  fi
  build-asan/bin/fuzz_$target $out/corpus/$corpus test/fuzz/corpus/$corpus \
    "${limit[@]}" -seed=1 -timeout=20 -rss_limit_mb=4096 \
    -artifact_prefix=$out/crashes/ -print_final_stats=1 2>&1 | \
    grep -E "^(stat::number_of_executed_units|stat::peak_rss|#[0-9]+ +DONE|==[0-9]+==ERROR|SUMMARY|artifact_prefix|Test unit written)" \
    || true
  if compgen -G "$out/crashes/*" > /dev/null; then
    echo "fuzz_$target found a crash: $(ls $out/crashes)"; status=1; break
  fi
done
# The ONNX importer is Python: its fuzzer mutates ONNX files (fixed seed).
echo "== fuzz_onnx =="
runs=$( [ "$MODE" = --ci ] && echo 1000 || echo $((MODE * 30)) )
PYTHONPATH=${KILN_BUILD_DIR:-build}/python /usr/bin/python3 test/fuzz/fuzz_onnx.py \
  --runs "$runs" --seed 1 || status=1
exit $status
