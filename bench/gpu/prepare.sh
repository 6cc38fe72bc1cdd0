#!/usr/bin/env bash
#===- bench/gpu/prepare.sh - build the GPU harness's kernels here --------===#
#
# On the build machine (MLIR, nvcc, no GPU): generates the benchmark module,
# translates it to CUDA with accel-translate, and compiles it with nvcc into
# .gpu-bench/libaccelbench.so (sm_80 + sm_90a), which travels to the GPU
# machine with harness.py (it has torch and nvcc, not MLIR). Then, there:
#   python3 bench/gpu/harness.py --lib .gpu-bench/libaccelbench.so --out "$OUT"
#===----------------------------------------------------------------------===#
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${ACCEL_BUILD_DIR:-$ROOT/build}
DEST=${1:-$ROOT/.gpu-bench}
NVCC=${NVCC:-/usr/local/cuda/bin/nvcc}
mkdir -p "$DEST"
ninja -C "$BUILD" accel-translate
python3 "$ROOT/bench/gpu/make_bench_module.py" "$DEST/bench.mlir"
"$BUILD/bin/accel-translate" --accel-to-cuda --accel-sm=sm_90a "$DEST/bench.mlir" -o "$DEST/bench.cu"
"$NVCC" -std=c++17 -O3 -shared -Xcompiler -fPIC -cudart static \
  -gencode arch=compute_80,code=sm_80 -gencode arch=compute_90a,code=sm_90a \
  -Xptxas -v "$DEST/bench.cu" -o "$DEST/libaccelbench.so" 2> "$DEST/ptxas.log"
if grep -E '[1-9][0-9]* bytes spill' "$DEST/ptxas.log"; then
  echo "prepare: register spills (see $DEST/ptxas.log)" >&2
fi
cp "$ROOT/bench/gpu/harness.py" "$ROOT/bench/gpu/make_bench_module.py" "$DEST/"
echo "prepare: $(grep -c '^extern "C"' "$DEST/bench.cu") entry points in $DEST/libaccelbench.so"
