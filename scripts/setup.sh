#!/usr/bin/env bash
# Installs the Debian packages Kiln needs (only those missing), configures
# and builds Kiln into build/, and installs it into /usr/local (KILN_PREFIX).
# Safe to run again: it does only what is left to do.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  cmake ninja-build ccache clang-22 libomp-22-dev
  # clang-22 only recommends its sanitizer runtimes (ASan, UBSan, TSan,
  # libFuzzer), which the sanitizer and fuzzing stages link.
  libclang-rt-22-dev
  llvm-22-dev llvm-22-tools libmlir-22-dev mlir-22-tools
  libgtest-dev pybind11-dev
  python3-numpy python3-torch python3-pytest python3-matplotlib
  # Real models (random weights) for kiln.from_torch's tests and bench/models.py;
  # ONNX files for kiln.onnx (and torch.onnx.export's models in its tests).
  python3-torchvision python3-onnx
  # torch's BLAS: without it, Debian's torch falls back to netlib's
  # reference BLAS (~6 GFLOPS), no baseline for bench/.
  libopenblas0-pthread
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

BUILD_DIR=${KILN_BUILD_DIR:-build}
if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  cmake -S . -B "$BUILD_DIR" -G Ninja \
    -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
    -DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache
fi
# Two cores: more jobs only thrash.
ninja -C "$BUILD_DIR" -j2

# Installed where Debian's python3, CMake and the shell find it: `import kiln`
# with no PYTHONPATH, find_package(Kiln), kiln-opt/kiln-run/kiln-compile.
PREFIX=${KILN_PREFIX:-/usr/local}
SUDO=""
[ -w "$PREFIX" ] || SUDO=sudo
$SUDO cmake --install "$BUILD_DIR" --prefix "$PREFIX" >/dev/null
