#!/usr/bin/env bash
#===- scripts/install-deps.sh - install accel's build/test dependencies -===#
#
# Idempotent: installs, with apt-get, every Debian package that building,
# testing, fuzzing and benchmarking accel needs, then the CUTLASS/CuTe
# headers the hardware-model cross-check compiles against (PyPI's
# nvidia-cutlass wheel, pinned by version and hash, unpacked with
# `pip install --target` into a versioned folder of a cache directory:
# nothing goes into Debian's externally managed python). Safe to rerun;
# it only fetches what is missing.
# Environment: ACCEL_DEPS_DIR (default ~/.cache/accel-deps).
#===----------------------------------------------------------------------===#
set -euo pipefail

PACKAGES=(
  # Toolchain and build system.
  cmake ninja-build ccache g++ python3
  # MLIR/LLVM 22 (libMLIR.so, mlir-tblgen, FileCheck, lit).
  libmlir-22-dev mlir-22-tools llvm-22-dev llvm-22-tools
  # clang + compiler-rt: libFuzzer and the ASan/UBSan runtimes.
  clang-22 libclang-rt-22-dev
  # Unit tests and benchmarks.
  libgtest-dev libgmock-dev libbenchmark-dev
  # Numerics reference helpers used by the test suite; pip fetches the
  # CUTLASS wheel.
  python3-numpy python3-pip
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
else
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# CUTLASS/CuTe headers (unittests/Codegen/CuteCrossCheckTest.cpp). The
# version and the wheel's sha256 are pinned here and in CMakeLists.txt's
# ACCEL_CUTLASS_VERSION; the folder name carries the version, so a bump
# installs beside the old one. Installed into a temporary folder and
# renamed, so an interrupted run leaves nothing half-written.
CUTLASS_VERSION=4.2.0.0
CUTLASS_SHA256=f9599ada45c7bcb6bf53f7d3f0a7d154183e53451c01bfa59eecd37dd4a693f6
DEPS_DIR=${ACCEL_DEPS_DIR:-$HOME/.cache/accel-deps}
CUTLASS_DIR=$DEPS_DIR/nvidia-cutlass-$CUTLASS_VERSION
if [ -f "$CUTLASS_DIR/cutlass_library/source/include/cute/tensor.hpp" ]; then
  echo "install-deps: nvidia-cutlass $CUTLASS_VERSION present in $CUTLASS_DIR"
else
  echo "install-deps: installing nvidia-cutlass $CUTLASS_VERSION into $CUTLASS_DIR"
  mkdir -p "$DEPS_DIR"
  tmp=$(mktemp -d "$DEPS_DIR/.nvidia-cutlass.XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
  printf 'nvidia-cutlass==%s --hash=sha256:%s\n' "$CUTLASS_VERSION" "$CUTLASS_SHA256" \
    >"$tmp/requirements.txt"
  # --target installs outside every environment (PEP 668 does not apply);
  # --no-deps: only the headers are needed, not the Python package's deps.
  python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --no-deps --no-compile \
    --require-hashes --target "$tmp/pkg" -r "$tmp/requirements.txt"
  rm -rf "$CUTLASS_DIR"
  mv "$tmp/pkg" "$CUTLASS_DIR"
fi
