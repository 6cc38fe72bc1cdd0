#!/usr/bin/env bash
#===- bench/sass/fetch-cuobjdump.sh - a disassembler for report.py -------===#
#
# Debian's packages and the CUDA install scripts/install-deps.sh makes carry
# no cuobjdump/nvdisasm; PyPI's triton wheel does (NVIDIA's, from CUDA
# 12.8, which reads sm_80 and sm_90a cubins of CUDA 13's nvcc). Unpacks
# them into ~/.cache/accel-deps/cuobjdump (report.py looks there). Pinned.
#===----------------------------------------------------------------------===#
set -euo pipefail
VERSION=3.5.1
DEST=${1:-$HOME/.cache/accel-deps/cuobjdump}
if [ -x "$DEST/cuobjdump" ]; then
  echo "fetch-cuobjdump: present in $DEST"
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m pip download --no-deps --only-binary=:all: --python-version 3.11 \
  --platform manylinux_2_28_x86_64 --platform manylinux_2_27_x86_64 \
  "triton==$VERSION" -d "$work" >/dev/null
(cd "$work" && python3 -m zipfile -e triton-*.whl unpacked >/dev/null)
mkdir -p "$DEST"
cp "$work"/unpacked/triton/backends/nvidia/bin/{cuobjdump,nvdisasm} "$DEST/"
chmod +x "$DEST"/cuobjdump "$DEST"/nvdisasm
echo "fetch-cuobjdump: $("$DEST/cuobjdump" --version | tail -1) in $DEST"
