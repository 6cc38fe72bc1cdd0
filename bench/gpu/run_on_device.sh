#!/usr/bin/env bash
# The one prepared device check (run from the repo root on the GPU machine,
# with .gpu-bench carried from bench/gpu/prepare.sh): validation, timings
# against the peers, tuning, for the mma.sync library and, on sm_90, for the
# wgmma/TMA one. Logs and JSON land in $OUT/sm80 and $OUT/sm90a.
set -o pipefail
OUT=${OUT:-/tmp/accel-gpu}
mkdir -p "$OUT"
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv | tee "$OUT/device.txt"
status=0
for tag in 90a 80; do
  if [ "$tag" = 90a ] && ! nvidia-smi --query-gpu=compute_cap --format=csv,noheader | grep -q '^9\.0'; then
    echo "run_on_device: not an sm_90 card; the wgmma library is skipped" | tee -a "$OUT/device.txt"
    continue
  fi
  mkdir -p "$OUT/sm$tag"
  PYTHONUNBUFFERED=1 python3 .gpu-bench/harness.py --lib ".gpu-bench/libaccelbench_sm$tag.so" \
    --target "sm_$tag" --out "$OUT/sm$tag" "$@" 2>&1 | tee "$OUT/sm$tag/harness.log" || status=1
done
exit $status
