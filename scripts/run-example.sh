#!/usr/bin/env bash
#===- scripts/run-example.sh - set up accel and run the main job ---------===#
#
# Installs the dependencies, builds the tools, and takes the shipped example
# (examples/model.mlir: a transformer block, an RGCN layer, a W8A8 linear)
# through accel-opt's default optimization pipeline, then runs its
# transformer block on the CPU (accel-run) with and without that pipeline.
# Pass another .mlir file to optimize that instead.
#===----------------------------------------------------------------------===#
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${ACCEL_BUILD_DIR:-$ROOT/build}
INPUT=${1:-$ROOT/examples/model.mlir}
export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/accel-ccache}

"$ROOT/scripts/install-deps.sh"
cmake -G Ninja -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE="${ACCEL_BUILD_TYPE:-Release}" \
  -DLLVM_EXTERNAL_LIT=/usr/lib/llvm-22/bin/lit >/dev/null
ninja -C "$BUILD" accel-opt accel-translate accel-run

echo "== $("$BUILD/bin/accel-opt" --version | head -1)"
echo "== accel-opt --accel-optimize $INPUT"
"$BUILD/bin/accel-opt" --accel-optimize "$INPUT"

if [ -z "${1:-}" ]; then
  echo "== accel-run: the transformer block on the CPU, with and without accel-optimize"
  "$BUILD/bin/accel-run" "$INPUT" --entry=transformer_block \
    --pipeline=accel-optimize --compare-pipeline=none
fi
