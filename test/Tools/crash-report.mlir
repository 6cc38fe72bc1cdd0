// A crash prints a short report and exits with status 70, not LLVM's
// bug-report banner and stack dump; --accel-crash-trace (or
// ACCEL_CRASH_TRACE=1) keeps the full trace. accel-test-crash raises SIGSEGV.
// RUN: not accel-opt %s --accel-test-crash 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not=PLEASE --implicit-check-not="Stack dump" --implicit-check-not="#0"
// RUN: not --crash accel-opt %s --accel-test-crash --accel-crash-trace 2>&1 | FileCheck %s --check-prefix=TRACE
// RUN: env ACCEL_CRASH_TRACE=1 not --crash accel-opt %s --accel-test-crash 2>&1 | FileCheck %s --check-prefix=TRACE

// CHECK: {{^}}accel-opt: internal error: the tool crashed in
// CHECK-NEXT: {{^}}This is a bug in accel; please report it with the input.
// CHECK-NEXT: {{^}}Rerun with --accel-crash-trace (or ACCEL_CRASH_TRACE=1) for the full stack trace.
// TRACE: PrintStackTrace

func.func @f() {
  return
}
