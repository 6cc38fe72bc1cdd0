#!/usr/bin/env bash
#===- scripts/run-example.sh - set up accel and run the main job ---------===#
#
# Installs the dependencies, builds the tools, and takes the shipped example
# (examples/model.mlir: a transformer block, an RGCN layer, a W8A8 linear)
# through accel-opt's default optimization pipeline, then runs its
# transformer block on the CPU (accel-run) with and without that pipeline,
# and the Primer and RePaViT blocks (examples/primer.mlir, repavit.mlir) the
# same way; then takes the transformer block to CUDA C++ for sm_80 and
# sm_90a (six kernels: GEMMs with fused epilogues, attention, one glue
# copy) and examples/attention.mlir (GQA forward + backward, S2 forward)
# to CUDA C++ for sm_90a and PTX for sm_80 under build/examples/, and
# compiles the CUDA with nvcc when the toolkit is there. Pass another .mlir
# file to optimize that instead.
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
  # Primer (depthwise causal conv after Q/K/V, squared ReLU) and RePaViT
  # (the FFN's idle channels folded into one weight): the same check.
  for block in primer:primer_block repavit:repavit_ffn; do
    echo "== accel-run: examples/${block%%:*}.mlir on the CPU, with and without accel-optimize"
    "$BUILD/bin/accel-run" "$ROOT/examples/${block%%:*}.mlir" --entry="${block#*:}" \
      --pipeline=accel-optimize --compare-pipeline=none 2>/dev/null | grep '^compare'
  done
fi

ATTENTION=$ROOT/examples/attention.mlir
OUTDIR=$BUILD/examples
mkdir -p "$OUTDIR"
NVCC=${NVCC:-/usr/local/cuda/bin/nvcc}
if [ -z "${1:-}" ]; then
  # The block alone (the RGCN layer and the W8A8 linear have no CUDA
  # kernels yet): accel-optimize, then the other functions dropped.
  "$BUILD/bin/accel-opt" "$INPUT" --accel-optimize \
    --symbol-privatize=exclude=transformer_block --symbol-dce -o "$OUTDIR/transformer_block.mlir"
  for sm in sm_80 sm_90a; do
    echo "== accel-translate --accel-to-cuda --accel-sm=$sm: the transformer block"
    "$BUILD/bin/accel-translate" --accel-to-cuda --accel-sm=$sm \
      "$OUTDIR/transformer_block.mlir" -o "$OUTDIR/transformer_block_$sm.cu"
    grep '^//   @' "$OUTDIR/transformer_block_$sm.cu"
    if [ -x "$NVCC" ]; then
      arch=${sm#sm_}
      "$NVCC" -std=c++17 -O3 -c "$OUTDIR/transformer_block_$sm.cu" -o "$OUTDIR/transformer_block_$sm.o" \
        -gencode arch=compute_$arch,code=$sm -Xptxas -v 2>&1 | grep -E 'spill' | sort | uniq -c
    fi
  done
fi
echo "== accel-opt --accel-optimize $ATTENTION | accel-translate --accel-to-cuda --accel-sm=sm_90a"
"$BUILD/bin/accel-opt" --accel-optimize "$ATTENTION" |
  "$BUILD/bin/accel-translate" --accel-to-cuda --accel-sm=sm_90a -o "$OUTDIR/attention_sm90a.cu"
grep '^//   @' "$OUTDIR/attention_sm90a.cu"
grep '^extern "C"' "$OUTDIR/attention_sm90a.cu"
echo "== accel-translate --accel-to-ptx --accel-sm=sm_80 (NVRTC)"
if "$BUILD/bin/accel-opt" --accel-optimize "$ATTENTION" |
     "$BUILD/bin/accel-translate" --accel-to-ptx --accel-sm=sm_80 -o "$OUTDIR/attention_sm80.ptx"; then
  echo "$(grep -c '^.visible .entry\|^.weak .entry' "$OUTDIR/attention_sm80.ptx") kernels in $OUTDIR/attention_sm80.ptx"
fi
if [ -x "$NVCC" ]; then
  echo "== nvcc: $OUTDIR/attention_sm90a.cu for sm_90a"
  "$NVCC" -std=c++17 -O3 -c "$OUTDIR/attention_sm90a.cu" -o "$OUTDIR/attention_sm90a.o" \
    -gencode arch=compute_90a,code=sm_90a -Xptxas -v 2>&1 | grep -E 'spill|Used' | sort | uniq -c
  echo "wrote $OUTDIR/attention_sm90a.o (link it with -lcudart and call the accel_* entry points)"
else
  echo "== no nvcc at $NVCC: the CUDA source is in $OUTDIR/attention_sm90a.cu"
fi
