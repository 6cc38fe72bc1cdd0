#!/usr/bin/env bash
#===- bench/gpu/prepare.sh - build the GPU harness's kernels here --------===#
#
# On the build machine (MLIR, nvcc, no GPU): generates the benchmark module,
# translates it to CUDA with accel-translate once per target, and compiles
# each with nvcc into a library that travels to the GPU machine with
# harness.py (it has torch and nvcc, not MLIR):
#   .gpu-bench/libaccelbench_sm80.so   mma.sync kernels (sm_80 + sm_90a code)
#   .gpu-bench/libaccelbench_sm90a.so  the wgmma/TMA forward (sm_90a code)
# Then, there: bench/gpu/run_on_device.sh (runs harness.py on each).
#===----------------------------------------------------------------------===#
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${ACCEL_BUILD_DIR:-$ROOT/build}
DEST=${1:-$ROOT/.gpu-bench}
NVCC=${NVCC:-/usr/local/cuda/bin/nvcc}
mkdir -p "$DEST"
ninja -C "$BUILD" accel-opt accel-translate
for target in sm_80 sm_90a; do
  tag=sm${target#sm_}
  python3 "$ROOT/bench/gpu/make_bench_module.py" "$DEST/bench_$tag.mlir" "$target"
  # Fusion makes the GEMM entries' epilogues (the attention ones have none).
  "$BUILD/bin/accel-opt" --accel-fuse-epilogue "$DEST/bench_$tag.mlir" |
    "$BUILD/bin/accel-translate" --accel-to-cuda --accel-sm="$target" \
      -o "$DEST/bench_$tag.cu"
  if [ "$target" = sm_80 ]; then
    arches=(-gencode arch=compute_80,code=sm_80 -gencode arch=compute_90a,code=sm_90a)
  else
    arches=(-gencode arch=compute_90a,code=sm_90a)
  fi
  "$NVCC" -std=c++17 -O3 -shared -Xcompiler -fPIC -cudart static "${arches[@]}" \
    -Xptxas -v "$DEST/bench_$tag.cu" -o "$DEST/libaccelbench_$tag.so" \
    2> "$DEST/ptxas_$tag.log"
  if grep -E '[1-9][0-9]* bytes spill' "$DEST/ptxas_$tag.log"; then
    echo "prepare: register spills (see $DEST/ptxas_$tag.log)" >&2
  fi
  echo "prepare: $(grep -c '^extern "C"' "$DEST/bench_$tag.cu") entry points in $DEST/libaccelbench_$tag.so"
done
cp "$ROOT/bench/gpu/harness.py" "$ROOT/bench/gpu/make_bench_module.py" "$DEST/"
