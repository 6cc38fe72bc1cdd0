#!/usr/bin/env bash
#===- scripts/install-deps.sh - install accel's build/test dependencies -===#
#
# Idempotent: installs, with apt-get, every Debian package that building,
# testing, fuzzing and benchmarking accel needs. Safe to rerun; it only asks
# apt for what is missing.
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
  # Numerics reference helpers used by the test suite.
  python3-numpy
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
