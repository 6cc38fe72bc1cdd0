#!/usr/bin/env bash
# The one prepared device check (run from the repo root on the GPU machine,
# with .gpu-bench carried from bench/gpu/prepare.sh): validation, timings
# against the peers, tuning. Logs and JSON land in $OUT.
set -o pipefail
OUT=${OUT:-/tmp/accel-gpu}
mkdir -p "$OUT"
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv | tee "$OUT/device.txt"
PYTHONUNBUFFERED=1 python3 .gpu-bench/harness.py --lib .gpu-bench/libaccelbench.so \
  --out "$OUT" "$@" 2>&1 | tee "$OUT/harness.log"
