#!/usr/bin/env bash
# Installs the Kiln built in BUILD_DIR into a temporary prefix, then builds
# and runs test/install/consumer against it with find_package(Kiln), and
# imports the installed Python package with no PYTHONPATH set by the caller.
#   test/install/run.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cmake --install "$build" --prefix "$work/prefix" > "$work/install.log"
cmake -S "$here/consumer" -B "$work/consumer" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
  -DCMAKE_PREFIX_PATH="$work/prefix" > "$work/configure.log"
ninja -C "$work/consumer" -j2 > "$work/build.log" || { cat "$work/build.log"; exit 1; }
"$work/consumer/lower"
"$work/consumer/call"
# The package the prefix installed, in a clean environment.
env -i PATH=/usr/bin:/bin HOME="$work" \
  PYTHONPATH="$work/prefix/lib/python3.11/dist-packages" /usr/bin/python3 -c '
import numpy as np, kiln, kiln.functional as F
assert kiln.__file__.startswith("'"$work"'"), kiln.__file__
assert F.relu(np.array([-1.0, 2.0], np.float32)).tolist() == [0.0, 2.0]
print("python: ok")'
