#!/usr/bin/env bash
# The one prepared device check (run from the repo root on the GPU machine,
# with .gpu-bench carried from bench/gpu/prepare.sh): validation, timings
# against the peers, tuning, for the mma.sync library and, on sm_90, for the
# wgmma/TMA one (attention forward and GEMM). Logs and JSON land in $OUT/sm80 and $OUT/sm90a.
#
# Each library runs in its own process under a time limit, so a kernel that
# hangs or poisons its CUDA context costs that library's run, not the other's.
# The sm_90a library differs from the sm_80 one in its forward and GEMM
# kernels and has the FP8 GEMM, so it times only those (fwd, s2, gemm,
# qgemm); the backward timings come
# from the sm_80 run. Extra arguments go to both harness runs (a later
# --time overrides the default).
set -o pipefail
OUT=${OUT:-/tmp/accel-gpu}
LIMIT_SM80=${LIMIT_SM80:-300}
LIMIT_SM90A=${LIMIT_SM90A:-180}
mkdir -p "$OUT"
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm,compute_cap --format=csv | tee "$OUT/device.txt"
status=0
for tag in 80 90a; do
  limit=$LIMIT_SM80
  only=()
  if [ "$tag" = 90a ]; then
    if ! nvidia-smi --query-gpu=compute_cap --format=csv,noheader | grep -q '^9\.0'; then
      echo "run_on_device: not an sm_90 card; the wgmma library is skipped" | tee -a "$OUT/device.txt"
      continue
    fi
    limit=$LIMIT_SM90A
    only=(--time fwd,s2,gemm,qgemm)
  fi
  mkdir -p "$OUT/sm$tag"
  PYTHONUNBUFFERED=1 timeout --signal=KILL "$limit" python3 .gpu-bench/harness.py \
    --lib ".gpu-bench/libaccelbench_sm$tag.so" --target "sm_$tag" --out "$OUT/sm$tag" \
    "${only[@]}" "$@" 2>&1 | tee "$OUT/sm$tag/harness.log"
  rc=$?
  if [ $rc -eq 137 ]; then
    echo "run_on_device: sm_$tag run killed after ${limit}s (a hang?); see its log" | tee -a "$OUT/device.txt"
  fi
  [ $rc -eq 0 ] || status=1
done
exit $status
