#!/usr/bin/env bash
#===- scripts/test.sh - build accel and run every test -------------------===#
#
# The one test command (README.md; .ci/run calls exactly this):
#   1. installs the dependencies (idempotent),
#   2. builds accel (Release, ccache, Ninja) and runs the lit suite (regression
#      + GoogleTest), then the regression suite again with --verify-roundtrip,
#   3. builds the libFuzzer target with ASan+UBSan (clang) and fuzzes it for
#      a fixed budget (ACCEL_FUZZ_SECONDS, default 60) from the lit corpus,
#   4. prints one closing line: "N passed, N failed".
# Environment: ACCEL_BUILD_DIR (build), ACCEL_BUILD_TYPE (Release),
# ACCEL_FUZZ_SECONDS (60; 0 skips fuzzing), ACCEL_SKIP_DEPS=1.
#===----------------------------------------------------------------------===#
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${ACCEL_BUILD_DIR:-$ROOT/build}
FUZZ_BUILD=${ACCEL_FUZZ_BUILD_DIR:-$ROOT/build-fuzz}
BUILD_TYPE=${ACCEL_BUILD_TYPE:-Release}
FUZZ_SECONDS=${ACCEL_FUZZ_SECONDS:-60}
LLVM=/usr/lib/llvm-22
LIT=$LLVM/bin/lit
export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/accel-ccache}
export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-5G}

if [ "${ACCEL_SKIP_DEPS:-0}" != 1 ]; then
  "$ROOT/scripts/install-deps.sh"
fi

passed=0
failed=0
# Adds the counts of a lit xunit report to the totals.
count_xunit() {
  local counts
  counts=$(python3 - "$1" <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
cases = root.iter("testcase")
p = f = 0
for c in cases:
    if c.find("skipped") is not None:
        continue
    if c.find("failure") is not None or c.find("error") is not None:
        f += 1
    else:
        p += 1
print(p, f)
PY
)
  passed=$((passed + ${counts% *}))
  failed=$((failed + ${counts#* }))
}

echo "== build ($BUILD_TYPE) in $BUILD"
cmake -G Ninja -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE="$BUILD_TYPE" \
  -DLLVM_EXTERNAL_LIT="$LIT" >/dev/null
ninja -C "$BUILD" all AccelDocGen

status=0
echo "== lit: regression and unit tests"
"$LIT" -sv --xunit-xml-output="$BUILD/lit-results.xml" "$BUILD/test" || status=1
count_xunit "$BUILD/lit-results.xml"

echo "== lit: regression tests with --verify-roundtrip"
"$LIT" -sv --param verify_roundtrip=1 --xunit-xml-output="$BUILD/lit-roundtrip.xml" \
  "$BUILD/test/Dialect" "$BUILD/test/Examples" || status=1
count_xunit "$BUILD/lit-roundtrip.xml"

if [ "$FUZZ_SECONDS" != 0 ]; then
  echo "== fuzz: accel-fuzz (ASan+UBSan) for ${FUZZ_SECONDS}s"
  CC=$LLVM/bin/clang CXX=$LLVM/bin/clang++ cmake -G Ninja -S "$ROOT" -B "$FUZZ_BUILD" \
    -DCMAKE_BUILD_TYPE=Debug -DACCEL_ENABLE_FUZZER=ON -DACCEL_BUILD_UNITTESTS=OFF \
    -DLLVM_EXTERNAL_LIT="$LIT" >/dev/null
  ninja -C "$FUZZ_BUILD" accel-fuzz
  work=$(mktemp -d)
  python3 "$ROOT/scripts/make-fuzz-corpus.py" "$work/seeds"
  mkdir -p "$work/corpus"
  # A crash, hang (-timeout), leak or sanitizer report makes libFuzzer exit
  # non-zero and leave the input under $work/.
  # The tools parse on a 1 GiB stack (deeply nested text is a diagnostic);
  # give the fuzzer the same, or nesting overflows ASan's larger frames.
  if (ulimit -s 1048576 2>/dev/null; cd "$work" && "$FUZZ_BUILD/bin/accel-fuzz" -max_total_time="$FUZZ_SECONDS" \
        -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
        -dict="$ROOT/tools/accel-fuzz/mlir.dict" \
        corpus seeds >"$work/fuzz.log" 2>&1); then
    passed=$((passed + 1))
    grep -E '^(Done|stat::number_of_executed_units)' "$work/fuzz.log" || true
  else
    failed=$((failed + 1))
    status=1
    tail -60 "$work/fuzz.log"
    for f in "$work"/crash-* "$work"/timeout-* "$work"/leak-* "$work"/oom-*; do
      [ -e "$f" ] || continue
      echo "-- fuzzer finding $f:"; cat "$f"; echo
    done
  fi
fi

echo
echo "$passed passed, $failed failed"
exit $status
