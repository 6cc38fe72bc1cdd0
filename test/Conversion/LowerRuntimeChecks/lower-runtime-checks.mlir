// RUN: accel-opt %s --split-input-file --accel-lower-runtime-checks | FileCheck %s --check-prefix=ABORT
// RUN: accel-opt %s --split-input-file --accel-lower-runtime-checks=mode=report | FileCheck %s --check-prefix=REPORT
// RUN: not accel-opt %s --split-input-file --accel-lower-runtime-checks=mode=exit 2>&1 | FileCheck %s --check-prefix=MODE

// abort: the assertion stays, its message located at the check.
// ABORT-LABEL: func.func @check
// ABORT: cf.assert %{{.+}}, "{{.*}}lower-runtime-checks.mlir:[[# @LINE + 15]]:3: error: 'accel.gather_rows' op expects indices in [0, 3)"
// ABORT-NEXT: return

// report: a branch to a block that calls the host hook with the message.
// REPORT-LABEL: func.func @check
// REPORT-NEXT: cf.cond_br %[[OK:.+]], ^[[CONT:.+]], ^[[FAIL:.+]]
// REPORT: ^[[FAIL]]:
// REPORT-NEXT: %[[TEXT:.+]] = llvm.mlir.addressof @__accel_check_message_0
// REPORT: llvm.call @__accel_runtime_check_failed(%{{.+}})
// REPORT-NEXT: cf.br ^[[CONT]]
// REPORT: ^[[CONT]]:
// REPORT-NEXT: return
// REPORT: llvm.func @__accel_runtime_check_failed(!llvm.ptr)
// MODE: error: accel-lower-runtime-checks expects mode=abort or mode=report, got 'exit'
func.func @check(%ok: i1) {
  cf.assert %ok, "'accel.gather_rows' op expects indices in [0, 3)"
  return
}

// -----

// A check without a file location is still an error line.
// ABORT-LABEL: func.func @unlocated
// ABORT: cf.assert %{{.+}}, "error: sizes differ"
func.func @unlocated(%ok: i1) {
  cf.assert %ok, "sizes differ" loc(unknown)
  return
}

